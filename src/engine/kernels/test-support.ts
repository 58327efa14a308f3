// For the kernels' tests: the built binaries (npm run test:unit builds them first) and the exact
// product that the fast paths are measured against.
import { readFileSync } from 'node:fs'
import { fma } from '../numeric.ts'
import { rand } from '../random/index.ts'
import { wasmProduct, type KernelBinaries } from './wasm.ts'

export function binaries(name = 'gemm'): Required<KernelBinaries> {
  const read = (flavour: string) => {
    const url = new URL(`../../../.wasm-build/${name}-${flavour}.wasm`, import.meta.url)
    try {
      return readFileSync(url)
    } catch {
      throw new Error(`${url.pathname} is missing: run node scripts/build-wasm.mjs (npm test does)`)
    }
  }
  return { simd: read('simd'), relaxed: read('relaxed') }
}

/** op(a) · op(b) summed in order with fused multiply-adds (the seed's exact path), and Σ|a||b|. */
export function exactProduct(a: Float64Array, ta: boolean, b: Float64Array, tb: boolean, m: number, n: number, k: number): { c: Float64Array; mag: Float64Array } {
  const c = new Float64Array(m * n), mag = new Float64Array(m * n)
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0, t = 0
    for (let p = 0; p < k; p++) {
      const x = ta ? a[p * m + i] : a[i * k + p], y = tb ? b[j * k + p] : b[p * n + j]
      s = fma(x, y, s)
      t += Math.abs(x * y)
    }
    c[i * n + j] = s
    mag[i * n + j] = t
  }
  return { c, mag }
}

/** The largest |c - exact| / Σ|terms| over c = (c0 +) op(a) · op(b). */
export function worstError(got: Float64Array, a: Float64Array, ta: boolean, b: Float64Array, tb: boolean, c0: Float64Array | null, m: number, n: number, k: number): number {
  const { c, mag } = exactProduct(a, ta, b, tb, m, n, k)
  let worst = 0
  for (let i = 0; i < c.length; i++) {
    const exact = c0 ? c0[i] + c[i] : c[i]
    worst = Math.max(worst, Math.abs(got[i] - exact) / (mag[i] + (c0 ? Math.abs(c0[i]) : 0)))
  }
  return worst
}

/** Uniform numbers in [-1, 1): signs mixed, so that sums cancel as gradients' do. */
export function signed(rows: number, cols: number): Float64Array {
  return rand(rows, cols).data.map((x) => 2 * x - 1)
}

/**
 * The shapes tried: MNIST's (with fewer rows, to keep the exact reference quick) and ones that are
 * not multiples of the plain path's 4 x 4 tile or the relaxed path's 6 x 4 (rows 1 to 5 past a
 * multiple of 6 all appear).
 */
export const SHAPES: Array<[number, number, number]> = [
  [22, 128, 784], [100, 10, 128], [128, 10, 100], [37, 53, 41], [5, 7, 3001], [1, 129, 600], [66, 1, 1000], [41, 42, 43],
  [9, 6, 17], [3, 5, 8],
]

/**
 * Like MNIST's images, mostly zeros: each entry is zero with probability `zeros` (0.8, as MNIST's
 * pixels; a tenth of those -0), and the given rows and columns are zero throughout, so that tiles
 * of every kind (all zero, partly, not at all) appear.
 */
export function sparse(rows: number, cols: number, zeroRows: number[] = [], zeroCols: number[] = [], zeros = 0.8): Float64Array {
  const x = signed(rows, cols), u = rand(rows, cols).data
  for (let i = 0; i < x.length; i++) if (u[i] < zeros) x[i] = u[i] < zeros / 10 ? -0 : 0
  for (const r of zeroRows) x.fill(0, r * cols, (r + 1) * cols)
  for (const c of zeroCols) for (let r = 0; r < rows; r++) x[r * cols + c] = 0
  return x
}

/** The bits of each entry, so that equality tells -0 from +0 and NaN from NaN. */
export const bits = (x: Float64Array): BigUint64Array => new BigUint64Array(x.buffer, x.byteOffset, x.length)

export interface Case { name: string; a: Float64Array; ta: boolean; b: Float64Array; tb: boolean; c0: Float64Array; m: number; n: number; k: number }

/**
 * Products whose a is mostly zeros (each above the exact path's size, so that the kernels run
 * them): as MNIST's forward product, as its Xᵀ·G (whole tiles of zeros), as its second layer
 * (fewer than 16 columns, an odd number), with b transposed, half zeros (summed in tiles, not row
 * by row: assembly/gemm.ts), and with an infinity and a NaN in b's rows that meet only zeros of a
 * (0 · ∞ is NaN, so those terms must not be left out). c0 has -0s, which an added +0 would turn to
 * +0.
 */
export function sparseCases(): Case[] {
  const make = (name: string, m: number, n: number, k: number, ta: boolean, tb: boolean, zeroP: number[], zeroI: number[], zeros = 0.8): Case => {
    const a = ta ? sparse(k, m, zeroP, zeroI, zeros) : sparse(m, k, zeroI, zeroP, zeros)
    const b = signed(tb ? n : k, tb ? k : n), c0 = signed(m, n)
    for (let i = 0; i < c0.length; i += 7) c0[i] = -0
    return { name, a, ta, b, tb, c0, m, n, k }
  }
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)
  const cases = [
    make('as MNIST forward: 22x784 · 784x128', 22, 128, 784, false, false, range(0, 40), [3]),
    make('as MNIST Xᵀ·G: 70x60 (a transposed) · 60x19', 70, 19, 60, true, false, [5], range(0, 13)),
    make('13x90 · 90x70 (b transposed)', 13, 70, 90, false, true, range(10, 30), []),
    make('as MNIST layer 2: 100x128 · 128x7', 100, 7, 128, false, false, range(50, 60), []),
    make('half zeros: 30x200 · 200x35', 30, 35, 200, false, false, [], [4], 0.5),
  ]
  const inf = make('an infinity and a NaN in b meet only zeros of a', 22, 31, 150, false, false, range(0, 20), [])
  inf.b[3 * 31 + 4] = Infinity
  inf.b[7 * 31 + 30] = NaN
  cases.push(inf)
  return cases
}

/**
 * Adding to a grad known to be zero (product's cZero) without reading it gives the bits of adding
 * to zeros, on operands whose products underflow (±1e-200 squared) among ordinary entries: a
 * fused multiply-add rounds such a sum to -0 where +0 + the sum is +0. Returns each case's pair
 * of results, [fresh, added], for the caller to compare (with the path installed).
 */
export function zeroGradCases(product: ProductFn): Array<[BigUint64Array, BigUint64Array]> {
  const pick = (i: number) => (i % 7 === 0 ? 0.5 - (i % 3) : (i % 2 ? -1 : 1) * 1e-200 * (1 + (i % 5)))
  const out: Array<[BigUint64Array, BigUint64Array]> = []
  for (const [m, n, k] of [[100, 128, 10], [37, 41, 53]] as const) {
    const a = Float64Array.from({ length: m * k }, (_, i) => pick(i)), b = Float64Array.from({ length: k * n }, (_, i) => pick(i * 3 + 1))
    for (const [ta, tb] of [[false, false], [true, false], [false, true]]) {
      const added = new Float64Array(m * n), fresh = new Float64Array(m * n)
      product(a, ta, b, tb, added, m, n, k, true)
      product(a, ta, b, tb, fresh, m, n, k, true, true)
      out.push([bits(fresh), bits(added)])
    }
  }
  return out
}
type ProductFn = (a: Float64Array, ta: boolean, b: Float64Array, tb: boolean, c: Float64Array, m: number, n: number, k: number, acc: boolean, cZero?: boolean) => void

/**
 * sparseCases with a given as bytes (as MNIST's batches), each standing for table[byte]: table[0]
 * is -0, no other entry is zero, one is NaN. For each case and each of accumulate off and on, the
 * bits of the product from the bytes and from their values, for the caller to compare (with the
 * path installed): the bytes' path lists the terms from the bytes where it can (assembly/bytes.ts).
 */
export function bytesPairs(): Array<[string, BigUint64Array, BigUint64Array]> {
  const table = Float64Array.from({ length: 256 }, (_, g) => (g === 0 ? -0 : g === 255 ? NaN : (g - 127.5) / 64))
  const out: Array<[string, BigUint64Array, BigUint64Array]> = []
  for (const { name, a, ta, b, tb, c0, m, n, k } of sparseCases()) {
    const bytes = Uint8Array.from(a, (x, i) => (x === 0 ? 0 : i % 997 === 5 ? 255 : 1 + Math.floor(((x + 1) / 2) * 253)))
    const values = Float64Array.from(bytes, (g) => table[g])
    for (const acc of [false, true]) {
      const fromBytes = c0.slice(), fromValues = c0.slice()
      if (!wasmProduct({ bytes, table }, ta, b, tb, fromBytes, m, n, k, acc) || !wasmProduct(values, ta, b, tb, fromValues, m, n, k, acc)) {
        throw new Error('no WebAssembly kernel installed')
      }
      out.push([`${name}${acc ? ', accumulated' : ''}`, bits(fromBytes), bits(fromValues)])
    }
  }
  return out
}
