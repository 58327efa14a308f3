// Matrices whose values are written from bytes when first needed (Matrix.lazy: MNIST's batches):
// every way of reading them sees the numbers an eager Matrix holds; a product's kernel takes the
// bytes without the Matrix writing a Float64Array of its own.
import { afterAll, describe, expect, it } from 'vitest'
import { Matrix } from './matrix.ts'
import { rand, seed } from './random/index.ts'
import { binaries, bits, signed } from './kernels/test-support.ts'
import { installKernels } from './kernels/wasm.ts'
import { backward, Tensor } from './index.ts'

afterAll(() => { installKernels({}, 'js') })

/** A table with a -0 and a NaN in it, so that bits, not only values, are compared. */
const table = Float64Array.from({ length: 256 }, (_, g) => (g === 1 ? -0 : g === 2 ? NaN : g / 255))

function bytesOf(rows: number, cols: number, zeros: number): Uint8Array {
  return Uint8Array.from(rand(rows, cols).data, (u) => (u < zeros ? 0 : Math.floor(u * 256)))
}
const eager = (b: Uint8Array): Float64Array => Float64Array.from(b, (g) => table[g])
const unwritten = (m: Matrix) => !(m.source instanceof Float64Array)

describe('Matrix.lazy', () => {
  it('writes its values on the first read, whichever read that is, and keeps them', () => {
    const b = Uint8Array.of(0, 1, 2, 3, 255, 128)
    for (const read of [(m: Matrix) => m.get(1, 2), (m: Matrix) => m.data, (m: Matrix) => m.toArray(), (m: Matrix) => String(m), (m: Matrix) => m.sum(), (m: Matrix) => m.clone()]) {
      const m = Matrix.lazy(2, 3, { bytes: b, table })
      expect(unwritten(m)).toBe(true)
      expect(m.length).toBe(6)
      read(m)
      expect(unwritten(m)).toBe(false)
      expect(bits(m.data)).toEqual(bits(eager(b)))
    }
  })
  it('is written before any write, so a write changes only what it says', () => {
    const m = Matrix.lazy(2, 2, { bytes: Uint8Array.of(0, 3, 4, 5), table })
    m.set(0, 1, 9)
    expect(m.toArray()).toEqual([[0, 9], [4 / 255, 5 / 255]])
    expect(m.knownZero).toBe(false)
    expect(m.fill(0).knownZero).toBe(true)
  })
  it('refuses bytes that do not fit its shape', () => {
    expect(() => Matrix.lazy(2, 2, { bytes: new Uint8Array(3), table })).toThrow('4 bytes')
    expect(() => Matrix.lazy(1, 2, { bytes: [1, 2] as unknown as Uint8Array, table })).toThrow('a Uint8Array')
    expect(() => Matrix.lazy(1, 2, { bytes: Uint8Array.of(1, 2), table: new Float64Array(255) })).toThrow('a table of 256')
  })
})

describe('a lazy operand in a product', () => {
  const bins = binaries()
  for (const path of ['simd', 'js'] as const) {
    it(`gives the bits of its values (${path} kernels), forward and in backward's Xᵀ·G, and stays unwritten`, () => {
      expect(installKernels(bins, path)).toBe(path)
      seed(21)
      const b = bytesOf(30, 200, 0.8), w = signed(200, 24)
      const x1 = Tensor(new Matrix(30, 200, eager(b))), w1 = Tensor(new Matrix(200, 24, w.slice()))
      const lazy = Matrix.lazy(30, 200, { bytes: b, table })
      const x2 = Tensor(lazy), w2 = Tensor(new Matrix(200, 24, w.slice()))
      const y1 = x1.matmul(w1), y2 = x2.matmul(w2)
      expect(bits(y2.data.data)).toEqual(bits(y1.data.data))
      backward(y1.sum())
      backward(y2.sum())
      expect(bits(w2.grad.data)).toEqual(bits(w1.grad.data))
      expect(unwritten(lazy)).toBe(true)
      expect(bits(x2.grad.data)).toEqual(bits(x1.grad.data))
      expect(bits(lazy.data)).toEqual(bits(x1.data.data))
    })
  }
})
