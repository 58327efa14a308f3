// The two kinds of graph node. Fields only, all set in the constructor in one order, so V8 keeps
// one hidden class per kind; the operations are added in value.ts and tensor.ts. A node keeps its
// op and an ordered pair of inputs (a node used twice is listed twice), so any graph can be drawn.
// A Value's fields are `declare`d, so that no class field is emitted: an ES2022 field is first
// defined as undefined, and V8 then keeps the field generic, boxing every number stored in it anew
// (each `grad +=` of backward allocated; the linear-regression loop ran 21% faster in Node without).
// `data` and `grad` are accessors over the fields `d` and `g`, which the engine uses itself: a
// snippet's writes go through them, so that backward's observer need not copy every number at every
// call (see record.ts). TurboFan inlines them; a snippet's `w.data -= w.grad * lr` costs the same.
import { Matrix } from './matrix.ts'
import type { ProductPlan } from './matmul-kernel.ts'
import { GRAD_SET, keepData, watched } from './record.ts'

// A scalar in a computation graph: its number, its gradient, and how it was computed.
export class ValueNode {
  // The graph's own fields, hidden from snippets' completions (stripInternal in editor/dts-gen.ts).
  /** @internal The number (what `data` reads and writes). */
  declare d: number
  /** @internal The gradient (what `grad` reads and writes). */
  declare g: number
  /** @internal Op code from ops/codes.ts; 0 for a leaf. */
  declare op: number
  /** @internal */
  declare a: ValueNode | null
  /** @internal */
  declare b: ValueNode | null
  /** @internal The op's constant, when it has one (the exponent of `x ^ 3`). */
  declare k: number
  /** @internal The variable name the snippet gave this node, for the graph. */
  declare label: string
  /** @internal Traversal stamp: equal to the traversal's epoch once visited (no Set on the hot path);
   *  0 for a node that no traversal has seen and whose grad no one has set, below 0 once either
   *  happened outside a traversal (record.ts). */
  declare mark: number

  constructor(data: number, op: number, a: ValueNode | null, b: ValueNode | null, k: number) {
    this.d = data
    this.g = 0
    this.op = op
    this.a = a
    this.b = b
    this.k = k
    this.label = ''
    this.mark = 0
  }

  /** The number this Value holds; set it freely (an SGD step: `w.data -= w.grad * lr`). */
  get data(): number {
    return this.d
  }
  set data(x: number) {
    if (this.mark === watched) keepData(this)
    this.d = x
  }

  /** d(root)/d(this), filled in by `backward(root)`; it accumulates with `+=` until `zero_grad`. */
  get grad(): number {
    return this.g
  }
  set grad(x: number) {
    if (this.mark === 0) this.mark = GRAD_SET
    this.g = x
  }
}

/** A gradient term whose product is computed only when someone reads the grad (see matmul). */
export interface PendingGrad {
  /** out.grad (m x n), lent (Matrix.lend) */
  g: Float64Array
  /** the other operand, lent, row-major k x n */
  b: Float64Array
  m: number
  n: number
  k: number
}

// A 2-D array in a computation graph: its numbers, their gradients, and how it was computed.
export class TensorNode {
  /** The numbers, as a row-major Matrix; assign a new Matrix to update (`w.data = w.data - w.grad * lr`). */
  data: Matrix
  /** @internal Made on first read: a batch's inputs and most intermediate nodes never need one. */
  private _grad: Matrix | null
  /** @internal The grad's shape and print style: the data's as the node was made. */
  private readonly gradRows: number
  private readonly gradCols: number
  private readonly gradVector: boolean
  /** @internal */
  op: number
  /** @internal */
  a: TensorNode | null
  /** @internal */
  b: TensorNode | null
  /** @internal */
  k: number
  /** @internal softmax_crossentropy: the labels, then the unclipped probabilities; relu of a
   *  planned product: the input's Matrix, then the output as made (see ops/tensor-elementwise.ts). */
  aux: Matrix | null
  /** @internal */
  aux2: Matrix | null
  /** @internal */
  label: string
  /** @internal */
  mark: number
  /** @internal Deferred `grad += G * Bᵀ` terms of a leaf, in the order they were added. */
  pending: PendingGrad[] | null

  constructor(data: Matrix, op: number, a: TensorNode | null, b: TensorNode | null, k: number) {
    this.data = data
    this._grad = null
    this.gradRows = data.rows
    this.gradCols = data.cols
    this.gradVector = data.vector
    this.op = op
    this.a = a
    this.b = b
    this.k = k
    this.aux = null
    this.aux2 = null
    this.label = ''
    this.mark = 0
    this.pending = null
  }

  /** d(root)/d(data), one entry per entry of `data`, filled in by `backward(root)`; accumulates until `zero_grad`. */
  get grad(): Matrix {
    if (this._grad === null) {
      this._grad = new Matrix(this.gradRows, this.gradCols)
      this._grad.vector = this.gradVector
    }
    if (this.pending !== null) this.flush()
    return this._grad
  }

  set grad(m: Matrix) {
    if (!(m instanceof Matrix)) throw new Error('Tensor.grad must be a Matrix')
    if (m.rows !== this.data.rows || m.cols !== this.data.cols) {
      throw new Error(`Tensor.grad must be a (${this.data.rows}, ${this.data.cols}) Matrix, the shape of its data; got (${m.rows}, ${m.cols})`)
    }
    this.pending = null
    this._grad = m
  }

  /**
   * @internal The grad for someone who only copies it (the playground's recorder at every backward): the
   * Matrix, or, where it is all +0, just its print style, so that a grad nobody made (a batch's
   * inputs) is neither made nor computed.
   */
  peekGrad(): Matrix | { zero: true; vector: boolean } {
    if (this._grad === null && this.pending === null) return { zero: true, vector: this.gradVector }
    const g = this.grad
    if (g.knownZero) return { zero: true, vector: g.vector }
    const d = g.values
    // All +0 is all bits zero (a -0 has its sign bit, and is kept as it is): integers, no division.
    const bits = new Int32Array(d.buffer, d.byteOffset, d.length * 2)
    let any = 0
    for (let i = 0; i < bits.length; i++) any |= bits[i]
    if (any !== 0) return g
    return { zero: true, vector: g.vector }
  }

  /**
   * @internal Makes this node's grad, where it has none yet, a Matrix on g's values (lent, see
   * Matrix.borrowing) when that is what `grad += g` would write: the same shape, and +0 + g is g.
   * False (nothing done) otherwise.
   */
  borrowGrad(g: Matrix): boolean {
    if (this._grad !== null || this.pending !== null || g.rows !== this.gradRows || g.cols !== this.gradCols) return false
    if (!g.lendable || !g.unchangedByPlusZero) return false
    this._grad = Matrix.borrowing(g)
    this._grad.vector = this.gradVector
    return true
  }

  /**
   * @internal Makes this node's grad, where it has none yet, a planned product (Matrix.planned) of
   * its shape: computed when read. False (nothing done) otherwise.
   */
  planGrad(plan: ProductPlan): boolean {
    if (this._grad !== null || this.pending !== null || plan.m !== this.gradRows || plan.n !== this.gradCols) return false
    this._grad = Matrix.planned(plan)
    this._grad.vector = this.gradVector
    return true
  }

  /** `[rows, cols]` */
  get shape(): [number, number] {
    return [this.data.rows, this.data.cols]
  }

  private flush(): void {
    const pending = this.pending!
    this.pending = null
    for (const p of pending) applyPending(this._grad!, p)
  }
}

// Set by ops/matmul.ts: node.ts must not import the ops.
let applyPending: (grad: Matrix, p: PendingGrad) => void = () => {
  throw new Error('matmul op not loaded')
}
export function setPendingApplier(f: typeof applyPending): void {
  applyPending = f
}

export type Node = ValueNode | TensorNode
