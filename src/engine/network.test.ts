// A two-layer network through the Tensor API, against the same network written out by hand with
// number[][] loops: the forward loss and every parameter's gradient.
import { describe, expect, it } from 'vitest'
import { backward, Matrix, rand, relu, seed, softmax_crossentropy, Tensor, zero_grad } from './index.ts'

type M = number[][]

const zerosLike = (rows: number, cols: number): M => Array.from({ length: rows }, () => new Array<number>(cols).fill(0))
const transpose = (a: M): M => a[0].map((_, j) => a.map((row) => row[j]))

function matmul(a: M, b: M): M {
  const out = zerosLike(a.length, b[0].length)
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b[0].length; j++) {
      for (let k = 0; k < b.length; k++) out[i][j] += a[i][k] * b[k][j]
    }
  }
  return out
}

const addRow = (a: M, row: number[]): M => a.map((r) => r.map((x, j) => x + row[j]))
const columnSums = (a: M): number[] => a[0].map((_, j) => a.reduce((s, r) => s + r[j], 0))

/** The whole network by hand: forward, loss, and the chain rule written out. */
function reference(x: M, w1: M, b1: number[], w2: M, b2: number[], y: M) {
  const n = x.length
  const pre = addRow(matmul(x, w1), b1) // n x 6
  const hidden = pre.map((r) => r.map((v) => Math.max(v, 0)))
  const logits = addRow(matmul(hidden, w2), b2) // n x 3
  const probs = logits.map((r) => {
    const max = Math.max(...r)
    const e = r.map((v) => Math.exp(v - max))
    const total = e.reduce((s, v) => s + v, 0)
    return e.map((v) => v / total)
  })
  let loss = 0
  probs.forEach((r, i) => r.forEach((p, j) => {
    if (y[i][j] === 1) loss -= Math.log(Math.min(Math.max(p, 1e-7), 1 - 1e-7))
  }))
  loss /= n
  const dLogits = probs.map((r, i) => r.map((p, j) => (p - y[i][j]) / n))
  const dHidden = matmul(dLogits, transpose(w2))
  const dPre = dHidden.map((r, i) => r.map((g, j) => (pre[i][j] > 0 ? g : 0)))
  return {
    loss,
    x: matmul(dPre, transpose(w1)),
    w1: matmul(transpose(x), dPre),
    b1: columnSums(dPre),
    w2: matmul(transpose(hidden), dLogits),
    b2: columnSums(dLogits),
  }
}

function expectMatrixClose(got: Matrix, want: M, what: string): void {
  expect(got.shape, what).toEqual([want.length, want[0].length])
  want.forEach((row, i) => row.forEach((w, j) => {
    const g = got.get(i, j)
    if (!(Math.abs(g - w) <= 1e-12 * Math.max(1e-3, Math.abs(w)))) expect.fail(`${what} (${i}, ${j}): ${g}, expected ${w}`)
  }))
}

describe('a two-layer network', () => {
  seed(99)
  const centred = (r: number, c: number): M => rand(r, c).toArray().map((row) => row.map((u) => 2 * u - 1))
  const x = centred(5, 4), w1 = centred(4, 6), w2 = centred(6, 3)
  const b1 = centred(1, 6)[0], b2 = centred(1, 3)[0]
  const y: M = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]]

  function build() {
    const t = { x: Tensor(x), w1: Tensor(w1), b1: Tensor(b1), w2: Tensor(w2), b2: Tensor(b2) }
    const loss = softmax_crossentropy(relu(t.x.matmul(t.w1).add(t.b1)).matmul(t.w2).add(t.b2), y)
    return { ...t, loss }
  }

  it('has some hidden units switched off, so relu matters', () => {
    const pre = addRow(matmul(x, w1), b1).flat()
    expect(pre.some((v) => v < 0) && pre.some((v) => v > 0)).toBe(true)
  })

  it('computes the same loss and gradients as the loops', () => {
    const want = reference(x, w1, b1, w2, b2, y)
    const net = build()
    expect(net.loss.shape).toEqual([1, 1])
    expect(Math.abs(net.loss.data.get(0, 0) - want.loss)).toBeLessThanOrEqual(1e-12 * want.loss)
    backward(net.loss)
    expectMatrixClose(net.w1.grad, want.w1, 'w1.grad')
    expectMatrixClose(net.b1.grad, [want.b1], 'b1.grad')
    expectMatrixClose(net.w2.grad, want.w2, 'w2.grad')
    expectMatrixClose(net.b2.grad, [want.b2], 'b2.grad')
    expectMatrixClose(net.x.grad, want.x, 'x.grad')
  })

  it('learns: a few SGD steps written as in the MNIST tutorial lower the loss', () => {
    const net = build()
    const params = [net.w1, net.b1, net.w2, net.b2]
    const first = net.loss.data.get(0, 0)
    let last = first
    for (let step = 0; step < 20; step++) {
      const loss = softmax_crossentropy(relu(net.x.matmul(net.w1).add(net.b1)).matmul(net.w2).add(net.b2), y)
      zero_grad(loss)
      backward(loss)
      for (const p of params) p.data = p.data.sub(p.grad.mul(0.5))
      last = loss.data.get(0, 0)
    }
    expect(last).toBeLessThan(first / 2)
  })
})
