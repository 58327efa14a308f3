// Float64 matrix products in WebAssembly SIMD, compiled by AssemblyScript (scripts/build-wasm.mjs)
// twice: with plain SIMD (f64x2 mul, then add: each entry summed in order p = 0, 1, ... and
// rounded twice, bit for bit what the JavaScript kernel in src/engine/matmul-kernel.ts computes)
// and with relaxed SIMD (f64x2.relaxed_madd, which may fuse: last bits differ).
//
// C (m x n, row-major, contiguous) = or += op(A) · op(B), where op(A)[i][p] = a[i*ars + p*acs]
// and op(B)[p][j] = b[p*brs + j*bcs] (strides in elements), so the transposed forms that backward
// needs (Aᵀ·B, A·Bᵀ) are the same kernel with other strides. Both operands are first packed into
// panels, zero-padded (a padded row or column only feeds outputs that are never stored), so the
// inner loop reads two contiguous streams while a tile of C stays in registers. Columns are
// blocked so that a block of B stays in L2 while every tile of A passes over it; k is not
// blocked: every entry's sum runs over p in order, which keeps it exact-order. Terms whose factor
// from A is zero are left out where B is finite, which changes no bit (packA); where op(A) is under
// 30% nonzero and op(B)'s rows are contiguous, each row is summed over its own terms instead
// (rows.ts, sparseProduct below), with the same bits.

import { madd } from './madd'
import { listNonzerosBytes } from './bytes'
import { finiteRows, listNonzeros, rowsProduct } from './rows'

export { epilogue } from './epilogue'

/** Rows of C per tile: 6 with relaxed SIMD, 4 with plain SIMD (see gemm). */
const R: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 4
const EXP: u64 = 0x7ff0000000000000

/** Packs op(B)'s columns (the rows of op(B)ᵀ) in groups of 4: for each group g and each p, the 4
 *  values x[(4g + r)*rs + p*cs], zero past `rows`. Reading p by p takes 4 values from 4 rows at a
 *  time: 4 sequential streams for a row-major B, one contiguous run for a transposed one. Returns
 *  whether every value is finite (no exponent of all ones). */
function packB(x: usize, rs: i32, cs: i32, rows: i32, k: i32, out: usize): bool {
  const groups = (rows + 3) >> 2
  const rstep = <usize>rs * 8, pstep = <usize>cs * 8
  let dst = out, bad = false
  for (let g = 0; g < groups; g++) {
    const h = min(4, rows - g * 4)
    let src = x + <usize>(g * 4) * rstep
    for (let p = 0; p < k; p++) {
      let s = src
      for (let r = 0; r < h; r++) {
        const v = load<u64>(s)
        bad |= (v & EXP) == EXP
        store<u64>(dst, v)
        s += rstep
        dst += 8
      }
      for (let r = h; r < 4; r++) {
        store<f64>(dst, 0.0)
        dst += 8
      }
      src += pstep
    }
  }
  return !bad
}

/** Packs the h (at most R) rows of op(A) from `x` for one tile: for each p, the R values
 *  x[r*rs + p*cs] (zero past h) at `out`, and p in `idx`. With `skip`, a p where all h values are
 *  zero is left out: its terms are all ±0 (op(B) is finite), and a sum that starts at +0 is left
 *  bit for bit as it is by adding ±0, so each entry comes out as the full sum would. Returns how
 *  many p were kept. MNIST's images are four fifths zeros: a tile keeps 43% of its p forward
 *  (6 images) and 34% in Xᵀ·G (6 pixels). */
function packA(x: usize, rs: i32, cs: i32, h: i32, k: i32, out: usize, idx: usize, skip: bool): i32 {
  const rstep = <usize>rs * 8, pstep = <usize>cs * 8
  let dst = out, src = x, kept = 0
  for (let p = 0; p < k; p++) {
    let s = src, nz = !skip
    for (let r = 0; r < h; r++) {
      const v = load<f64>(s)
      nz |= v != 0
      store<f64>(dst + (<usize>r << 3), v)
      s += rstep
    }
    for (let r = h; r < R; r++) store<f64>(dst + (<usize>r << 3), 0.0)
    store<i32>(idx + (<usize>kept << 2), p) // written always, kept only when nz
    if (nz) {
      kept++
      dst += <usize>R * 8
    }
    src += pstep
  }
  return kept
}

@inline function put(c: usize, v: v128, lane: i32, acc: bool, zero: bool): void {
  const x = lane == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1)
  store<f64>(c, acc ? load<f64>(c) + x : zero ? 0.0 + x : x)
}

/** Stores row r of a tile (lo = columns 0, 1; hi = 2, 3), only its first `w` columns: added to
 *  C with `acc`, else added to +0 with `zero` (C known to be all +0: the same bits, unread). */
@inline function storeRow(c: usize, lo: v128, hi: v128, w: i32, acc: bool, zero: bool): void {
  if (w == 4) {
    if (acc) {
      v128.store(c, f64x2.add(v128.load(c), lo))
      v128.store(c, f64x2.add(v128.load(c, 16), hi), 16)
    } else if (zero) {
      v128.store(c, f64x2.add(f64x2.splat(0), lo))
      v128.store(c, f64x2.add(f64x2.splat(0), hi), 16)
    } else {
      v128.store(c, lo)
      v128.store(c, hi, 16)
    }
    return
  }
  put(c, lo, 0, acc, zero)
  if (w > 1) put(c + 8, lo, 1, acc, zero)
  if (w > 2) put(c + 16, hi, 0, acc, zero)
}

/** One tile of C (h rows, w columns at `cp`): the sum over the `kept` packed p of tile `ap` and
 *  the 4 columns of B at `bq`. `P` says where each p comes from: i32, read from `idx`; f64, none
 *  (p = 0, 1, ...). A type, not a flag, so that each form is compiled with its own loop (binaryen
 *  folds two inlined copies that differ only in a constant back into one loop that tests it). */
@inline function tileProduct<P>(ap: usize, bq: usize, idx: usize, kept: i32, cp: usize, n: i32, h: i32, w: i32, acc: bool, zero: bool): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0)
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0)
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0)
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0)
  let c40 = f64x2.splat(0), c41 = f64x2.splat(0)
  let c50 = f64x2.splat(0), c51 = f64x2.splat(0)
  let bp = bq, ip = idx
  for (let t = 0; t < kept; t++) {
    if (isInteger<P>()) {
      bp = bq + (<usize>load<i32>(ip) << 5)
      ip += 4
    }
    const b0 = v128.load(bp), b1 = v128.load(bp, 16)
    let x = v128.load64_splat(ap)
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01)
    x = v128.load64_splat(ap, 8)
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11)
    x = v128.load64_splat(ap, 16)
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21)
    x = v128.load64_splat(ap, 24)
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31)
    if (R > 4) {
      x = v128.load64_splat(ap, 32)
      c40 = madd(x, b0, c40); c41 = madd(x, b1, c41)
      x = v128.load64_splat(ap, 40)
      c50 = madd(x, b0, c50); c51 = madd(x, b1, c51)
    }
    ap += <usize>R * 8
    if (!isInteger<P>()) bp += 32
  }
  const row = <usize>n * 8
  storeRow(cp, c00, c01, w, acc, zero)
  if (h > 1) storeRow(cp + row, c10, c11, w, acc, zero)
  if (h > 2) storeRow(cp + 2 * row, c20, c21, w, acc, zero)
  if (h > 3) storeRow(cp + 3 * row, c30, c31, w, acc, zero)
  if (R > 4 && h > 4) storeRow(cp + 4 * row, c40, c41, w, acc, zero)
  if (R > 5 && h > 5) storeRow(cp + 5 * row, c50, c51, w, acc, zero)
}

/** Columns of C per block: 4-column groups whose packed panel (32 * k bytes each) fills 256 KiB,
 *  half this machine's L2, so that a block of B stays there while every tile of A passes over it
 *  (looping tiles outside columns streams all of B from L3 for every tile). */
@inline function groupsPerBlock(k: i32): i32 {
  return max(1, 8192 / max(k, 1))
}

/**
 * Plain SIMD: a 4 x 4 tile in 8 registers (a 6 x 4 tile measured 20% slower in V8: mul then add
 * needs temporaries, and it spills). Relaxed SIMD: a 6 x 4 tile in 12, since a fused madd needs
 * none (12% faster in Chromium). The rows past 4 are compiled only into the relaxed build. Each
 * entry is summed in the same order either way. `pa` holds every tile of op(A) at R * k values
 * each, then each tile's count and k indices (see tileRoom in src/engine/kernels/wasm.ts), `pb`
 * ceil(n / 4) * 4 * k values. `skipZeros` leaves out the zero terms (see packA): the engine asks
 * for it, the benchmark's dense reference (step.ts) does not. `accumulate`: 0 writes C, 1 adds to
 * it, 2 adds to +0 without reading C (a grad known to be all +0: the same bits as 1 on zeros).
 */
export function gemm(a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize,
  m: i32, n: i32, k: i32, accumulate: i32, pa: usize, pb: usize, skipZeros: i32): void {
  if (skipZeros != 0 && bcs == 1 && sparseProduct(a, 0, ars, acs, b, brs, c, m, n, k, accumulate, pa)) return
  tiles(a, ars, acs, b, brs, bcs, c, m, n, k, accumulate, pa, pb, skipZeros)
}

/**
 * gemm for op(A) given as bytes at `src` (stored m x k, or k x m when acs = m: op(A) = Aᵀ), each
 * standing for table[byte], where a byte is nonzero exactly where its value is (the caller checks
 * the table): row by row from the bytes where sparse enough (bytes.ts), otherwise made into
 * Float64s at `a` (unpackBytes) and multiplied in tiles, zero terms left out. The same bits as
 * gemm on the unpacked values, with skipZeros.
 */
export function gemmBytes(src: usize, table: usize, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize,
  m: i32, n: i32, k: i32, accumulate: i32, pa: usize, pb: usize): void {
  if (bcs == 1 && sparseProduct(src, table, ars, acs, b, brs, c, m, n, k, accumulate, pa)) return
  unpackBytes(src, m * k, table, a)
  tiles(a, ars, acs, b, brs, bcs, c, m, n, k, accumulate, pa, pb, 1)
}

/** gemm's tiles (see gemm). */
function tiles(a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize,
  m: i32, n: i32, k: i32, accumulate: i32, pa: usize, pb: usize, skipZeros: i32): void {
  const skip = packB(b, bcs, brs, n, k, pb) && skipZeros != 0 // op(B)'s columns are the rows of op(B)ᵀ
  const acc = accumulate == 1, zero = accumulate == 2
  const ig = (m + R - 1) / R, jg = (n + 3) >> 2
  const tile = <usize>(R * k) * 8
  const counts = pa + <usize>ig * tile, indices = counts + <usize>ig * 4
  for (let gi = 0; gi < ig; gi++) {
    const i = gi * R
    const kept = packA(a + <usize>i * <usize>ars * 8, ars, acs, min(R, m - i), k, pa + <usize>gi * tile, indices + <usize>(gi * k) * 4, skip)
    store<i32>(counts + (<usize>gi << 2), kept)
  }
  const gb = groupsPerBlock(k)
  for (let jb = 0; jb < jg; jb += gb) {
    const jend = min(jg, jb + gb)
    for (let gi = 0; gi < ig; gi++) {
      const i = gi * R
      const h = min(R, m - i)
      const kept = load<i32>(counts + (<usize>gi << 2))
      const idx = indices + <usize>(gi * k) * 4
      const ap = pa + <usize>gi * tile
      for (let gj = jb; gj < jend; gj++) {
        const j = gj * 4
        const cp = c + <usize>(i * n + j) * 8, bq = pb + <usize>(gj * k * 4) * 8
        // the same loop twice: indexed where zeros were left out, sequential (faster) where not
        if (kept < k) tileProduct<i32>(ap, bq, idx, kept, cp, n, h, min(4, n - j), acc, zero)
        else tileProduct<f64>(ap, bq, idx, kept, cp, n, h, min(4, n - j), acc, zero)
      }
    }
  }
}

/** Below this share of nonzero terms, op(A)'s rows are summed alone (rows.ts); above, in tiles. */
const SPARSE_SHARE: f64 = 0.3

/** C = or += op(A) · op(B) by rows.ts where op(A) is sparse enough and op(B) finite, its rows
 *  contiguous (bcs = 1); false, having written nothing to C, where not. `table` ≠ 0: `a` holds
 *  bytes standing for its entries (see gemmBytes). The term lists use `pa`: m + 1 row starts,
 *  then limit + k + 1 offsets and as many values (within tileRoom's m * k). */
function sparseProduct(a: usize, table: usize, ars: i32, acs: i32, b: usize, brs: i32, c: usize, m: i32, n: i32, k: i32, accumulate: i32, pa: usize): bool {
  const limit = <i32>(SPARSE_SHARE * <f64>m * <f64>k)
  const rows = pa, offs = rows + ((<usize>(m + 2) << 2) & ~7), vals = offs + ((<usize>(limit + k + 2) << 2) & ~7) // (m + 1) and (limit + k + 1) i32s, rounded up to 8 bytes
  const listed = table != 0
    ? listNonzerosBytes(a, table, ars == 1 && acs != 1, m, k, brs, rows, vals, offs, limit)
    : listNonzeros(a, ars, acs, m, k, brs, rows, vals, offs, limit)
  if (!listed || !finiteRows(b, brs, n, k)) return false
  // onto zeros: each row's sum is added to the +0 it starts from (rows.ts adds to C)
  if (accumulate == 2) memory.fill(c, 0, <usize>m * <usize>n * 8)
  rowsProduct(rows, vals, offs, b, c, m, n, accumulate != 0)
  return true
}

/** dst[i] = table[src[i]] for i < n, Float64s: bytes made into the numbers they stand for
 *  (MNIST's grey levels, g / 255), by the same table as src/engine/kernels/wasm.ts writeBytes. */
export function unpackBytes(src: usize, n: i32, table: usize, dst: usize): void {
  for (let i = 0; i < n; i++) store<f64>(dst + (<usize>i << 3), load<f64>(table + (<usize>load<u8>(src + <usize>i) << 3)))
}
