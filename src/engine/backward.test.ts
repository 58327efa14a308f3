// backward and zero_grad: deep graphs, accumulation, reused nodes, the stepper's trace, and the
// deferred gradient of a matmul leaf.
import { describe, expect, it } from 'vitest'
import { backward, Matrix, opInfo, rand, relu, seed, softmax_crossentropy, Tensor, topo, Value, zero_grad, type Node, type TraceStep } from './index.ts'

const gradOf = (n: Node): number | Matrix => (typeof n.grad === 'number' ? n.grad : n.grad.clone())
const same = (a: number | Matrix, b: number | Matrix) =>
  typeof a === 'number' ? Object.is(a, b) : b instanceof Matrix && a.shape.join() === b.shape.join() && a.data.every((x, i) => Object.is(x, b.data[i]))

describe('deep graphs', () => {
  it('a chain of a million additions runs backward and zero_grad without recursion', () => {
    const one = Value(1)
    let s = Value(0)
    for (let i = 0; i < 1_000_000; i++) s = s.add(one)
    expect(s.data).toBe(1_000_000)
    backward(s)
    expect(one.grad).toBe(1_000_000)
    zero_grad(s)
    expect(one.grad).toBe(0)
    expect(s.grad).toBe(0)
  })

  it('a deep chain of Tensor ops too', () => {
    const x = Tensor([1, 2])
    let t = x
    for (let i = 0; i < 100_000; i++) t = t.mul(1)
    backward(t.sum())
    expect(x.grad.toArray()).toEqual([[1, 1]])
  })
})

describe('accumulation and reuse', () => {
  it('backward twice doubles the leaves’ grads of a one-op graph', () => {
    const x = Value(6), y = Value(2)
    const z = x.mul(y)
    backward(z)
    backward(z)
    expect([x.grad, y.grad, z.grad]).toEqual([4, 12, 1])
  })

  it('interior grads accumulate too, as in SimpleGrad: a second pass through a chain adds twice', () => {
    const x = Value(6)
    const y = x.mul(2).mul(3)
    backward(y)
    expect(x.grad).toBe(6)
    backward(y)
    expect(x.grad).toBe(6 + 12)
  })

  it('gradients accumulate with += across graphs until zero_grad', () => {
    const w = Value(3)
    backward(w.mul(2))
    backward(w.pow(2))
    expect(w.grad).toBe(2 + 6)
    const t = w.mul(5)
    zero_grad(t)
    backward(t)
    expect(w.grad).toBe(5)
  })

  it('a.mul(a) has two edges: topo and the trace list a twice', () => {
    const a = Value(3)
    const b = a.mul(a)
    expect([b.a, b.b]).toEqual([a, a])
    expect(topo(b)).toEqual([a, b])
    const trace = backward(b, { trace: true })
    expect(trace.steps[1].inputs).toEqual([a, a])
    expect(trace.steps[1].before).toEqual([0, 0])
    expect(trace.steps[1].after).toEqual([6, 6])
    expect(a.grad).toBe(6)
  })

  it('topo lists inputs before the nodes that use them, each node once', () => {
    const x = Value(1), y = Value(2)
    const u = x.mul(y), v = u.add(x), w = v.mul(u)
    const order = topo(w)
    expect(new Set(order).size).toBe(order.length)
    for (const n of order) for (const input of [n.a, n.b]) if (input) expect(order.indexOf(input)).toBeLessThan(order.indexOf(n))
    expect(order.at(-1)).toBe(w)
  })
})

describe('the trace', () => {
  /** z = tanh(x*y + x) ^ 2 with labels, plus a reused node */
  function graph() {
    const x = Value(0.6), y = Value(-1.5)
    const p = x.mul(y), s = p.add(x), t = s.tanh(), z = t.pow(2)
    x.label = 'x'
    y.label = 'y'
    z.label = 'z'
    return { x, y, p, s, t, z }
  }

  it('step 1 seeds the root; each later step is one op node, in reverse topological order', () => {
    const { z } = graph()
    const trace = backward(z, { trace: true })
    expect(trace.root).toBe(z)
    expect(trace.steps[0].node).toBe(z)
    expect(trace.steps[0].before).toEqual([0])
    expect(trace.steps[0].after).toEqual([1])
    expect(trace.steps[0].explain[0]).toMatch(/^z\.grad = 1/)
    const ops = trace.order.filter((n) => n.op !== 0).reverse()
    expect(trace.steps.slice(1).map((s) => s.node)).toEqual(ops)
    expect(trace.initial).toEqual(trace.order.map(() => 0))
  })

  it('before and after of each input chain into the final grads', () => {
    const { x, y, z } = graph()
    const trace = backward(z, { trace: true })
    const seen = new Map<Node, number | Matrix>()
    for (const step of trace.steps.slice(1)) {
      step.inputs.forEach((n, i) => {
        if (seen.has(n) && step.inputs.indexOf(n) === i) expect(same(step.before[i], seen.get(n)!)).toBe(true)
        seen.set(n, step.after[i])
      })
    }
    expect(seen.get(x)).toBe(x.grad)
    expect(seen.get(y)).toBe(y.grad)
  })

  it('explains z = x*y with the numbers', () => {
    const x = Value(6), y = Value(2)
    const z = x.mul(y)
    x.label = 'x'
    y.label = 'y'
    z.label = 'z'
    const step = backward(z, { trace: true }).steps[1]
    expect(step.explain).toEqual(['x.grad += y.data × z.grad = 2.0 × 1.0 = 2.0', 'y.grad += x.data × z.grad = 6.0 × 1.0 = 6.0'])
  })

  it('names unlabelled nodes by position, or as nameOf says', () => {
    const x = Value(2)
    const trace = backward(x.exp(), { trace: true, nameOf: (n) => (n === x ? 'input' : 'out') })
    expect(trace.steps[1].explain[0]).toBe('input.grad += exp(input.data) × out.grad = 7.38905609893065 × 1.0 = 7.38905609893065')
    expect(backward(Value(3).log(), { trace: true }).steps[1].explain[0]).toMatch(/^node0\.grad \+= \(1 \/ node0\.data\) × node1\.grad/)
  })

  it('names every op of a graph from the op table (the sentences are checked in ops/table.test.ts)', () => {
    const a = Value(0.5), b = Value(1.5)
    const root = a.add(b).mul(a.div(b)).pow(2).pow(b).exp().log().tanh().relu().sigmoid()
    const names = backward(root, { trace: true }).steps.slice(1).map((s) => opInfo(s.node).name)
    expect(names).toEqual(['sigmoid', 'relu', 'tanh', 'log', 'exp', 'pow', 'pow', 'mul', 'mul', 'inv', 'add'])
  })

  it('gives the same grads, bit for bit, as untraced backward', () => {
    const build = () => {
      const x = Tensor([[0.3, -1.2, 0.7], [1.1, 0.4, -0.5]]), w = Tensor([[0.2, -0.4], [0.9, 0.1], [-0.3, 0.8]]), b = Tensor([0.05, -0.1])
      const v = Value(0.7), u = Value(-0.2)
      const loss = softmax_crossentropy(relu(x.matmul(w).add(b)).mul(3), [[0, 1], [1, 0]])
      const scalar = v.mul(u).add(v.pow(3)).tanh().div(u.exp().add(v)).log()
      return { leaves: [x, w, b], loss, values: [v, u], scalar }
    }
    const plain = build(), traced = build()
    backward(plain.loss)
    backward(plain.scalar)
    const t1 = backward(traced.loss, { trace: true })
    const t2 = backward(traced.scalar, { trace: true })
    plain.leaves.forEach((l, i) => expect(same(l.grad, traced.leaves[i].grad)).toBe(true))
    plain.values.forEach((v, i) => expect(Object.is(v.grad, traced.values[i].grad)).toBe(true))
    // the trace's last "after" of each leaf is that leaf's final grad
    const lastAfter = (steps: TraceStep[], n: Node) => {
      const last = steps.filter((s) => s.inputs.includes(n)).at(-1)!
      return last.after[last.inputs.lastIndexOf(n)]
    }
    traced.leaves.forEach((l) => expect(same(lastAfter(t1.steps, l), gradOf(l))).toBe(true))
    traced.values.forEach((v) => expect(lastAfter(t2.steps, v)).toBe(v.grad))
  })
})

describe('the deferred gradient of a matmul leaf', () => {
  const X = () => Tensor([[1, 2, 3], [4, 5, 6]])
  const W = () => Tensor([[0.5, -1], [2, 0.25], [-0.75, 1.5]])
  /** X.grad of sum(X W) is every row of W's row sums */
  const expected = (w: number[][]) => [0, 1].map(() => w.map((row) => row[0] + row[1]))

  it('is correct when read after backward', () => {
    const x = X(), w = W()
    backward(x.matmul(w).sum())
    expect(x.grad.toArray()).toEqual(expected(w.data.toArray()))
    expect(w.grad.toArray()).toEqual([[5, 5], [7, 7], [9, 9]])
  })

  it('still holds the old W after W.data is replaced', () => {
    const x = X(), w = W()
    const before = w.data.toArray()
    backward(x.matmul(w).sum())
    w.data = w.data.sub(w.grad.mul(0.1))
    w.data.set(0, 0, 100)
    expect(x.grad.toArray()).toEqual(expected(before))
  })

  it('borrows W and G without a copy, and writes to either afterwards change nothing in it', () => {
    const x = X(), w = W()
    const before = w.data.toArray()
    const y = x.matmul(w)
    backward(y.sum())
    const term = x.pending![0]
    expect(term.b).toBe(w.data.values) // lent, not copied: MNIST replaces weights1.data instead
    expect(term.g).toBe(y.grad.values)
    w.data.data[0] = 100 // through the array itself
    w.data.set(1, 1, 100)
    w.data.fill(3)
    y.grad.fill(7)
    y.grad.data[1] = -5
    expect(term.b).not.toBe(w.data.values)
    expect(x.grad.toArray()).toEqual(expected(before))
  })

  it('copies what it cannot borrow: an array handed out before backward, or given from outside', () => {
    const x = X(), w = W()
    const before = w.data.toArray()
    const held = w.data.data // taken before the pass: writes through it cannot be seen coming
    const y = x.matmul(w)
    backward(y.sum())
    expect(x.pending![0].b).not.toBe(w.data.values)
    held[0] = 100
    expect(x.grad.toArray()).toEqual(expected(before))

    const outside = Float64Array.from(before.flat())
    const x2 = X(), w2 = Tensor(new Matrix(3, 2, outside))
    backward(x2.matmul(w2).sum())
    outside.fill(9)
    expect(x2.grad.toArray()).toEqual(expected(before))
  })

  it('reads an operand that shares its array with the grad being written as it was', () => {
    // h = relu(x) is not a leaf, so its term is applied at once; w is a Matrix on h.grad's array
    const x = Tensor([[1, 2, 3], [4, 5, 6]]), h = relu(x)
    const shared = h.grad.data
    shared.set([0.5, -1, 2, 0.25, -0.75, 1.5])
    const w = Tensor(new Matrix(3, 2, shared)), copy = Tensor(new Matrix(3, 2, shared.slice()))
    const hCopy = relu(Tensor([[1, 2, 3], [4, 5, 6]]))
    hCopy.grad.data.set(shared)
    backward(h.matmul(w).sum())
    backward(hCopy.matmul(copy).sum())
    expect(h.grad.toArray()).toEqual(hCopy.grad.toArray())
  })

  it('accumulates over two backward passes, and zero_grad clears it', () => {
    const x = X(), w = W()
    const loss = x.matmul(w).sum()
    backward(loss)
    backward(loss)
    // the matmul node's own grad accumulated to 2 as well, so the second pass adds twice as much
    expect(x.grad.toArray()).toEqual(expected(w.data.toArray()).map((r) => r.map((v) => 3 * v)))
    backward(loss)
    zero_grad(loss)
    expect(x.grad.toArray()).toEqual([[0, 0, 0], [0, 0, 0]])
    backward(loss)
    expect(x.grad.toArray()).toEqual(expected(w.data.toArray()))
  })

  it('setting grad directly drops what was pending', () => {
    const x = X(), w = W()
    backward(x.matmul(w).sum())
    x.grad = new Matrix(2, 3)
    expect(x.grad.toArray()).toEqual([[0, 0, 0], [0, 0, 0]])
    expect(() => { x.grad = [[1]] as unknown as Matrix }).toThrow(/Matrix/)
  })

  it('knows a grad is all +0 after fill(0) until its elements are handed out', () => {
    const w = W()
    backward(X().matmul(w).sum())
    expect(w.grad.knownZero).toBe(false)
    w.grad.fill(0)
    expect(w.grad.knownZero).toBe(true)
    expect(w.peekGrad()).toEqual({ zero: true, vector: false })
    w.grad.data[2] = 0 // handed out: no longer known, but still all +0 when looked at
    expect(w.grad.knownZero).toBe(false)
    expect(w.peekGrad()).toEqual({ zero: true, vector: false })
    w.grad.fill(-0)
    expect(w.grad.knownZero).toBe(false)
    expect(w.peekGrad()).toBeInstanceOf(Matrix)
    expect(new Matrix(2, 2).knownZero).toBe(true)
    expect(new Matrix(1, 2, [0, 0]).knownZero).toBe(false)
  })

  it('writes the product into a grad known to be zero: the same bits as adding it to zeros', () => {
    seed(3)
    const x = Tensor(rand(30, 70).mul(2).sub(1)), known = Tensor(rand(70, 40).mul(2).sub(1))
    const unknown = Tensor(known.data.clone())
    known.grad.fill(0)
    unknown.grad.fill(0)
    void unknown.grad.data // handed out: the pass must add to it
    expect([known.grad.knownZero, unknown.grad.knownZero]).toEqual([true, false])
    backward(x.matmul(known).sum())
    backward(x.matmul(unknown).sum())
    const bits = (m: Matrix) => Array.from(new BigUint64Array(m.values.buffer))
    expect(bits(known.grad)).toEqual(bits(unknown.grad))
  })

  it('is neither made nor computed by peekGrad, which copies only what is not zero', () => {
    const x = X(), w = W()
    expect(x.peekGrad()).toEqual({ zero: true, vector: false })
    backward(x.matmul(w).sum())
    expect(x.pending).not.toBeNull() // peekGrad must compute it now: it is not zero
    expect(x.peekGrad()).toBeInstanceOf(Matrix)
    expect(x.pending).toBeNull()
    w.grad.fill(0)
    expect(w.peekGrad()).toEqual({ zero: true, vector: false })
    w.grad.set(0, 0, -0)
    expect(w.peekGrad()).toBeInstanceOf(Matrix) // a -0 is kept
  })
})
