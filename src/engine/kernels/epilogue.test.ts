// writeOut's loops, one per form the ops ask for, and the same in linear memory
// (assembly/epilogue.ts), against writeOutEach, its definition one element at a time: every
// combination of the epilogue's steps, on doubles with -0, NaN and infinities, from an offset in
// the source and in place.
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { binaries, bits } from './test-support.ts'
import { installKernels, writeOut, writeOutEach, writeOutWasm, type Epilogue } from './wasm.ts'

const SPECIAL = [0, -0, NaN, Infinity, -Infinity, 1e-320, -1e-320]
const double = fc.oneof(fc.constantFrom(...SPECIAL), fc.double({ noNaN: true }))
// NaNs as one (V8's tiers may differ in a NaN's sign); -0 against +0 is compared exactly
const canon = (x: Float64Array) => bits(x.map((v) => (v !== v ? NaN : v)))
const doubles = (n: number) => fc.array(double, { minLength: n, maxLength: n }).map((xs) => Float64Array.from(xs))

describe('writeOut', () => {
  it('gives writeOutEach\'s bits for every form of the epilogue', () => {
    const shape = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 }))
    fc.assert(fc.property(shape.chain(([m, n, at]) => fc.record({
      m: fc.constant(m), n: fc.constant(n), at: fc.constant(at), src: doubles(at + m * n), bias: fc.option(doubles(n)),
      mask: fc.option(doubles(m * n)), biasFirst: fc.boolean(), plusZero: fc.boolean(), relu: fc.boolean(), inPlace: fc.boolean(),
    })), ({ m, n, at, src, bias, mask, biasFirst, plusZero, relu, inPlace }) => {
      const ep: Epilogue = { bias, mask, biasFirst, plusZero, relu }
      const want = new Float64Array(m * n)
      writeOutEach(src, at, want, m, n, ep)
      const from = inPlace ? src.slice(at) : src, got = inPlace ? from : new Float64Array(m * n)
      writeOut(from, inPlace ? 0 : at, got, m, n, ep)
      expect(canon(got.subarray(0, m * n))).toEqual(canon(want))
    }), { numRuns: 2000 })
  })
})

describe('the epilogue in linear memory', () => {
  afterAll(() => { installKernels({}, 'js') })
  it('gives writeOutEach\'s bits for every form, odd widths included', () => {
    expect(installKernels(binaries(), 'simd')).toBe('simd')
    const shape = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 3 }))
    fc.assert(fc.property(shape.chain(([m, n, at]) => fc.record({
      m: fc.constant(m), n: fc.constant(n), at: fc.constant(at), src: doubles(at + m * n), bias: fc.option(doubles(n)),
      mask: fc.option(doubles(m * n)), biasFirst: fc.boolean(), plusZero: fc.boolean(), relu: fc.boolean(),
    })), ({ m, n, at, src, bias, mask, biasFirst, plusZero, relu }) => {
      const ep: Epilogue = { bias, mask, biasFirst, plusZero, relu }
      const want = new Float64Array(m * n), got = new Float64Array(m * n)
      writeOutEach(src, at, want, m, n, ep)
      expect(writeOutWasm(src, at, got, m, n, ep)).toBe(true)
      expect(canon(got)).toEqual(canon(want))
    }), { numRuns: 2000 })
  })
})
