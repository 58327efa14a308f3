// backward and zero_grad over any graph, however deep (a chain of a million nodes works).
// The order is SimpleGrad's: a depth-first post-order visiting inputs first-to-last, run in
// reverse, so that gradients accumulate in the same order and round the same way.
import { describe } from './errors.ts'
import { Matrix } from './matrix.ts'
import { TensorNode, ValueNode, type Node } from './node.ts'
import { V, T, type OpInfo } from './ops/codes.ts'
import { TENSOR_OPS, VALUE_OPS } from './ops/table.ts'
import * as va from './ops/value-arith.ts'
import * as vu from './ops/value-unary.ts'
import * as te from './ops/tensor-elementwise.ts'
import * as mm from './ops/matmul.ts'
import * as sm from './ops/softmax.ts'
import * as record from './record.ts'

let epoch = 0
const stack: Node[] = []
// How deep the sort recurses before it goes on with an explicit stack. Recursion was twice as
// fast in Chromium (the linear-regression tutorial's sort), but a chain of a million nodes must
// not overflow the call stack; both visit in the same order.
const MAX_DEPTH = 2000
// Whether the sort holds the grads of the Values that are not fresh, for backward's observer.
let holding = false

/**
 * Nodes reachable from root, inputs before the nodes that use them (Julia's build_topo), into
 * `order` when given (its contents replaced).
 */
export function topo<N extends Node>(root: N, order: N[] = []): N[] {
  record.settle()
  holding = false
  return sort(root, order)
}

function sort<N extends Node>(root: N, order: N[]): N[] {
  const ep = ++epoch
  if (holding && root.mark !== 0) record.hold(root as ValueNode)
  root.mark = ep
  // Written by index and cut to length at the end: emptying first and pushing made V8 give the
  // array a new backing store and grow it a dozen times per call.
  order.length = visit(root, ep, order as Node[], 0, 0)
  return order
}

// Depth-first, inputs first-to-last; `n` is marked; `k` is how much of the order is written.
// A leaf goes straight into the order: V8 did not inline a function for that into this recursive
// one, and a call per node made the tutorial's loop 5% slower. A node is held (record.ts) when it
// is first met, if it is not fresh; most are, and their mark is already loaded.
function visit(n: Node, ep: number, order: Node[], k: number, depth: number): number {
  const a = n.a
  if (a !== null && a.mark !== ep) {
    if (a.a === null) {
      if (a.mark !== 0 && holding) record.holdAt(a as ValueNode, k)
      a.mark = ep
      order[k++] = a
    } else {
      if (a.mark !== 0 && holding) record.hold(a as ValueNode)
      a.mark = ep
      k = shallow(a, ep) ? emitShallow(a, ep, order, k) : depth < MAX_DEPTH ? visit(a, ep, order, k, depth + 1) : visitDeep(a, ep, order, k)
    }
  }
  const b = n.b
  if (b !== null && b.mark !== ep) {
    if (b.a === null) {
      if (b.mark !== 0 && holding) record.holdAt(b as ValueNode, k)
      b.mark = ep
      order[k++] = b
    } else {
      if (b.mark !== 0 && holding) record.hold(b as ValueNode)
      b.mark = ep
      k = shallow(b, ep) ? emitShallow(b, ep, order, k) : depth < MAX_DEPTH ? visit(b, ep, order, k, depth + 1) : visitDeep(b, ep, order, k)
    }
  }
  order[k] = n
  return k + 1
}

// A node whose inputs are leaves or already in the order (x * w, a leaf's negation), visited
// without a recursive call: a third of the tutorial's calls, 2-4% of its loop in a worker.
function shallow(n: Node, ep: number): boolean {
  const a = n.a!, b = n.b
  return (a.a === null || a.mark === ep) && (b === null || b.a === null || b.mark === ep)
}
function emitShallow(n: Node, ep: number, order: Node[], k: number): number {
  const a = n.a!, b = n.b
  if (a.mark !== ep) {
    if (a.mark !== 0 && holding) record.holdAt(a as ValueNode, k)
    a.mark = ep
    order[k++] = a
  }
  if (b !== null && b.mark !== ep) {
    if (b.mark !== 0 && holding) record.holdAt(b as ValueNode, k)
    b.mark = ep
    order[k++] = b
  }
  order[k] = n
  return k + 1
}

// The same visit with an explicit stack, for what lies deeper than MAX_DEPTH; `start` is marked.
function visitDeep(start: Node, ep: number, order: Node[], k: number): number {
  let sp = 0
  stack[sp++] = start
  while (sp > 0) {
    const n = stack[sp - 1]
    const a = n.a, b = n.b
    if (a !== null && a.mark !== ep) {
      if (a.mark !== 0 && holding) record.hold(a as ValueNode)
      a.mark = ep
      stack[sp++] = a
    } else if (b !== null && b.mark !== ep) {
      if (b.mark !== 0 && holding) record.hold(b as ValueNode)
      b.mark = ep
      stack[sp++] = b
    } else {
      order[k++] = stack[--sp]
    }
  }
  stack.length = 0
  return k
}

// The hot dispatch: a switch on the code, calling each op's own backward (the same function as its
// record's `backward`; ops/table.test.ts checks every code against the table and this switch).
/** Runs one Value node's local backward. */
export function valueStep(n: ValueNode): void {
  switch (n.op) {
    case V.LEAF: return
    case V.ADD: return va.addBackward(n)
    case V.MUL: return va.mulBackward(n)
    case V.POW: return va.powBackward(n)
    case V.POWV: return va.powvBackward(n)
    case V.INV: return va.invBackward(n)
    case V.EXP: return vu.expBackward(n)
    case V.LOG: return vu.logBackward(n)
    case V.TANH: return vu.tanhBackward(n)
    case V.RELU: return vu.reluBackward(n)
    case V.SIGMOID: return vu.sigmoidBackward(n)
  }
}

/** Runs one Tensor node's local backward. */
export function tensorStep(n: TensorNode): void {
  switch (n.op) {
    case T.LEAF: return
    case T.ADD: return te.addBackward(n)
    case T.MATMUL: return mm.matmulBackward(n)
    case T.SCALE: return te.scaleBackward(n)
    case T.EMUL: return te.emulBackward(n)
    case T.SUM: return te.sumBackward(n)
    case T.RELU: return te.reluBackward(n)
    case T.SOFTMAX_CE: return sm.softmaxBackward(n)
  }
}

/** One entry of the backward trace: which node ran and what its inputs' grads became. */
export interface TraceStep {
  node: Node
  /** the inputs in order (a node used twice appears twice) */
  inputs: Node[]
  /** each input's grad before and after this step: numbers for Values, copies for Tensors */
  before: (number | Matrix)[]
  after: (number | Matrix)[]
  /** the op's sentences, one per input, with the numbers of this step filled in */
  explain: string[]
}

export interface BackwardTrace {
  root: Node
  /** every node, inputs before users (the order backward runs in, reversed) */
  order: Node[]
  /** each node's grad before backward, indexed like `order` */
  initial: (number | Matrix)[]
  /** step 1 seeds the root's grad; each later step runs one op node's local backward */
  steps: TraceStep[]
}

export interface BackwardOptions {
  /** Record the trace (off by default; when off it costs nothing). */
  trace?: boolean
  /** Names for the explanations; defaults to labels, then `node3` by position. */
  nameOf?: (n: Node) => string
}

/**
 * Fills in `grad` of every node that `root` was computed from: sets root.grad to 1 (all ones for a
 * Tensor), then runs each node's local backward in reverse topological order. Grads accumulate
 * with `+=`: clear them with `zero_grad(root)` (or `w.grad = 0`) before the next pass.
 */
export function backward(root: ValueNode | TensorNode, opts?: BackwardOptions & { trace: true }): BackwardTrace
/**
 * Fills in `grad` of every node that `root` was computed from: sets root.grad to 1 (all ones for a
 * Tensor), then runs each node's local backward in reverse topological order. Grads accumulate
 * with `+=`: clear them with `zero_grad(root)` (or `w.grad = 0`) before the next pass.
 */
export function backward(root: ValueNode | TensorNode, opts?: BackwardOptions): BackwardTrace | undefined
export function backward(root: ValueNode | TensorNode, opts?: BackwardOptions): BackwardTrace | undefined {
  if (opts?.trace) return tracedBackward(root, opts.nameOf)
  topoBackwardUntraced(root)
  return undefined
}

/**
 * Called by every untraced backward, before any grad changes, with the root, its nodes in
 * topological order and, for a graph of Values, `numbers`: a function that gives their numbers as
 * they were at this call, node i's data at [2i] and grad at [2i + 1], whenever it is called
 * before the next observed call (record.ts keeps them; the playground draws the last call). The
 * order is the observer's to keep (each call makes a new one). One null check when off.
 */
export type BackwardObserver = (root: ValueNode | TensorNode, order: Node[], numbers: (() => Float64Array) | null) => void
let observer: BackwardObserver | null = null
export function setBackwardObserver(f: BackwardObserver | null): void {
  observer = f
  record.forget()
}

// How long the last call's order was, to size the next one.
let lastLength = 0

/** backward without the tracing option: the loop that runs when tracing is off. */
export function topoBackwardUntraced(root: ValueNode | TensorNode): void {
  // A new array each call, sized as the last one: V8 keeps it in the young generation, where
  // storing the new nodes into it costs nothing extra (an old array records every such store).
  const into: Node[] = new Array(lastLength)
  if (root instanceof ValueNode) {
    holding = observer !== null
    if (holding) record.startCall()
    else record.settle()
    const order = sort<Node>(root, into) as ValueNode[]
    lastLength = order.length
    if (holding) {
      holding = false
      record.watch(epoch, order)
      observer!(root, order, record.callNumbers())
    }
    root.g = 1.0
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i]
      if (n.op !== 0) valueStep(n)
    }
  } else if (root instanceof TensorNode) {
    // (A Tensor's sort marks no Value: a watched call's numbers need nothing.)
    holding = false
    const order = sort<Node>(root, into) as TensorNode[]
    lastLength = order.length
    if (observer !== null) observer(root, order, null)
    root.grad.fill(1.0)
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i]
      if (n.op !== 0) tensorStep(n)
    }
  } else {
    throw new Error(`backward(root) expects a Value or a Tensor, got ${describe(root)}`)
  }
}

const gradOf = (n: Node): number | Matrix => (n instanceof ValueNode ? n.grad : n.grad.clone())

function tracedBackward(root: ValueNode | TensorNode, nameOf?: (n: Node) => string): BackwardTrace {
  if (!(root instanceof ValueNode) && !(root instanceof TensorNode)) {
    throw new Error(`backward(root) expects a Value or a Tensor, got ${describe(root)}`)
  }
  const order: Node[] = topo<Node>(root)
  const index = new Map<Node, number>(order.map((n, i) => [n, i]))
  const name = nameOf ?? ((n: Node) => n.label || `node${index.get(n)}`)
  const trace: BackwardTrace = { root, order, initial: order.map(gradOf), steps: [] }
  const before = gradOf(root)
  if (root instanceof ValueNode) root.grad = 1.0
  else root.grad.fill(1.0)
  trace.steps.push({ node: root, inputs: [root], before: [before], after: [gradOf(root)], explain: [`${name(root)}.grad = 1 (the output's gradient with respect to itself)`] })
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]
    if (n.op === 0) continue
    const inputs = (n.b === null ? [n.a!] : [n.a!, n.b]) as Node[]
    const step: TraceStep = { node: n, inputs, before: inputs.map(gradOf), after: [], explain: explainStep(n, name) }
    if (n instanceof ValueNode) valueStep(n)
    else tensorStep(n)
    step.after = inputs.map(gradOf)
    trace.steps.push(step)
  }
  return trace
}

function explainStep(n: Node, name: (n: Node) => string): string[] {
  if (n instanceof ValueNode) return VALUE_OPS[n.op].explain(n, name)
  return TENSOR_OPS[n.op].explain(n, name)
}

/** Set every grad reachable from root to zero (SimpleGrad's zero_grad). */
export function zero_grad(root: ValueNode | TensorNode): void {
  if (!(root instanceof ValueNode) && !(root instanceof TensorNode)) {
    throw new Error(`zero_grad(root) expects a Value or a Tensor, got ${describe(root)}`)
  }
  for (const n of topo<Node>(root)) {
    if (n instanceof ValueNode) n.grad = 0
    else {
      n.pending = null
      n.grad.fill(0)
    }
  }
}

/** The op's name and symbol, for drawing: `opInfo(node)`. */
export function opInfo(n: Node): OpInfo {
  if (n.op === 0) return { name: 'leaf', symbol: '' }
  return n instanceof ValueNode ? VALUE_OPS[n.op] : TENSOR_OPS[n.op]
}
