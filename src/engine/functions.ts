// The free functions of SimpleGrad: number in, number out; Value in, Value out; Tensor in, Tensor out.
import { describe } from './errors.ts'
import { TensorNode, ValueNode } from './node.ts'
import { exp as expNum, log as logNum } from './numeric.ts'
import * as unary from './ops/value-unary.ts'
import * as ew from './ops/tensor-elementwise.ts'
import * as mm from './ops/matmul.ts'
import * as sm from './ops/softmax.ts'
import type { MatrixLike } from './matrix.ts'
import { toTensor } from './tensor.ts'

function scalarOrValue(name: string, num: (x: number) => number, val: (v: ValueNode) => ValueNode) {
  function f(x: number): number
  function f(x: ValueNode): ValueNode
  function f(x: number | ValueNode): number | ValueNode {
    if (typeof x === 'number') return num(x)
    if (x instanceof ValueNode) return val(x)
    throw new Error(`${name}(x) expects a number or a Value, got ${describe(x)}`)
  }
  return f
}

/** e^x. Gradient: e^x. */
export const exp = scalarOrValue('exp', expNum, unary.exp)
/** The natural logarithm. Gradient: 1/x. */
export const log = scalarOrValue('log', logNum, unary.log)
/** SimpleGrad's tanh, (e^2x − 1)/(e^2x + 1). Gradient: 1 − tanh². */
export const tanh = scalarOrValue('tanh', unary.tanhNum, unary.tanh)
/** 1/(1 + e^−x). Gradient: σ(1 − σ). */
export const sigmoid = scalarOrValue('sigmoid', unary.sigmoidNum, unary.sigmoid)

/** max(x, 0) for numbers, Values and Tensors. Gradient: 1 where x > 0, else 0. */
export function relu(x: number): number
export function relu(x: ValueNode): ValueNode
export function relu(x: TensorNode): TensorNode
export function relu(x: number | ValueNode | TensorNode): number | ValueNode | TensorNode {
  if (typeof x === 'number') return unary.reluNum(x)
  if (x instanceof ValueNode) return unary.relu(x)
  if (x instanceof TensorNode) return ew.relu(x)
  throw new Error(`relu(x) expects a number, a Value or a Tensor, got ${describe(x)}`)
}

/** The element-wise product of two Tensors of equal shape. */
export function element_mul(a: TensorNode, b: TensorNode): TensorNode {
  return ew.element_mul(toTensor(a, 'element_mul'), toTensor(b, 'element_mul'))
}

/** The sum of a Tensor's entries, as a (1, 1) Tensor. */
export function sum(t: TensorNode): TensorNode {
  return ew.sum(toTensor(t, 'sum'))
}

/** The matrix product of two Tensors: (m, k) times (k, n) gives (m, n). Same as `a * b`. */
export function matmul(a: TensorNode, b: TensorNode): TensorNode {
  return mm.matmul(toTensor(a, 'matmul'), toTensor(b, 'matmul'))
}

/**
 * SimpleGrad's softmax cross-entropy: the mean over rows of −log(softmax(logits)[true class]), as a
 * (1, 1) Tensor. `y_true` is one-hot labels as number[][] or a Matrix (not a Tensor). The logits'
 * gradient is (softmax − y_true) / rows.
 */
export function softmax_crossentropy(logits: TensorNode, y_true: MatrixLike): TensorNode {
  return sm.softmax_crossentropy(logits, y_true)
}
