// rows.ts's term lists read from bytes (MNIST's batches: grey levels, each standing for
// table[byte]), so that a batch is never made into Float64s for the forward product X·W1 or for
// Xᵀ·G: a byte is read where its Float64 took eight. The caller checks that a byte is nonzero
// exactly where its value is (table[0] is ±0, no other entry is: a NaN is nonzero in both), so the
// lists are the ones listNonzeros makes from the unpacked values: the same terms, in the same
// order, with the same values.

import { countsToStarts } from './rows'

/** listNonzeros (rows.ts) for op(A) given as bytes at `src`, A stored m x k (`transposed`: k x m,
 *  op(A) = Aᵀ), each byte standing for table[byte]. Same lists, same room, same `false`. */
export function listNonzerosBytes(src: usize, table: usize, transposed: bool, m: i32, k: i32, brs: i32,
  rows: usize, vals: usize, offs: usize, limit: i32): bool {
  if (transposed) return listTransposedBytes(src, table, m, k, brs, rows, vals, offs, limit)
  const bstep = brs * 8
  let nnz = 0
  for (let i = 0; i < m; i++) {
    store<i32>(rows + (<usize>i << 2), nnz)
    let s = src + <usize>i * <usize>k, p = 0
    // sixteen zeros (most of an image's edge) cost one test
    for (; p + 16 <= k; p += 16, s += 16) {
      if (!v128.any_true(v128.load(s))) continue
      for (let q = 0; q < 16; q++) nnz = keep(s + q, table, (p + q) * bstep, nnz, vals, offs)
    }
    for (; p < k; p++, s++) nnz = keep(s, table, p * bstep, nnz, vals, offs)
    if (nnz > limit) return false
  }
  store<i32>(rows + (<usize>m << 2), nnz)
  return true
}

/** rows.ts's listTransposed from bytes: A's rows (m bytes each) read twice where they lie,
 *  counting each column's terms, then placing them, so that each row of op(A) lists its terms in
 *  order of p. */
function listTransposedBytes(src: usize, table: usize, m: i32, k: i32, brs: i32, rows: usize, vals: usize, offs: usize, limit: i32): bool {
  const bstep = brs * 8
  memory.fill(rows, 0, <usize>(m + 1) << 2)
  let seen = 0
  for (let p = 0; p < k; p++) {
    let s = src + <usize>p * <usize>m, i = 0
    for (; i + 16 <= m; i += 16, s += 16) {
      if (!v128.any_true(v128.load(s))) continue
      for (let q = 0; q < 16; q++) seen += count(s + q, i + q, rows)
    }
    for (; i < m; i++, s++) seen += count(s, i, rows)
    if (seen > limit) return false
  }
  countsToStarts(rows, m)
  for (let p = 0; p < k; p++) {
    let s = src + <usize>p * <usize>m, i = 0
    for (; i + 16 <= m; i += 16, s += 16) {
      if (!v128.any_true(v128.load(s))) continue
      for (let q = 0; q < 16; q++) place(s + q, table, i + q, p * bstep, rows, vals, offs)
    }
    for (; i < m; i++, s++) place(s, table, i, p * bstep, rows, vals, offs)
  }
  return true
}

@inline function value(s: usize, table: usize): f64 {
  return load<f64>(table + (<usize>load<u8>(s) << 3))
}

@inline function keep(s: usize, table: usize, off: i32, nnz: i32, vals: usize, offs: usize): i32 {
  store<f64>(vals + (<usize>nnz << 3), value(s, table))
  store<i32>(offs + (<usize>nnz << 2), off)
  return nnz + i32(load<u8>(s) != 0)
}

@inline function count(s: usize, i: i32, rows: usize): i32 {
  const at = rows + (<usize>(i + 1) << 2), nz = i32(load<u8>(s) != 0)
  store<i32>(at, load<i32>(at) + nz)
  return nz
}

@inline function place(s: usize, table: usize, i: i32, off: i32, rows: usize, vals: usize, offs: usize): void {
  if (load<u8>(s) == 0) return
  const at = rows + (<usize>(i + 1) << 2), t = load<i32>(at)
  store<f64>(vals + (<usize>t << 3), value(s, table))
  store<i32>(offs + (<usize>t << 2), off)
  store<i32>(at, t + 1)
}
