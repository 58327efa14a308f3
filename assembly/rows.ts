// Products whose op(A) is mostly zeros (MNIST's images, four fifths zeros, and their transpose in
// Xᵀ·G), row by row over op(A)'s nonzero terms only. gemm's tiles must keep a term when any row of
// the tile needs it (43% of them forward with 6 rows), a row alone needs 19%. Each entry of C is
// still its row's sum over p in order from +0, leaving out only terms that are ±0 (op(B) is
// finite, checked first), so it is bit for bit what the full sum gives. op(B) is read where it is
// (its rows contiguous), with no packing.
import { madd } from './madd'

const EXP: u64 = 0x7ff0000000000000

/** Lists the nonzero terms of op(A) (m x k) by row: row i's run from rows[i] to rows[i + 1] of
 *  `vals` (the values) and `offs` (byte offsets p * brs * 8 of the rows of op(B) they meet).
 *  Returns false, unfinished, once more than `limit` are found (room: limit + k + 1 of each). */
export function listNonzeros(a: usize, ars: i32, acs: i32, m: i32, k: i32, brs: i32, rows: usize, vals: usize, offs: usize, limit: i32): bool {
  if (ars == 1 && acs != 1) return listTransposed(a, acs, m, k, brs, rows, vals, offs, limit)
  const rstep = <usize>ars * 8, pstep = <usize>acs * 8, bstep = brs * 8
  let nnz = 0
  for (let i = 0; i < m; i++) {
    store<i32>(rows + (<usize>i << 2), nnz)
    let s = a + <usize>i * rstep, p = 0
    // a contiguous row four values at a time: four zeros (three quarters of MNIST's) cost one test
    if (acs == 1) {
      for (; p + 4 <= k; p += 4, s += 32) {
        if (!anyNonzero(s)) continue
        nnz = keep(s, p * bstep, nnz, vals, offs)
        nnz = keep(s + 8, (p + 1) * bstep, nnz, vals, offs)
        nnz = keep(s + 16, (p + 2) * bstep, nnz, vals, offs)
        nnz = keep(s + 24, (p + 3) * bstep, nnz, vals, offs)
      }
    }
    for (; p < k; p++, s += pstep) nnz = keep(s, p * bstep, nnz, vals, offs)
    if (nnz > limit) return false
  }
  store<i32>(rows + (<usize>m << 2), nnz)
  return true
}

@inline function anyNonzero(s: usize): bool {
  const zero = f64x2.splat(0)
  return v128.any_true(v128.or(f64x2.ne(v128.load(s), zero), f64x2.ne(v128.load(s, 16), zero)))
}

/** listNonzeros for op(A) = Aᵀ, A stored k x m (as Xᵀ in Xᵀ·G): A's rows are read where they are
 *  contiguous, twice, counting each column's terms and then placing them (a counting sort), so that
 *  each row of op(A) still lists its terms in order of p. */
function listTransposed(a: usize, acs: i32, m: i32, k: i32, brs: i32, rows: usize, vals: usize, offs: usize, limit: i32): bool {
  const pstep = <usize>acs * 8, bstep = brs * 8
  memory.fill(rows, 0, <usize>(m + 1) << 2)
  let seen = 0
  for (let p = 0; p < k; p++) {
    let s = a + <usize>p * pstep, i = 0
    for (; i + 4 <= m; i += 4, s += 32) {
      if (!anyNonzero(s)) continue
      seen += count(s, i, rows) + count(s + 8, i + 1, rows) + count(s + 16, i + 2, rows) + count(s + 24, i + 3, rows)
    }
    for (; i < m; i++, s += 8) seen += count(s, i, rows)
    if (seen > limit) return false // dense: known after as few rows as the limit allows
  }
  countsToStarts(rows, m)
  // place, using rows[i + 1] as row i's next free place; it ends as row i + 1's start
  for (let p = 0; p < k; p++) {
    let s = a + <usize>p * pstep, i = 0
    for (; i + 4 <= m; i += 4, s += 32) {
      if (!anyNonzero(s)) continue
      place(s, i, p * bstep, rows, vals, offs)
      place(s + 8, i + 1, p * bstep, rows, vals, offs)
      place(s + 16, i + 2, p * bstep, rows, vals, offs)
      place(s + 24, i + 3, p * bstep, rows, vals, offs)
    }
    for (; i < m; i++, s += 8) place(s, i, p * bstep, rows, vals, offs)
  }
  return true
}

/** The counting sort's middle: rows[i + 1] held row i's count; now rows[i] holds row i's start
 *  (and rows[i + 1] row i's next free place). */
export function countsToStarts(rows: usize, m: i32): void {
  let total = 0
  for (let i = 0; i <= m; i++) {
    const c = load<i32>(rows + (<usize>i << 2))
    store<i32>(rows + (<usize>i << 2), total)
    total += c
  }
}

@inline function count(s: usize, i: i32, rows: usize): i32 {
  const at = rows + (<usize>(i + 1) << 2), nz = i32(load<f64>(s) != 0)
  store<i32>(at, load<i32>(at) + nz)
  return nz
}

@inline function place(s: usize, i: i32, off: i32, rows: usize, vals: usize, offs: usize): void {
  const v = load<f64>(s)
  if (v == 0) return
  const at = rows + (<usize>(i + 1) << 2), t = load<i32>(at)
  store<f64>(vals + (<usize>t << 3), v)
  store<i32>(offs + (<usize>t << 2), off)
  store<i32>(at, t + 1)
}

/** Appends the value at s and its offset; written always, counted only when nonzero (-0 is not):
 *  no branch to mispredict on a pixel's ink. */
@inline function keep(s: usize, off: i32, nnz: i32, vals: usize, offs: usize): i32 {
  const v = load<f64>(s)
  store<f64>(vals + (<usize>nnz << 3), v)
  store<i32>(offs + (<usize>nnz << 2), off)
  return nnz + i32(v != 0)
}

/** Whether the k rows of n values at b (rows brs elements apart) hold no infinity or NaN. */
export function finiteRows(b: usize, brs: i32, n: i32, k: i32): bool {
  const e = i64x2.splat(EXP)
  let bad = i64x2.splat(0)
  let tail = false
  for (let p = 0; p < k; p++) {
    const r = b + <usize>(p * brs) * 8
    let j = 0
    for (; j + 2 <= n; j += 2) bad = v128.or(bad, i64x2.eq(v128.and(v128.load(r + (<usize>j << 3)), e), e))
    if (j < n) tail |= (load<u64>(r + (<usize>j << 3)) & EXP) == EXP
  }
  return !tail && !v128.any_true(bad)
}

@inline function put2(c: usize, v: v128, acc: bool): void {
  v128.store(c, acc ? f64x2.add(v128.load(c), v) : v)
}

/**
 * C (m x n, row-major) = or += op(A) · op(B) over the terms listed by listNonzeros, op(B)'s row p
 * at b + offs (its n values contiguous). Columns go 16 at a time (8 registers), all rows over one
 * block of op(B), which stays in L2 (784 rows x 128 bytes); then 2, then 1.
 */
export function rowsProduct(rows: usize, vals: usize, offs: usize, b: usize, c: usize, m: i32, n: i32, acc: bool): void {
  const row = <usize>n * 8
  let j = 0
  for (; j + 16 <= n; j += 16) {
    const bj = b + (<usize>j << 3)
    for (let i = 0; i < m; i++) {
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0)
      let c4 = f64x2.splat(0), c5 = f64x2.splat(0), c6 = f64x2.splat(0), c7 = f64x2.splat(0)
      const end = load<i32>(rows + (<usize>(i + 1) << 2))
      for (let t = load<i32>(rows + (<usize>i << 2)); t < end; t++) {
        const x = v128.load64_splat(vals + (<usize>t << 3))
        const bp = bj + <usize>load<i32>(offs + (<usize>t << 2))
        c0 = madd(x, v128.load(bp), c0); c1 = madd(x, v128.load(bp, 16), c1)
        c2 = madd(x, v128.load(bp, 32), c2); c3 = madd(x, v128.load(bp, 48), c3)
        c4 = madd(x, v128.load(bp, 64), c4); c5 = madd(x, v128.load(bp, 80), c5)
        c6 = madd(x, v128.load(bp, 96), c6); c7 = madd(x, v128.load(bp, 112), c7)
      }
      const cp = c + <usize>i * row + (<usize>j << 3)
      put2(cp, c0, acc); put2(cp + 16, c1, acc); put2(cp + 32, c2, acc); put2(cp + 48, c3, acc)
      put2(cp + 64, c4, acc); put2(cp + 80, c5, acc); put2(cp + 96, c6, acc); put2(cp + 112, c7, acc)
    }
  }
  for (; j < n; j += 2) {
    const one = j + 1 == n // the last column alone: lane 1 reads past it and is not stored
    const bj = b + (<usize>j << 3)
    for (let i = 0; i < m; i++) {
      let s = f64x2.splat(0)
      const end = load<i32>(rows + (<usize>(i + 1) << 2))
      for (let t = load<i32>(rows + (<usize>i << 2)); t < end; t++) {
        const bp = bj + <usize>load<i32>(offs + (<usize>t << 2))
        s = madd(v128.load64_splat(vals + (<usize>t << 3)), one ? v128.load64_zero(bp) : v128.load(bp), s)
      }
      const cp = c + <usize>i * row + (<usize>j << 3)
      if (one) {
        const x = f64x2.extract_lane(s, 0)
        store<f64>(cp, acc ? load<f64>(cp) + x : x)
      } else put2(cp, s, acc)
    }
  }
}
