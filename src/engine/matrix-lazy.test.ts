// Matrices whose values are written when first needed (Matrix.lazy: MNIST's batches): every way of
// reading them sees the same numbers as an eager Matrix, written once; a product's kernel takes
// them without writing a Float64Array of the Matrix's own.
import { afterAll, describe, expect, it } from 'vitest'
import { Matrix } from './matrix.ts'
import { seed } from './random/index.ts'
import { binaries, bits, signed, sparse } from './kernels/test-support.ts'
import { installKernels } from './kernels/wasm.ts'
import { backward, Tensor } from './index.ts'

afterAll(() => { installKernels({}, 'js') })

function lazyOf(values: Float64Array, rows: number, cols: number): { m: Matrix; calls: () => number } {
  let calls = 0
  const m = Matrix.lazy(rows, cols, (d, at) => {
    calls++
    d.set(values, at)
  })
  return { m, calls: () => calls }
}

describe('Matrix.lazy', () => {
  it('writes its values once, on the first read, whichever read that is', () => {
    const v = Float64Array.of(1, -0, 3, 4, 5, 6)
    for (const read of [(m: Matrix) => m.get(1, 2), (m: Matrix) => m.data, (m: Matrix) => m.toArray(), (m: Matrix) => String(m), (m: Matrix) => m.sum(), (m: Matrix) => m.clone()]) {
      const { m, calls } = lazyOf(v, 2, 3)
      expect(calls()).toBe(0)
      expect(m.length).toBe(6)
      read(m)
      read(m)
      expect(calls()).toBe(1)
      expect(bits(m.data)).toEqual(bits(v))
    }
  })
  it('is written before any write, so a write changes only what it says', () => {
    const { m } = lazyOf(Float64Array.of(1, 2, 3, 4), 2, 2)
    m.set(0, 1, 9)
    expect(m.toArray()).toEqual([[1, 9], [3, 4]])
    const { m: f } = lazyOf(Float64Array.of(1, 2, 3, 4), 2, 2)
    expect(f.knownZero).toBe(false)
    expect(f.fill(0).knownZero).toBe(true)
  })
})

describe('a lazy operand in a product', () => {
  const bins = binaries()
  for (const path of ['simd', 'js'] as const) {
    it(`gives the bits of its written values (${path} kernels), forward and in backward's Xᵀ·G`, () => {
      expect(installKernels(bins, path)).toBe(path)
      seed(21)
      const x = sparse(30, 200), w = signed(200, 24)
      const eager = Tensor(new Matrix(30, 200, x.slice())), weights = Tensor(new Matrix(200, 24, w.slice()))
      const { m, calls } = lazyOf(x, 30, 200)
      const lazy = Tensor(m), weights2 = Tensor(new Matrix(200, 24, w.slice()))
      const y1 = eager.matmul(weights), y2 = lazy.matmul(weights2)
      expect(bits(y2.data.data)).toEqual(bits(y1.data.data))
      backward(y1.sum())
      backward(y2.sum())
      expect(bits(weights2.grad.data)).toEqual(bits(weights.grad.data))
      // written once for each product (forward, Xᵀ·G) where it was needed, never into its own array
      expect(typeof m.source).toBe('function')
      expect(calls()).toBe(2)
      expect(bits(lazy.grad.data)).toEqual(bits(eager.grad.data))
    })
  }
})
