// Float64 matrix products in WebAssembly SIMD, compiled by AssemblyScript (scripts/build-wasm.mjs)
// twice: with plain SIMD (f64x2 mul, then add: each entry summed in order p = 0, 1, ... and
// rounded twice, bit for bit what the JavaScript kernel in src/engine/matmul-kernel.ts computes)
// and with relaxed SIMD (f64x2.relaxed_madd, which may fuse: last bits differ).
//
// C (m x n, row-major, contiguous) = or += op(A) · op(B), where op(A)[i][p] = a[i*ars + p*acs]
// and op(B)[p][j] = b[p*brs + j*bcs] (strides in elements), so the transposed forms that backward
// needs (Aᵀ·B, A·Bᵀ) are the same kernel with other strides. Both operands are first packed into
// panels, zero-padded (a padded row or column only feeds outputs that are never stored), so the
// inner loop reads two contiguous streams while a tile of C stays in registers.
// k is not blocked: every entry's sum runs over all of p in order, which keeps it exact-order.

@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c)
  return f64x2.add(c, f64x2.mul(a, b))
}

/** Packs op(X)'s rows (or, with swapped strides, op(B)'s columns) in groups of `w`: for each group
 *  g and each p, the w values x[(wg + r)*rs + p*cs] for r = 0..w-1, zero past `rows`. Reading
 *  p by p takes w values from w rows at a time: w sequential streams for a row-major X, one
 *  contiguous run for a transposed one. */
function pack(x: usize, rs: i32, cs: i32, rows: i32, k: i32, out: usize, w: i32): void {
  const groups = (rows + w - 1) / w
  const rstep = <usize>rs * 8, pstep = <usize>cs * 8
  let dst = out
  for (let g = 0; g < groups; g++) {
    const h = min(w, rows - g * w)
    let src = x + <usize>(g * w) * rstep
    for (let p = 0; p < k; p++) {
      let s = src
      for (let r = 0; r < h; r++) {
        store<f64>(dst, load<f64>(s))
        s += rstep
        dst += 8
      }
      for (let r = h; r < w; r++) {
        store<f64>(dst, 0.0)
        dst += 8
      }
      src += pstep
    }
  }
}

@inline function put(c: usize, v: v128, lane: i32, acc: bool): void {
  const x = lane == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1)
  store<f64>(c, acc ? load<f64>(c) + x : x)
}

/** Stores row r of a tile (lo = columns 0, 1; hi = 2, 3), only its first `w` columns. */
@inline function storeRow(c: usize, lo: v128, hi: v128, w: i32, acc: bool): void {
  if (w == 4) {
    if (acc) {
      v128.store(c, f64x2.add(v128.load(c), lo))
      v128.store(c, f64x2.add(v128.load(c, 16), hi), 16)
    } else {
      v128.store(c, lo)
      v128.store(c, hi, 16)
    }
    return
  }
  put(c, lo, 0, acc)
  if (w > 1) put(c + 8, lo, 1, acc)
  if (w > 2) put(c + 16, hi, 0, acc)
}

/** Rows of C per tile: 6 with relaxed SIMD, 4 with plain SIMD (see gemm). */
const R: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 4

/**
 * Plain SIMD: a 4 x 4 tile in 8 registers (a 6 x 4 tile measured 20% slower in V8: mul then add
 * needs temporaries, and it spills). Relaxed SIMD: a 6 x 4 tile in 12, since a fused madd needs
 * none (12% faster in Chromium). The rows past 4 are compiled only into the relaxed build. Each
 * entry is summed in the same order either way. `pa` needs room for ceil(m / R) * R * k values
 * (m + 5 rows is enough for both), `pb` for ceil(n / 4) * 4 * k.
 */
export function gemm(a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize,
  m: i32, n: i32, k: i32, accumulate: i32, pa: usize, pb: usize): void {
  pack(a, ars, acs, m, k, pa, R)
  pack(b, bcs, brs, n, k, pb, 4) // op(B)'s columns are the rows of op(B)ᵀ
  const acc = accumulate != 0
  const ig = (m + R - 1) / R, jg = (n + 3) >> 2
  for (let gi = 0; gi < ig; gi++) {
    const ap0 = pa + <usize>(gi * k * R) * 8
    const i = gi * R
    const h = min(R, m - i)
    for (let gj = 0; gj < jg; gj++) {
      let ap = ap0
      let bp = pb + <usize>(gj * k * 4) * 8
      const j = gj * 4
      const w = min(4, n - j)
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0)
      let c10 = f64x2.splat(0), c11 = f64x2.splat(0)
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0)
      let c30 = f64x2.splat(0), c31 = f64x2.splat(0)
      let c40 = f64x2.splat(0), c41 = f64x2.splat(0)
      let c50 = f64x2.splat(0), c51 = f64x2.splat(0)
      for (let p = 0; p < k; p++) {
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
        bp += 32
      }
      const cp = c + <usize>(i * n + j) * 8, row = <usize>n * 8
      storeRow(cp, c00, c01, w, acc)
      if (h > 1) storeRow(cp + row, c10, c11, w, acc)
      if (h > 2) storeRow(cp + 2 * row, c20, c21, w, acc)
      if (h > 3) storeRow(cp + 3 * row, c30, c31, w, acc)
      if (R > 4 && h > 4) storeRow(cp + 4 * row, c40, c41, w, acc)
      if (R > 5 && h > 5) storeRow(cp + 5 * row, c50, c51, w, acc)
    }
  }
}
