// Every op's backward against central finite differences of its forward, one table row per case.
import { describe, expect, it } from 'vitest'
import { backward, element_mul, exp, log, Matrix, rand, relu, seed, sigmoid, softmax_crossentropy, sum, tanh, Tensor, Value } from './index.ts'

const H = 1e-5 // central differences: error ~ H² f''' + 1e-16 f / H, far below the tolerance

function expectClose(analytic: number, numeric: number, what: string): void {
  const tolerance = 1e-6 * Math.max(1, Math.abs(analytic), Math.abs(numeric))
  if (!(Math.abs(analytic - numeric) <= tolerance)) {
    expect.fail(`${what}: backward gives ${analytic}, finite differences ${numeric}`)
  }
}

describe('Value ops against finite differences', () => {
  type Case = [name: string, inputs: number[], f: (v: Value[]) => Value, forward?: (x: number[]) => number]
  const cases: Case[] = [
    ['add', [1.5, -2.25], ([a, b]) => a.add(b), ([a, b]) => a + b],
    ['sub', [1.5, -2.25], ([a, b]) => a.sub(b), ([a, b]) => a - b],
    ['mul', [1.5, -2.25], ([a, b]) => a.mul(b), ([a, b]) => a * b],
    ['div', [1.5, -2.25], ([a, b]) => a.div(b), ([a, b]) => a / b],
    ['pow, integer exponent', [1.7], ([a]) => a.pow(3), ([a]) => a ** 3],
    ['pow, negative integer exponent', [-1.3], ([a]) => a.pow(-2), ([a]) => a ** -2],
    ['pow, zeroth power', [2.5], ([a]) => a.pow(0), () => 1],
    ['pow, real exponent', [2.5], ([a]) => a.pow(0.7), ([a]) => a ** 0.7],
    ['pow, Value exponent', [2.5, 1.3], ([a, b]) => a.pow(b), ([a, b]) => a ** b],
    ['pow, Value exponent below 1', [0.4, -0.6], ([a, b]) => a.pow(b), ([a, b]) => a ** b],
    ['neg', [0.8], ([a]) => a.neg(), ([a]) => -a],
    ['exp', [0.9], ([a]) => a.exp(), ([a]) => Math.exp(a)],
    ['exp of a negative', [-3.2], ([a]) => exp(a), ([a]) => Math.exp(a)],
    ['log', [0.35], ([a]) => a.log(), ([a]) => Math.log(a)],
    ['log of a large number', [4.2e3], ([a]) => log(a), ([a]) => Math.log(a)],
    ['tanh', [0.6], ([a]) => a.tanh(), ([a]) => Math.tanh(a)],
    ['tanh, saturating', [-4], ([a]) => tanh(a), ([a]) => Math.tanh(a)],
    ['relu, positive', [0.6], ([a]) => a.relu(), ([a]) => a],
    ['relu, negative', [-0.6], ([a]) => relu(a), () => 0],
    ['sigmoid', [0.3], ([a]) => a.sigmoid(), ([a]) => 1 / (1 + Math.exp(-a))],
    ['sigmoid of a negative', [-2.1], ([a]) => sigmoid(a), ([a]) => 1 / (1 + Math.exp(-a))],
    // numbers mixed in: they become constant leaves
    ['x.mul(2)', [1.1], ([a]) => a.mul(2), ([a]) => 2 * a],
    ['x.add(3)', [1.1], ([a]) => a.add(3), ([a]) => a + 3],
    ['Value(3).sub(x)', [1.1], ([a]) => Value(3).sub(a), ([a]) => 3 - a],
    ['x.div(4)', [1.1], ([a]) => a.div(4), ([a]) => a / 4],
    ['Value(1).div(x)', [1.1], ([a]) => Value(1).div(a), ([a]) => 1 / a],
    ['x.sub(0.5).pow(2)', [1.1], ([a]) => a.sub(0.5).pow(2), ([a]) => (a - 0.5) ** 2],
    ['Value(2).pow(x)', [1.1], ([a]) => Value(2).pow(a), ([a]) => 2 ** a],
    // reused nodes: each use adds its share
    ['a.mul(a) is a²', [1.3], ([a]) => a.mul(a), ([a]) => a * a],
    ['a.add(a) is 2a', [1.3], ([a]) => a.add(a), ([a]) => 2 * a],
    ['a.div(a) is 1', [1.3], ([a]) => a.div(a), () => 1],
    ['a.pow(a)', [1.3], ([a]) => a.pow(a), ([a]) => a ** a],
    ['a node used in several places', [0.7, -1.2], ([a, b]) => {
      const c = a.mul(b)
      return c.add(c.mul(a)).add(c.exp()).sub(c.tanh().mul(b))
    }, ([a, b]) => a * b + a * b * a + Math.exp(a * b) - Math.tanh(a * b) * b],
    ['the seed neuron', [2.3, -3.5, 3.9, -0.8, 1.8, 3.0, -3.2], ([x1, x2, x3, w1, w2, w3, b]) =>
      x1.mul(w1).add(x2.mul(w2)).add(x3.mul(w3)).add(b).tanh().sub(0.8).pow(2)],
    ['a deep mix of every op', [0.45, 1.6], ([a, b]) =>
      a.mul(b).sigmoid().add(b.log().mul(a.exp())).div(a.add(b).pow(2)).relu().tanh().neg().add(2).pow(b)],
  ]

  it.each(cases)('%s', (_name, inputs, f, forward) => {
    const leaves = inputs.map((x) => Value(x))
    const out = f(leaves)
    if (forward) expect(out.data).toBeCloseTo(forward(inputs), 12)
    backward(out)
    inputs.forEach((x, i) => {
      const at = (xi: number) => f(inputs.map((y, j) => Value(j === i ? xi : y))).data
      expectClose(leaves[i].grad, (at(x + H) - at(x - H)) / (2 * H), `input ${i}`)
    })
  })
})

describe('Value ops at the ends of the range', () => {
  it('tanh saturates to ±1 with a zero gradient instead of Inf/Inf', () => {
    for (const [x, y] of [[400, 1], [-400, -1], [20, 1], [1e308, 1]]) {
      const v = Value(x)
      const t = v.tanh()
      backward(t)
      expect([t.data, v.grad]).toEqual([y, 0])
      expect(tanh(x)).toBe(y)
    }
  })

  it('exp and sigmoid stay finite where their results are', () => {
    expect(exp(Value(709.5)).data).toBe(1.3549863193146328e308)
    expect(sigmoid(Value(800)).data).toBe(1)
    expect(sigmoid(Value(-800)).data).toBe(0)
    expect(log(Value(1.7e308)).data).toBe(709.7268368932282)
  })
})

describe('Tensor ops against finite differences', () => {
  seed(2024)
  /** a seeded (r, c) array of numbers in [-1, 1), away from relu's kink at 0 */
  const data = (r: number, c: number): number[][] =>
    rand(r, c).toArray().map((row) => row.map((u) => (u < 0.5 ? u * 2 - 1.05 : u * 2 - 0.95)))
  // Fixed non-uniform weights make the reduction to a scalar see transposed or misplaced entries.
  const weigh = (t: Tensor) => {
    const [rows, cols] = t.shape
    const w = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.cos(1 + 3 * i + 7 * j)))
    return t.element_mul(Tensor(w)).sum()
  }
  const oneHot = (rows: number, cols: number) =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (j === (i * 2 + 1) % cols ? 1 : 0)))

  type Case = [name: string, inputs: number[][][], f: (t: Tensor[]) => Tensor]
  const cases: Case[] = [
    ['add, equal shapes', [data(3, 4), data(3, 4)], ([a, b]) => weigh(a.add(b))],
    ['add, a (1, n) row on the right', [data(3, 4), data(1, 4)], ([a, b]) => weigh(a.add(b))],
    ['add, a (1, n) row on the left', [data(1, 4), data(3, 4)], ([a, b]) => weigh(a.add(b))],
    ['sub, equal shapes', [data(2, 3), data(2, 3)], ([a, b]) => weigh(a.sub(b))],
    ['sub, a broadcast row', [data(4, 2), data(1, 2)], ([a, b]) => weigh(b.sub(a).sub(b.mul(3)))],
    ['neg', [data(2, 3)], ([a]) => weigh(a.neg())],
    ['mul by a number', [data(2, 3)], ([a]) => weigh(a.mul(-2.5))],
    ['matmul', [data(3, 4), data(4, 2)], ([a, b]) => weigh(a.matmul(b))],
    ['matmul written as mul', [data(2, 5), data(5, 3)], ([a, b]) => weigh(a.mul(b))],
    ['matmul of a square Tensor by itself', [data(3, 3)], ([a]) => weigh(a.matmul(a))],
    ['a matmul leaf also added directly', [data(2, 2), data(2, 2)], ([x, w]) => weigh(x.matmul(w).add(x).matmul(x))],
    ['matmul into a row, then broadcast', [data(1, 3), data(3, 3), data(4, 3)], ([r, w, m]) => weigh(m.add(r.matmul(w)))],
    ['element_mul', [data(3, 2), data(3, 2)], ([a, b]) => weigh(a.element_mul(b))],
    ['element_mul of a Tensor by itself', [data(3, 2)], ([a]) => weigh(element_mul(a, a))],
    ['sum', [data(3, 4)], ([a]) => a.sum()],
    ['sum, twice', [data(2, 2)], ([a]) => sum(a.mul(3)).add(a.sum())],
    ['relu', [data(4, 3)], ([a]) => weigh(a.relu())],
    ['relu as a function', [data(4, 3)], ([a]) => weigh(relu(a))],
    ['softmax_crossentropy', [data(4, 3)], ([z]) => softmax_crossentropy(z, oneHot(4, 3))],
    ['softmax_crossentropy, labels as a Matrix', [data(2, 5)], ([z]) => softmax_crossentropy(z.mul(3), Matrix.from(oneHot(2, 5)))],
    ['softmax_crossentropy, one row', [data(1, 4)], ([z]) => softmax_crossentropy(z, oneHot(1, 4))],
    ['a small network', [data(3, 4), data(4, 5), data(1, 5), data(5, 2), data(1, 2)], ([x, w1, b1, w2, b2]) =>
      softmax_crossentropy(relu(x.matmul(w1).add(b1)).matmul(w2).add(b2), oneHot(3, 2))],
  ]

  it.each(cases)('%s', (_name, inputs, f) => {
    const leaves = inputs.map((a) => Tensor(a))
    const out = f(leaves)
    expect(out.shape).toEqual([1, 1])
    backward(out)
    inputs.forEach((a, k) => {
      a.forEach((row, i) => row.forEach((x, j) => {
        const at = (xij: number) => {
          const moved = inputs.map((b, l) => (l === k ? b.map((r, ii) => r.map((y, jj) => (ii === i && jj === j ? xij : y))) : b))
          return f(moved.map((b) => Tensor(b))).data.get(0, 0)
        }
        expectClose(leaves[k].grad.get(i, j), (at(x + H) - at(x - H)) / (2 * H), `input ${k} entry (${i}, ${j})`)
      }))
    })
  })
})
