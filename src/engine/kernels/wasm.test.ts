// The three paths of the large matrix products: plain SIMD (what Node 20 runs), the JavaScript
// fallback, and detection. Relaxed SIMD has its own file, run by the Vitest project that starts
// Node with --experimental-wasm-relaxed-simd (vite.config.ts).
import { afterAll, describe, expect, it } from 'vitest'
import { EXACT_FMA_LIMIT, product } from '../matmul-kernel.ts'
import { seed } from '../random/index.ts'
import { binaries, bits, bytesPairs, zeroGradCases, exactProduct, SHAPES, signed, sparseCases, worstError } from './test-support.ts'
import { installKernels, kernelPath, markFrozen, wasmProduct, zeroOnlyAtZero, type Operand } from './wasm.ts'

const bins = binaries()
afterAll(() => { installKernels({}, 'js') })

function run(path: 'simd' | 'js', a: Float64Array, ta: boolean, b: Float64Array, tb: boolean, c0: Float64Array, m: number, n: number, k: number, acc: boolean): Float64Array {
  expect(installKernels(bins, path)).toBe(path)
  const c = c0.slice()
  product(a, ta, b, tb, c, m, n, k, acc)
  return c
}

describe('kernel detection', () => {
  it('picks relaxed SIMD where this engine validates it, plain SIMD otherwise', () => {
    const expected = WebAssembly.validate(bins.relaxed) ? 'relaxed-simd' : 'simd'
    expect(installKernels(bins)).toBe(expected)
    expect(kernelPath()).toBe(expected)
  })
  it('falls back to the JavaScript kernels when no binary instantiates', () => {
    expect(installKernels({})).toBe('js')
    expect(installKernels({ simd: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) })).toBe('js')
  })
  it('Node 20 validates plain SIMD', () => {
    expect(WebAssembly.validate(bins.simd)).toBe(true)
  })
})

describe('plain SIMD equals the JavaScript kernel bit for bit', () => {
  seed(11)
  for (const [m, n, k] of SHAPES) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true]]) {
      it(`${m}x${k} · ${k}x${n}${ta ? ', a transposed' : ''}${tb ? ', b transposed' : ''}`, { timeout: 60_000 }, () => {
        const a = signed(ta ? k : m, ta ? m : k), b = signed(tb ? n : k, tb ? k : n), c0 = signed(m, n)
        for (const acc of [false, true]) {
          const js = run('js', a, ta, b, tb, c0, m, n, k, acc)
          const simd = run('simd', a, ta, b, tb, c0, m, n, k, acc)
          expect(simd).toEqual(js)
          // and within 1e-12 of the exact fused path, relative to the sum of the terms' sizes
          expect(worstError(simd, a, ta, b, tb, acc ? c0 : null, m, n, k)).toBeLessThanOrEqual(1e-12)
        }
      })
    }
  }
})

describe('leaving out the zero terms of a sparse a changes no bit', () => {
  seed(13)
  for (const { name, a, ta, b, tb, c0, m, n, k } of sparseCases()) {
    it(name, () => {
      for (const acc of [false, true]) {
        const js = run('js', a, ta, b, tb, c0, m, n, k, acc)
        const simd = run('simd', a, ta, b, tb, c0, m, n, k, acc)
        expect(bits(simd)).toEqual(bits(js))
        const dense = c0.slice()
        expect(wasmProduct(a, ta, b, tb, dense, m, n, k, acc, false)).toBe(true)
        expect(bits(dense)).toEqual(bits(js))
      }
    })
  }
  it('the NaN case is one: its infinity and NaN reach the result', () => {
    const { a, ta, b, tb, c0, m, n, k } = sparseCases().find((c) => c.name.startsWith('an infinity'))!
    expect(run('simd', a, ta, b, tb, c0, m, n, k, false).some(Number.isNaN)).toBe(true)
  })
})

describe('an operand given as bytes', () => {
  it('is listed from its bytes only where a byte is zero exactly where its value is', () => {
    const table = Float64Array.from({ length: 256 }, (_, g) => g / 255)
    expect(zeroOnlyAtZero(table)).toBe(true)
    table[0] = -0
    table[9] = NaN
    expect(zeroOnlyAtZero(table)).toBe(true)
    table[0] = 1
    expect(zeroOnlyAtZero(table)).toBe(false)
    table[0] = 0
    table[200] = -0
    expect(zeroOnlyAtZero(table)).toBe(false)
  })
  it('gives the bits of the product of its values, in every form (listed from bytes, unpacked)', () => {
    expect(installKernels(bins, 'simd')).toBe('simd')
    seed(15)
    for (const [name, fromBytes, fromValues] of bytesPairs()) expect(fromBytes, name).toEqual(fromValues)
  })
})

describe('small products keep the exact fused path with the kernels installed', () => {
  it('a product of exactly the limit is the fused-order sum, digit for digit', () => {
    seed(5)
    const m = 16, n = 64, k = EXACT_FMA_LIMIT / (16 * 64)
    const a = signed(m, k), b = signed(k, n)
    const c = run('simd', a, false, b, false, new Float64Array(m * n), m, n, k, false)
    expect(c).toEqual(exactProduct(a, false, b, false, m, n, k).c)
  })
})

describe('simd: a grad known to be zero', () => {
  it('is added to without being read, with the bits of adding to zeros (-0 sums included)', () => {
    expect(installKernels(bins, 'simd')).toBe('simd')
    for (const [fresh, added] of zeroGradCases(product)) expect(fresh).toEqual(added)
  })
})

describe('a frozen operand kept in linear memory between products', () => {
  it('gives the bits of copying it in each time, across products that take its room', () => {
    seed(17)
    const x = signed(100, 400) // 40,000 elements: large enough to be kept
    markFrozen(x)
    const w = signed(400, 64), g = signed(100, 64), big = signed(300, 300), w2 = signed(400, 32)
    // a right operand given as bytes, unpacked through the room past the product's own: 1.6 MB
    const table = Float64Array.from({ length: 256 }, (_, i) => i / 255)
    const wide: Operand = { bytes: Uint8Array.from({ length: 400 * 4000 }, (_, i) => (i * 7) % 256), table }
    const steps: Array<[Float64Array, boolean, Operand, boolean, number, number, number]> = [
      [x, false, w, false, 100, 64, 400], // X·W: X is kept
      [g, false, w, true, 100, 400, 64], // G·Wᵀ: other operands where X was copied before
      [x, true, g, false, 400, 64, 100], // Xᵀ·G: X read where it is kept
      [signed(2, 400), false, wide, false, 2, 4000, 400], // a larger room: X is put above it next
      [x, true, g, false, 400, 64, 100],
      [signed(2, 400), false, wide, false, 2, 4000, 400], // its bytes, past its room, must not reach X
      [x, true, g, false, 400, 64, 100],
      [big, false, big, false, 300, 300, 300], // a product whose room reaches past X's
      [x, true, g, false, 400, 64, 100], // X copied in again, above
      [x, false, w2, false, 100, 32, 400],
    ]
    const results = (path: 'simd' | 'js') => {
      expect(installKernels(bins, path)).toBe(path)
      return steps.map(([a, ta, b, tb, m, n, k]) => {
        const c = new Float64Array(m * n)
        product(a, ta, b, tb, c, m, n, k, false)
        return c
      })
    }
    const simd = results('simd'), js = results('js')
    simd.forEach((c, i) => expect(bits(c), `product ${i}`).toEqual(bits(js[i])))
  })
})
