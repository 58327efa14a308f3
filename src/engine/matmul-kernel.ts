// Matrix products over row-major Float64Arrays. Every entry is summed in order k = 0, 1, ... from
// zero, as OpenBLAS does; small products also fuse each multiply-add as OpenBLAS's kernels do, so
// that the seed's gradients come out digit for digit. Large products use a register-blocked kernel
// with plain multiply-adds (the same order, rounded twice), which is what makes MNIST fast: in
// WebAssembly SIMD where it is installed (kernels/wasm.ts), else the JavaScript kernel below.
import { fma } from './numeric.ts'
import { wasmProduct, writeBytes, writeOut, type Epilogue, type Operand } from './kernels/wasm.ts'

/** Products with at most this many multiply-adds are computed with exact fused multiply-adds. */
export const EXACT_FMA_LIMIT = 1 << 16

/**
 * c (m x n) = a (m x k) times b, where b is given transposed: bt is n x k, row-major.
 * When `accumulate`, each finished dot product is added to c (Julia's `grad += A * B`).
 */
export function gemmNT(a: Float64Array, bt: Float64Array, c: Float64Array, m: number, n: number, k: number, accumulate: boolean): void {
  // Julia multiplies 2x2 and 3x3 matrices with plain arithmetic rather than BLAS.
  const tiny = (m === 2 || m === 3) && m === n && n === k
  if (!tiny && m * n * k <= EXACT_FMA_LIMIT) gemmExact(a, bt, c, m, n, k, accumulate)
  else gemmFast(a, bt, c, m, n, k, accumulate)
}

/**
 * c (m x n) = or += op(a) · op(b), the one entry point of Tensor products: `ta` means a is stored
 * k x m (op(a) is its transpose, as in Aᵀ·G), `tb` that b is stored n x k (as in G·Bᵀ).
 * `cZero`: c is known to be all +0 (a grad the pass has just made), so the WebAssembly path adds
 * to zeros of its own instead of reading c (the first touch of new memory, twice over), with the
 * same bits. (Writing the product instead would not be: a fused multiply-add can round a tiny
 * negative sum to -0, where +0 + the sum is +0.)
 */
export function product(a: Operand, ta: boolean, b: Operand, tb: boolean, c: Float64Array,
  m: number, n: number, k: number, accumulate: boolean, cZero = false): void {
  const tiny = (m === 2 || m === 3) && m === n && n === k
  if (!tiny && m * n * k > EXACT_FMA_LIMIT && wasmProduct(a, ta, b, tb, c, m, n, k, accumulate, true, cZero)) return
  const A = elements(a, m * k), B = elements(b, k * n)
  gemmNT(ta ? transposeArray(A, k, m) : A, tb ? B : transposeArray(B, k, n), c, m, n, k, accumulate)
}

/**
 * A product left to be computed when its values are first read (Matrix.planned): op(A) (m x k)
 * times op(B) (k x n), `ta`/`tb` as in product(), then what the epilogue says (a row added, +0,
 * relu), asked of it before anyone read it. The operands are lent or immutable (Matrix.lend), so
 * reading later gives the numbers the ops would have made then, bit for bit: MNIST's
 * `relu(X * weights1 + biases1)` makes one array, not three, and `layer1.grad` (G·W2ᵀ) none until
 * read, since relu's backward takes the product straight into its own grad.
 */
export interface ProductPlan extends Epilogue {
  readonly a: Operand
  readonly ta: boolean
  readonly b: Float64Array
  readonly tb: boolean
  readonly m: number
  readonly n: number
  readonly k: number
}

/** True for the products that are planned rather than computed at once: the large ones. */
export const isLarge = (m: number, n: number, k: number): boolean =>
  !((m === 2 || m === 3) && m === n && n === k) && m * n * k > EXACT_FMA_LIMIT

/** Writes a plan's numbers into c (m x n), with `more` after the plan's own epilogue (relu, a mask). */
export function runPlan(p: ProductPlan, c: Float64Array, more?: { relu?: boolean; mask?: Float64Array }): void {
  const ep: Epilogue = more === undefined ? p : { bias: p.bias, biasFirst: p.biasFirst, plusZero: p.plusZero, ...more }
  if (wasmProduct(p.a, p.ta, p.b, p.tb, c, p.m, p.n, p.k, false, true, false, ep)) return
  product(p.a, p.ta, p.b, p.tb, c, p.m, p.n, p.k, false)
  writeOut(c, 0, c, p.m, p.n, ep)
}

function elements(x: Operand, length: number): Float64Array {
  if (x instanceof Float64Array) return x
  const v = new Float64Array(length)
  writeBytes(x, v, 0)
  return v
}

function gemmExact(a: Float64Array, bt: Float64Array, c: Float64Array, m: number, n: number, k: number, accumulate: boolean): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let p = 0; p < k; p++) s = fma(a[i * k + p], bt[j * k + p], s)
      c[i * n + j] = accumulate ? c[i * n + j] + s : s
    }
  }
}

function gemmFast(a: Float64Array, bt: Float64Array, c: Float64Array, m: number, n: number, k: number, accumulate: boolean): void {
  let i = 0
  for (; i + 1 < m; i += 2) {
    const a0 = i * k, a1 = a0 + k
    const c0 = i * n, c1 = c0 + n
    let j = 0
    for (; j + 1 < n; j += 2) {
      const b0 = j * k, b1 = b0 + k
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p], x1 = a[a1 + p], y0 = bt[b0 + p], y1 = bt[b1 + p]
        s00 += x0 * y0
        s01 += x0 * y1
        s10 += x1 * y0
        s11 += x1 * y1
      }
      if (accumulate) {
        c[c0 + j] += s00; c[c0 + j + 1] += s01; c[c1 + j] += s10; c[c1 + j + 1] += s11
      } else {
        c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c1 + j] = s10; c[c1 + j + 1] = s11
      }
    }
    for (; j < n; j++) {
      const b0 = j * k
      let s0 = 0, s1 = 0
      for (let p = 0; p < k; p++) {
        const y = bt[b0 + p]
        s0 += a[a0 + p] * y
        s1 += a[a1 + p] * y
      }
      c[c0 + j] = accumulate ? c[c0 + j] + s0 : s0
      c[c1 + j] = accumulate ? c[c1 + j] + s1 : s1
    }
  }
  for (; i < m; i++) {
    const a0 = i * k, c0 = i * n
    for (let j = 0; j < n; j++) {
      const b0 = j * k
      let s = 0
      for (let p = 0; p < k; p++) s += a[a0 + p] * bt[b0 + p]
      c[c0 + j] = accumulate ? c[c0 + j] + s : s
    }
  }
}

/** The transpose of a row-major rows x cols matrix, into a new array. */
export function transposeArray(src: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) {
    const r = i * cols
    for (let j = 0; j < cols; j++) out[j * rows + i] = src[r + j]
  }
  return out
}
