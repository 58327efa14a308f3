// A large product is computed when first read, with an addition of a row and relu folded into its
// pass (Matrix.planned), and a grad that would be another's plus nothing shares its array
// (TensorNode.borrowGrad). Both must be invisible: every number the ops give, forward and
// backward, read at any time and after any write, is the eager ops' number, bit for bit.
import { afterAll, describe, expect, it } from 'vitest'
import { Matrix } from '../matrix.ts'
import { backward, relu, softmax_crossentropy, Tensor, type TensorNode } from '../index.ts'
import { seed } from '../random/index.ts'
import { binaries, bits, signed } from '../kernels/test-support.ts'
import { installKernels } from '../kernels/wasm.ts'
import { addBackward } from './tensor-elementwise.ts'

afterAll(() => { installKernels({}, 'js') })

/** Operands with -0s among them, and where `odd`, a NaN and ±Infinity (which make much NaN). */
function operand(rows: number, cols: number, odd = false): Float64Array {
  const x = signed(rows, cols)
  for (let i = 0; i < x.length; i += 97) x[i] = -0
  if (odd) {
    x[5] = NaN
    x[11] = Infinity
    x[x.length - 3] = -Infinity
  }
  return x
}

/** Reading a Matrix's first entry computes a planned one: what follows sees plain values. */
const force = (t: TensorNode): TensorNode => (t.data.get(0, 0), t)

interface Net { x: TensorNode; w: TensorNode; b: TensorNode; h: TensorNode; z: TensorNode; r: TensorNode; w2: TensorNode; loss: TensorNode }

/** relu(x·w + b) (or b + x·w), then a second layer (w2: data[3], n rows) and the loss, planned or
 *  eager (every node read as made). */
function net(m: number, k: number, n: number, biasFirst: boolean, eager: boolean, data: Float64Array[]): Net {
  const [xd, wd, bd, w2d] = data
  const f = eager ? force : (t: TensorNode) => t
  // copies, which no one outside the engine holds (an array given to a Matrix is never lent)
  const own = (r: number, c: number, d: Float64Array) => Matrix.from(new Matrix(r, c, d))
  const c = w2d.length / n
  const x = Tensor(own(m, k, xd)), w = Tensor(own(k, n, wd)), b = Tensor(own(1, n, bd)), w2 = Tensor(own(n, c, w2d))
  const h = f(x.matmul(w))
  const z = f(biasFirst ? b.add(h) : h.add(b))
  const r = f(relu(z))
  const y = new Matrix(m, c)
  for (let i = 0; i < m; i++) y.set(i, i % c, 1)
  const loss = softmax_crossentropy(f(r.matmul(w2)), y)
  return { x, w, b, h, z, r, w2, loss }
}

/** Bits, with every NaN as one: a NaN's sign and payload differ between V8's tiers even for the
 *  eager ops run twice, so only -0 against +0 and the rest are compared bit for bit. */
const canon = (m: Matrix) => bits(m.data.map((v) => (v !== v ? NaN : v)))
const grads = (t: Net) => [t.w, t.b, t.w2, t.r, t.z, t.h].map((n) => canon(n.grad))
const datas = (t: Net) => [t.h, t.z, t.r].map((n) => canon(n.data))

describe('a planned product, with a row added and relu in its pass', () => {
  const bins = binaries()
  for (const path of ['simd', 'relaxed-simd', 'js'] as const) {
    if (path === 'relaxed-simd' && !WebAssembly.validate(bins.relaxed)) continue // Node 20 without the flag: wasm.relaxed.test.ts covers it
    for (const [m, k, n, odd] of [[30, 200, 24, false], [7, 101, 97, false], [100, 784, 13, false], [30, 200, 24, true]] as const) {
      for (const biasFirst of [false, true]) {
        it(`gives the eager ops' bits forward and backward (${path}, ${m}x${k} · ${k}x${n}, ${biasFirst ? 'b + x·w' : 'x·w + b'}${odd ? ', NaN and ±Infinity' : ''})`, () => {
          expect(installKernels(bins, path)).toBe(path)
          seed(m + n)
          // inputs mostly ≥ 0 (as pixels), so that relu's mask has both sides
          // a second layer wide enough to be planned too (its G·W2ᵀ goes straight into relu's backward)
          const c = Math.ceil(65537 / (m * n))
          const data = [operand(m, k, odd).map((v) => Math.max(v, -0.2)), operand(k, n, odd), operand(1, n), signed(n, c)]
          const planned = net(m, k, n, biasFirst, false, data), eager = net(m, k, n, biasFirst, true, data)
          expect(planned.h.data.plan).not.toBeNull() // left for later: the test tests that path
          expect(planned.z.data.plan).not.toBeNull()
          backward(planned.loss)
          backward(eager.loss)
          expect(planned.r.grad.plan).not.toBeNull() // relu's backward took the plan, leaving r.grad unmade
          expect(canon(planned.loss.data)).toEqual(canon(eager.loss.data))
          expect(grads(planned)).toEqual(grads(eager))
          expect(planned.z.data.plan).not.toBeNull() // backward took relu's mask from its output
          expect(datas(planned)).toEqual(datas(eager))
        })
      }
    }
  }

  /** The same 20x90 · 90x40 net planned and eager (the second layer wide enough to be planned too). */
  function pair(seedValue: number): [Net, Net] {
    installKernels(bins, 'simd')
    seed(seedValue)
    const data = [operand(20, 90), operand(90, 40), operand(1, 40), signed(40, 82)]
    return [net(20, 90, 40, false, false, data), net(20, 90, 40, false, true, data)]
  }
  /** Backward on both after `change`, which both get; their grads must agree. */
  function sameGradsAfter(seedValue: number, change: (t: Net, planned: boolean) => void): void {
    const [planned, eager] = pair(seedValue)
    change(planned, true)
    change(eager, false)
    backward(planned.loss)
    backward(eager.loss)
    expect(grads(planned)).toEqual(grads(eager))
  }

  it('reads, when read late, the operands as they were when the ops ran', () => {
    const [planned, eager] = pair(3)
    // a new Matrix for w (as an SGD step makes), and writes into b's and the batch's own
    planned.w.data = planned.w.data.mul(3)
    planned.b.data.set(0, 0, 1e9)
    planned.x.data.fill(7)
    expect(datas(planned)).toEqual(datas(eager))
  })

  it('keeps relu\'s mask as the op saw it when its output is written before backward', () => {
    sameGradsAfter(4, (t) => t.r.data.data.fill(-1)) // r's own array: a copy is made first where lent
  })

  it('uses the input of relu as it is at backward when that was replaced or read', () => {
    sameGradsAfter(5, (t) => { t.z.data = t.z.data.mul(-1) })
    sameGradsAfter(6, (t, planned) => { if (planned) t.z.data.get(0, 0) })
  })

  it('refuses a plan whose operands do not fit its shape (a snippet can reach Matrix.planned)', () => {
    const b = new Float64Array(6)
    const ok = { a: new Float64Array(4), ta: false, b, tb: false, m: 2, n: 3, k: 2 }
    expect(Matrix.planned(ok).toArray()).toEqual([[0, 0, 0], [0, 0, 0]])
    for (const bad of [{ m: 3 }, { k: 0 }, { n: 2.5 }, { a: [0, 0, 0, 0] }, { a: { bytes: new Uint8Array(4), table: new Float64Array(2) } }, { b: new Float64Array(5) }, { bias: new Float64Array(2) }]) {
      expect(() => Matrix.planned({ ...ok, ...bad } as never)).toThrow('do not fit its shape')
    }
  })

  it('leaves small products (the seed\'s) to the exact path at once', () => {
    const t = Tensor([[1, 2], [3, 4]]).matmul(Tensor([[5, 6], [7, 8]]))
    expect(t.data.plan).toBeNull()
    expect(t.data.toArray()).toEqual([[19, 22], [43, 50]])
  })
})

describe('a grad borrowed from addition\'s', () => {
  it('shares the array only where +0 + g is g, and each side copies before it is written', () => {
    const g = Tensor([[1, -2, 3], [4, 5, -6]])
    const a = Tensor([[0, 0, 0], [0, 0, 0]]).add(Tensor([[1, 1, 1], [1, 1, 1]]))
    const s = a.add(g)
    backward(s.sum())
    expect(a.grad.toArray()).toEqual([[1, 1, 1], [1, 1, 1]])
    // a's inputs borrowed a.grad's array: writing one changes nothing in the others
    const left = a.a!, right = a.b!
    left.grad.set(0, 0, 9)
    expect(a.grad.get(0, 0)).toBe(1)
    expect(right.grad.get(0, 0)).toBe(1)
    a.grad.fill(5)
    expect(right.grad.toArray()).toEqual([[1, 1, 1], [1, 1, 1]])
    expect(left.grad.toArray()).toEqual([[9, 1, 1], [1, 1, 1]])
  })

  it('is written as +0 + g where g has a -0 (which the sum makes +0)', () => {
    const x = Tensor([[1, 2], [3, 4]]), y = Tensor([[5, 6], [7, 8]])
    const s = x.add(y)
    s.grad = Matrix.from(new Matrix(2, 2, Float64Array.of(-0, 1, 2, 3))) // an array only the engine holds
    addBackward(s) // the add's backward alone, with s.grad as given
    for (const n of [x, y]) expect(Object.is(n.grad.get(0, 0), 0)).toBe(true)
    const x2 = Tensor([[1, 2], [3, 4]]), t = x2.add(y)
    t.grad = Matrix.from(new Matrix(2, 2, Float64Array.of(0, 1, 2, 3)))
    addBackward(t)
    t.grad.set(0, 1, 7) // borrowed by x2.grad: the write copies first
    expect(x2.grad.toArray()).toEqual([[0, 1], [2, 3]])
    expect(y.grad.toArray()).toEqual([[0, 2], [4, 6]])
  })
})
