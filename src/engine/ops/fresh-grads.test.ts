// Grads known to be all +0 (new ones, made by the pass) are written, not added to (writeSum and
// its kin in relu, softmax and matmul backward). That must give the bits that adding to zeros
// gives: the same network is run twice, once fresh and once with every grad handed out first
// (which makes the engine forget they are zero), on inputs that make -0, NaN and infinities.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backward, topo } from '../backward.ts'
import { relu, softmax_crossentropy } from '../functions.ts'
import type { Matrix } from '../matrix.ts'
import type { TensorNode } from '../node.ts'
import { Tensor } from '../tensor.ts'
import { bits } from '../kernels/test-support.ts'
import { writeSum } from './tensor-elementwise.ts'

const SPECIAL = [0, -0, NaN, Infinity, -Infinity, 1e-320, -1e-320, 1e308, -1e308]
const double = fc.oneof(fc.constantFrom(...SPECIAL), fc.double({ min: -4, max: 4, noNaN: true }))
// NaNs as one: V8's tiers can give the same arithmetic NaNs of other signs (the ops run twice on
// the same numbers differ so), and -0 against +0, which is what this file is about, stays exact.
const bitsOf = (m: Matrix) => Array.from(bits(m.values.map((v) => (v !== v ? NaN : v))))

/** relu(X·W1 + b1)·W2 + b2, softmax cross-entropy: the MNIST step's ops, 3 inputs wide. */
function network(x: number[][], w1: number[][], w2: number[][], untouched: boolean): TensorNode[] {
  const X = Tensor(x), W1 = Tensor(w1), b1 = Tensor([0.5, -0.25]), W2 = Tensor(w2), b2 = Tensor([0, -0, 1])
  const loss = softmax_crossentropy(relu(X.matmul(W1).add(b1)).matmul(W2).add(b2), [[0, 1, 0], [1, 0, 0]])
  const order = topo<TensorNode>(loss)
  if (!untouched) for (const n of order) void n.grad.data // handed out: no longer known to be zero
  backward(loss)
  return order
}

describe('grads known to be zero are written, with the bits of adding to zero', () => {
  it('writeSum is +0 + s for every double, -0 and NaN included', () => {
    fc.assert(fc.property(fc.array(double, { minLength: 1, maxLength: 40 }), (xs) => {
      const s = Float64Array.from(xs), d = new Float64Array(xs.length), added = new Float64Array(xs.length)
      writeSum(d, s)
      for (let i = 0; i < s.length; i++) added[i] += s[i]
      expect(bits(d)).toEqual(bits(added))
    }))
  })

  it('a fresh network and the same network with its grads handed out end with the same bits', () => {
    const matrix = (rows: number, cols: number) => fc.array(fc.array(double, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })
    fc.assert(fc.property(matrix(2, 3), matrix(3, 2), matrix(2, 3), (x, w1, w2) => {
      const fresh = network(x, w1, w2, true), touched = network(x, w1, w2, false)
      expect(fresh.map((n) => bitsOf(n.grad))).toEqual(touched.map((n) => bitsOf(n.grad)))
    }), { numRuns: 300 })
  })
})
