// Relaxed SIMD (f64x2.relaxed_madd, fused where the machine has FMA): Chromium's path. Node 20
// runs it only with --experimental-wasm-relaxed-simd, which the Vitest project `relaxed-simd`
// (vite.config.ts) passes; this file runs there alone.
import { afterAll, describe, expect, it } from 'vitest'
import { product } from '../matmul-kernel.ts'
import { seed } from '../random/index.ts'
import { binaries, bits, bytesPairs, zeroGradCases, SHAPES, signed, sparseCases, worstError } from './test-support.ts'
import { installKernels, wasmProduct } from './wasm.ts'

const bins = binaries()
afterAll(() => { installKernels({}, 'js') })

describe('relaxed SIMD', () => {
  it('is detected first when the engine validates it', () => {
    expect(WebAssembly.validate(bins.relaxed)).toBe(true)
    expect(installKernels(bins)).toBe('relaxed-simd')
  })
  seed(12)
  for (const [m, n, k] of SHAPES) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true]]) {
      it(`stays within 1e-12 of the exact path: ${m}x${k} · ${k}x${n}${ta ? ', a transposed' : ''}${tb ? ', b transposed' : ''}`, { timeout: 60_000 }, () => {
        const a = signed(ta ? k : m, ta ? m : k), b = signed(tb ? n : k, tb ? k : n), c0 = signed(m, n)
        expect(installKernels(bins, 'relaxed-simd')).toBe('relaxed-simd')
        for (const acc of [false, true]) {
          const c = c0.slice()
          product(a, ta, b, tb, c, m, n, k, acc)
          expect(worstError(c, a, ta, b, tb, acc ? c0 : null, m, n, k)).toBeLessThanOrEqual(1e-12)
        }
      })
    }
  }
})

describe('relaxed SIMD, leaving out the zero terms of a sparse a', () => {
  seed(14)
  for (const { name, a, ta, b, tb, c0, m, n, k } of sparseCases()) {
    it(`changes no bit: ${name}`, () => {
      expect(installKernels(bins, 'relaxed-simd')).toBe('relaxed-simd')
      for (const acc of [false, true]) {
        const skipped = c0.slice(), dense = c0.slice()
        expect(wasmProduct(a, ta, b, tb, skipped, m, n, k, acc)).toBe(true)
        expect(wasmProduct(a, ta, b, tb, dense, m, n, k, acc, false)).toBe(true)
        expect(bits(skipped)).toEqual(bits(dense))
      }
    })
  }
})

describe('relaxed SIMD, an operand given as bytes', () => {
  it('gives the bits of the product of its values, in every form (listed from bytes, unpacked)', () => {
    expect(installKernels(bins, 'relaxed-simd')).toBe('relaxed-simd')
    seed(16)
    for (const [name, fromBytes, fromValues] of bytesPairs()) expect(fromBytes, name).toEqual(fromValues)
  })
})

describe('relaxed-simd: a grad known to be zero', () => {
  it('is added to without being read, with the bits of adding to zeros (-0 sums included)', () => {
    expect(installKernels(bins, 'relaxed-simd')).toBe('relaxed-simd')
    for (const [fresh, added] of zeroGradCases(product)) expect(fresh).toEqual(added)
  })
})
