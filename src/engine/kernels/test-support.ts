// For the kernels' tests: the built binaries (npm run test:unit builds them first) and the exact
// product that the fast paths are measured against.
import { readFileSync } from 'node:fs'
import { fma } from '../numeric.ts'
import { rand } from '../random/index.ts'
import type { KernelBinaries } from './wasm.ts'

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
