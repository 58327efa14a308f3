// The square's gradient skips pow (x ** 1 is x): the same bits as the rule k x^(k-1) g written out,
// for every x, including -0, infinities and NaN.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValueNode } from '../node.ts'
import { V } from './codes.ts'
import { powBackward } from './value-arith.ts'

const rule = (x: number, k: number, g: number) => k * x ** (k - 1) * g

describe('pow backward', () => {
  it('gives the bits of k x^(k-1) g for squares and other exponents', () => {
    const special = [0, -0, 1, -1, Infinity, -Infinity, NaN, Number.MIN_VALUE, Number.MAX_VALUE, 1e-300]
    fc.assert(fc.property(fc.oneof(fc.double(), fc.constantFrom(...special)), fc.constantFrom(2, 3, 0.5, -1, 1), fc.double(), (x, k, g) => {
      const a = new ValueNode(x, 0, null, null, 0)
      const n = new ValueNode(x ** k, V.POW, a, null, k)
      n.grad = g
      powBackward(n)
      expect(Object.is(a.grad, 0 + rule(x, k, g))).toBe(true)
    }), { numRuns: 3000 })
  })
})
