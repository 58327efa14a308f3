// The matrix product: forward, local backward (A.grad += G·Bᵀ, B.grad += Aᵀ·G) and the sentence.
// A leaf's A.grad term is deferred until someone reads it: a batch of inputs X is a leaf whose
// gradient nobody reads in training, and computing it would be a third of MNIST's work. The
// deferred term borrows G's and B's elements as they are (Matrix.lend): a later write to either
// gives that Matrix a copy first, so it changes nothing in the term, and where nobody writes
// (MNIST replaces weights1.data rather than changing it) nothing is copied.
import { shapeMismatch } from '../errors.ts'
import { Matrix } from '../matrix.ts'
import { isLarge, product } from '../matmul-kernel.ts'
import { setPendingApplier, TensorNode, type PendingGrad } from '../node.ts'
import { T, type OpDef } from './codes.ts'
import type { TensorNameOf } from './tensor-elementwise.ts'

export const matmulOp: OpDef<TensorNode> = { code: T.MATMUL, name: 'matmul', symbol: 'matmul', backward: matmulBackward, explain: matmulExplain }

export function matmul(a: TensorNode, b: TensorNode): TensorNode {
  const A = a.data, B = b.data
  if (A.cols !== B.rows) {
    throw shapeMismatch('matmul', A.shape, B.shape, `a (${A.rows}, ${A.cols}) Tensor times a (${B.rows}, ${B.cols}) Tensor needs ${A.cols} columns on the left to match ${B.rows} rows on the right`)
  }
  const m = A.rows, n = B.cols, k = A.cols
  // A large product is computed when first read, so that a bias and relu after it join its pass
  // (Matrix.planned); only operands that can be lent without a copy are left for later.
  if (isLarge(m, n, k) && A.lendable && B.lendable) {
    return new TensorNode(Matrix.planned({ a: A.lendSource(), ta: false, b: B.lend(), tb: false, m, n, k }), T.MATMUL, a, b, 0)
  }
  const out = new Matrix(m, n)
  product(A.source, false, B.source, false, out.writable, m, n, k, false)
  out.vector = false
  return new TensorNode(out, T.MATMUL, a, b, 0)
}

export function matmulBackward(n: TensorNode): void {
  const a = n.a!, b = n.b!
  const A = a.data, B = b.data, G = n.grad
  const m = A.rows, k = A.cols, cols = B.cols
  // A.grad += G (m x cols) · Bᵀ (cols x k)
  if (a.op === T.LEAF && a !== b) (a.pending ??= []).push({ g: G.lend(), b: B.lend(), m, n: cols, k })
  else if (a !== b && isLarge(m, k, cols) && G.lendable && B.lendable && a.planGrad({ a: G.lend(), ta: false, b: B.lend(), tb: true, m, n: k, k: cols, plusZero: true })) {
    // a new grad is left as this product (+0 + G·Bᵀ, what adding to zeros gives), made when read:
    // relu's backward takes it into its own grad instead (MNIST's layer1.grad)
  } else {
    // a grad whose array is also an operand's (a Matrix made on it) must not be written while read
    const ag = a.grad, zero = ag.knownZero, out = ag.writable // knownZero before .writable, which forgets it
    product(G.values === out ? out.slice() : G.values, false, B.values === out ? out.slice() : B.values, true, out, m, k, cols, true, zero)
  }
  // B.grad += Aᵀ (k x m) · G (m x cols); a grad known to be all +0 is not read (see product)
  const bg = b.grad, zero = bg.knownZero
  product(A.source, true, G.values, false, bg.writable, k, cols, m, true, zero)
}

function applyTerm(grad: Matrix, p: PendingGrad): void {
  product(p.g, false, p.b, true, grad.writable, p.m, p.k, p.n, true)
}
setPendingApplier(applyTerm)

export function matmulExplain(n: TensorNode, name: TensorNameOf): string[] {
  return [
    `${name(n.a!)}.grad += ${name(n)}.grad · ${name(n.b!)}.dataᵀ   (${n.data.rows}×${n.data.cols} · ${n.b!.data.cols}×${n.b!.data.rows})`,
    `${name(n.b!)}.grad += ${name(n.a!)}.dataᵀ · ${name(n)}.grad   (${n.a!.data.cols}×${n.a!.data.rows} · ${n.data.rows}×${n.data.cols})`,
  ]
}
