// softmax_crossentropy as SimpleGrad computes it: softmax of each row (after subtracting the row's
// max), probabilities clipped to [1e-7, 1 - 1e-7], the mean of -log(p[true class]) as a (1, 1)
// Tensor; the logits' gradient is (probs - y_true) / rows, times the loss's gradient.
import { describe, shapeMismatch } from '../errors.ts'
import { Matrix, type MatrixLike } from '../matrix.ts'
import { TensorNode } from '../node.ts'
import { exp, log } from '../numeric.ts'
import { T, type OpDef } from './codes.ts'
import type { TensorNameOf } from './tensor-elementwise.ts'

export const softmaxOp: OpDef<TensorNode> = { code: T.SOFTMAX_CE, name: 'softmax_crossentropy', symbol: 'softmax CE', backward: softmaxBackward, explain: softmaxExplain }

export function softmax_crossentropy(logits: TensorNode, yTrue: MatrixLike): TensorNode {
  if (!(logits instanceof TensorNode)) throw new Error(`softmax_crossentropy: logits must be a Tensor, got ${describe(logits)}`)
  if (yTrue instanceof TensorNode) {
    throw new Error('softmax_crossentropy: y_true must be plain labels (number[][] or a Matrix), not a Tensor, as in SimpleGrad')
  }
  if (!Array.isArray(yTrue) && !(yTrue instanceof Matrix)) {
    throw new Error(`softmax_crossentropy: y_true must be one-hot labels as number[][] or a Matrix, got ${describe(yTrue)}`)
  }
  const y = yTrue instanceof Matrix ? yTrue : Matrix.from(yTrue)
  const Z = logits.data
  if (y.rows !== Z.rows || y.cols !== Z.cols) {
    throw shapeMismatch('softmax_crossentropy', Z.shape, y.shape, 'y_true needs one row of labels per row of logits, one column per class')
  }
  const rows = Z.rows, cols = Z.cols, z = Z.values, yv = y.values
  const probs = new Matrix(rows, cols)
  const p = probs.writable
  let total = 0
  for (let i = 0; i < rows; i++) {
    const o = i * cols
    let max = -Infinity
    for (let j = 0; j < cols; j++) if (z[o + j] > max) max = z[o + j]
    let sum = 0
    for (let j = 0; j < cols; j++) {
      p[o + j] = exp(z[o + j] - max)
      sum += p[o + j]
    }
    let correct = 0
    for (let j = 0; j < cols; j++) {
      p[o + j] = p[o + j] / sum
      const clipped = Math.min(Math.max(p[o + j], 1e-7), 1 - 1e-7)
      correct += clipped * yv[o + j]
    }
    total += -log(correct)
  }
  const out = new TensorNode(new Matrix(1, 1, [total / rows]), T.SOFTMAX_CE, logits, null, 0)
  out.aux = y
  out.aux2 = probs
  return out
}

export function softmaxBackward(n: TensorNode): void {
  const grad = n.a!.grad, zero = grad.knownZero, d = grad.writable, p = n.aux2!.values, y = n.aux!.values
  const rows = n.a!.data.rows, g = n.grad.values[0]
  if (zero) for (let i = 0; i < d.length; i++) d[i] = ((p[i] - y[i]) / rows) * g + 0 // +0 + the term (see writeSum)
  else for (let i = 0; i < d.length; i++) d[i] += ((p[i] - y[i]) / rows) * g
}

export function softmaxExplain(n: TensorNode, name: TensorNameOf): string[] {
  return [`${name(n.a!)}.grad += (softmax(${name(n.a!)}.data) − y_true) / ${n.a!.data.rows} × ${name(n)}.grad`]
}
