// Tensor addition (with SimpleGrad's row broadcast), scaling, element-wise product, sum and relu:
// forward, local backward and the stepper's sentence for each.
import { shapeMismatch } from '../errors.ts'
import { formatFloat as f } from '../format.ts'
import { Matrix } from '../matrix.ts'
import { runPlan } from '../matmul-kernel.ts'
import { TensorNode } from '../node.ts'
import { T, type OpDef } from './codes.ts'

export type TensorNameOf = (n: TensorNode) => string
const shape = (m: Matrix) => `(${m.rows}, ${m.cols})`

export const addOp: OpDef<TensorNode> = { code: T.ADD, name: 'add', symbol: '+', backward: addBackward, explain: addExplain }
/** a .+ b, where either may be a (1, n) row that Julia broadcasts over the other's rows. */
export function add(a: TensorNode, b: TensorNode): TensorNode {
  const A = a.data, B = b.data
  if (A.cols !== B.cols || (A.rows !== B.rows && A.rows !== 1 && B.rows !== 1)) {
    throw shapeMismatch('add', A.shape, B.shape, 'addition needs equal shapes, or a (1, n) row to add to every row of an (m, n) Tensor')
  }
  const rows = Math.max(A.rows, B.rows), cols = A.cols
  // a product nobody has read yet takes a broadcast row into its own pass (Matrix.planned)
  const pa = A.plan, pb = B.plan
  if (pa !== null && !pa.bias && !pa.plusZero && !pa.ta && !pa.tb && B.rows === 1 && A.rows === rows && B.lendable) {
    return new TensorNode(Matrix.planned({ ...pa, bias: B.lend(), biasFirst: false }), T.ADD, a, b, 0)
  }
  if (pb !== null && !pb.bias && !pb.plusZero && !pb.ta && !pb.tb && A.rows === 1 && B.rows === rows && A.lendable) {
    return new TensorNode(Matrix.planned({ ...pb, bias: A.lend(), biasFirst: true }), T.ADD, a, b, 0)
  }
  const out = new Matrix(rows, cols)
  const x = A.values, y = B.values, z = out.writable
  const sa = A.rows === rows ? cols : 0, sb = B.rows === rows ? cols : 0 // row strides: 0 broadcasts
  for (let i = 0; i < rows; i++) {
    const oa = i * sa, ob = i * sb, oz = i * cols
    for (let j = 0; j < cols; j++) z[oz + j] = x[oa + j] + y[ob + j]
  }
  out.vector = A.vector && B.vector
  return new TensorNode(out, T.ADD, a, b, 0)
}
export function addBackward(n: TensorNode): void {
  addGrad(n.a!, n.grad)
  addGrad(n.b!, n.grad)
}
/** input.grad += g, or, for a broadcast row, += sum(g, dims=1): a 1 x n Julia Matrix. */
function addGrad(input: TensorNode, g: Matrix): void {
  if (input.borrowGrad(g)) return // a new grad that would be g + 0 exactly shares g's array
  const grad = input.grad, zero = grad.knownZero, d = grad.writable, s = g.values
  if (grad.rows === g.rows) {
    if (zero) writeSum(d, s)
    else for (let i = 0; i < d.length; i++) d[i] += s[i]
    return
  }
  const cols = g.cols
  for (let j = 0; j < cols; j++) {
    let acc = 0
    for (let i = 0; i < g.rows; i++) acc += s[i * cols + j]
    d[j] += acc
  }
  grad.vector = false
}
/**
 * d = +0 + s, into a grad known to be all +0 (most are new: the pass makes intermediate grads),
 * without reading d: a new array's pages are mapped on first touch, and a read then a write
 * touches each twice (measured in Chromium: 100 KB 0.10 → 0.08 ms, 784 KB 0.9 → 0.58 ms). s + 0
 * is +0 + s bit for bit: it turns -0 into +0, as the sum does, and changes nothing else.
 */
export function writeSum(d: Float64Array, s: Float64Array): void {
  for (let i = 0; i < d.length; i++) d[i] = s[i] + 0
}
export function addExplain(n: TensorNode, name: TensorNameOf): string[] {
  const line = (x: TensorNode) => x.data.rows === n.data.rows
    ? `${name(x)}.grad += ${name(n)}.grad   ${shape(n.data)}`
    : `${name(x)}.grad += sum of ${name(n)}.grad's rows   (the row was broadcast over ${n.data.rows} rows)`
  return [line(n.a!), line(n.b!)]
}

export const scaleOp: OpDef<TensorNode> = { code: T.SCALE, name: 'scale', symbol: '×k', backward: scaleBackward, explain: scaleExplain }
export function scale(a: TensorNode, k: number): TensorNode {
  return new TensorNode(a.data.mul(k), T.SCALE, a, null, k)
}
export function scaleBackward(n: TensorNode): void {
  const d = n.a!.grad.writable, g = n.grad.values, k = n.k
  for (let i = 0; i < d.length; i++) d[i] += k * g[i]
}
export function scaleExplain(n: TensorNode, name: TensorNameOf): string[] {
  return [`${name(n.a!)}.grad += ${f(n.k)} × ${name(n)}.grad`]
}

export const emulOp: OpDef<TensorNode> = { code: T.EMUL, name: 'element_mul', symbol: '⊙', backward: emulBackward, explain: emulExplain }
export function element_mul(a: TensorNode, b: TensorNode): TensorNode {
  if (a.data.rows !== b.data.rows || a.data.cols !== b.data.cols) {
    throw shapeMismatch('element_mul', a.data.shape, b.data.shape, 'the element-wise product needs equal shapes')
  }
  return new TensorNode(a.data.element_mul(b.data), T.EMUL, a, b, 0)
}
export function emulBackward(n: TensorNode): void {
  const g = n.grad.values
  const ad = n.a!.data.values, bd = n.b!.data.values
  const ag = n.a!.grad.writable
  for (let i = 0; i < g.length; i++) ag[i] += bd[i] * g[i]
  const bg = n.b!.grad.writable
  for (let i = 0; i < g.length; i++) bg[i] += ad[i] * g[i]
}
export function emulExplain(n: TensorNode, name: TensorNameOf): string[] {
  return [
    `${name(n.a!)}.grad += ${name(n.b!)}.data ⊙ ${name(n)}.grad`,
    `${name(n.b!)}.grad += ${name(n.a!)}.data ⊙ ${name(n)}.grad`,
  ]
}

export const sumOp: OpDef<TensorNode> = { code: T.SUM, name: 'sum', symbol: 'Σ', backward: sumBackward, explain: sumExplain }
export function sum(a: TensorNode): TensorNode {
  const out = new Matrix(1, 1, [a.data.sum()])
  return new TensorNode(out, T.SUM, a, null, 0)
}
export function sumBackward(n: TensorNode): void {
  const d = n.a!.grad.writable, g = n.grad.values[0]
  for (let i = 0; i < d.length; i++) d[i] += g
}
export function sumExplain(n: TensorNode, name: TensorNameOf): string[] {
  return [`${name(n.a!)}.grad += ${name(n)}.grad = ${f(n.grad.data[0])} in every entry`]
}

export const reluOp: OpDef<TensorNode> = { code: T.RELU, name: 'relu', symbol: 'relu', backward: reluBackward, explain: reluExplain }
export function relu(a: TensorNode): TensorNode {
  const plan = a.data.plan
  if (plan !== null) {
    // a planned product (and bias) is computed here, relu'd on the way out, and left unwritten in
    // a: backward takes the mask from this output instead (x > 0 exactly where relu(x) > 0), as
    // long as a.data is still that Matrix, unread (aux), and the output as made (aux2, lent).
    const out = new Matrix(a.data.rows, a.data.cols)
    runPlan(plan, out.writable, { relu: true })
    out.vector = a.data.vector
    const n = new TensorNode(out, T.RELU, a, null, 0)
    n.aux = a.data
    n.aux2 = new Matrix(out.rows, out.cols, out.lend())
    return n
  }
  const src = a.data.values
  const out = new Matrix(a.data.rows, a.data.cols)
  const d = out.writable
  for (let i = 0; i < src.length; i++) {
    const x = src[i]
    d[i] = x > 0 ? x : x !== x ? x : 0
  }
  out.vector = a.data.vector
  return new TensorNode(out, T.RELU, a, null, 0)
}
export function reluBackward(n: TensorNode): void {
  const src = n.a!.data
  const x = n.aux === src && src.plan !== null ? n.aux2!.values : src.values
  const grad = n.a!.grad, zero = grad.knownZero, d = grad.writable, gm = n.grad, plan = gm.plan
  if (zero && plan !== null) return runPlan(plan, d, { mask: x }) // the grad as planned, masked on its way
  const g = gm.values
  if (zero) for (let i = 0; i < d.length; i++) d[i] = x[i] > 0 ? g[i] + 0 : 0 // +0 + the term (see writeSum)
  else for (let i = 0; i < d.length; i++) d[i] += x[i] > 0 ? g[i] : 0
}
export function reluExplain(n: TensorNode, name: TensorNameOf): string[] {
  return [`${name(n.a!)}.grad += (${name(n.a!)}.data > 0) ⊙ ${name(n)}.grad`]
}
