// The Tensor API: `Tensor(a, opts?)` with or without `new`, and its methods.
import { describe } from './errors.ts'
import { formatRow } from './format.ts'
import { Matrix, type MatrixLike } from './matrix.ts'
import { TensorNode } from './node.ts'
import * as ew from './ops/tensor-elementwise.ts'
import { matmul } from './ops/matmul.ts'

export interface TensorOptions {
  /** Make a `number[]` an (n, 1) column instead of a (1, n) row. */
  column_vector?: boolean
}

declare module './node.ts' {
  interface TensorNode {
    /** a + b, broadcasting a (1, n) row over the other's rows as SimpleGrad does. Same as `+`. */
    add(o: TensorNode): TensorNode
    /** a - b, built as `a + (-b)`. Same as `-`. */
    sub(o: TensorNode): TensorNode
    /** `-a`, built as `a * -1`. */
    neg(): TensorNode
    /** With a Tensor, the matrix product (Julia's `*`); with a number, every entry scaled. Same as `*`. */
    mul(o: TensorNode | number): TensorNode
    /** The matrix product: (m, k) times (k, n) gives (m, n). */
    matmul(o: TensorNode): TensorNode
    /** The element-wise product of two Tensors of equal shape. */
    element_mul(o: TensorNode): TensorNode
    /** The sum of every entry, as a (1, 1) Tensor. */
    sum(): TensorNode
    /** max(x, 0) in every entry. */
    relu(): TensorNode
  }
}

export function toTensor(x: unknown, op: string): TensorNode {
  if (x instanceof TensorNode) return x
  throw new Error(`${op}: expected a Tensor, got ${describe(x)}`)
}

export function makeTensor(a: unknown, opts?: TensorOptions): TensorNode {
  if (a instanceof TensorNode) throw new Error('Tensor(a) expects number[], number[][] or a Matrix, got a Tensor (use it directly)')
  if (!(a instanceof Matrix) && !Array.isArray(a)) {
    throw new Error(`Tensor(a) expects number[] (a row), number[][] (rows) or a Matrix; got ${describe(a)}`)
  }
  // A Matrix is used as it is, as Julia's Tensor(::Matrix) does; arrays are copied in.
  const data = a instanceof Matrix ? a : Matrix.from(a as MatrixLike, opts?.column_vector === true)
  if (data.rows === 0 || data.cols === 0) throw new Error(`Tensor(a) needs at least one number; got shape (${data.rows}, ${data.cols})`)
  return new TensorNode(data, 0, null, null, 0)
}

export const neg = (a: TensorNode) => ew.scale(a, -1)
export const sub = (a: TensorNode, b: TensorNode) => ew.add(a, neg(b))

const P = TensorNode.prototype
P.add = function (o) { return ew.add(this, toTensor(o, 'add')) }
P.sub = function (o) { return sub(this, toTensor(o, 'sub')) }
P.neg = function () { return neg(this) }
P.mul = function (o) { return typeof o === 'number' ? ew.scale(this, o) : matmul(this, toTensor(o, 'mul')) }
P.matmul = function (o) { return matmul(this, toTensor(o, 'matmul')) }
P.element_mul = function (o) { return ew.element_mul(this, toTensor(o, 'element_mul')) }
P.sum = function () { return ew.sum(this) }
P.relu = function () { return ew.relu(this) }
/** SimpleGrad's show: one `[a, b]` line per row, later rows indented by 7 spaces. */
P.toString = function () {
  const { rows, cols, data } = this.data
  const lines: string[] = []
  for (let i = 0; i < rows; i++) lines.push(formatRow(data, i * cols, cols))
  return `Tensor(${lines.join('\n       ')})`
}

export interface TensorConstructor {
  /** A 2-D node: `number[]` is a (1, n) row, or (n, 1) with `{ column_vector: true }`. */
  (a: MatrixLike, opts?: TensorOptions): TensorNode
  new (a: MatrixLike, opts?: TensorOptions): TensorNode
  readonly prototype: TensorNode
}

export const Tensor = function Tensor(a: MatrixLike, opts?: TensorOptions): TensorNode {
  return makeTensor(a, opts)
} as unknown as TensorConstructor
;(Tensor as unknown as { prototype: TensorNode }).prototype = P
