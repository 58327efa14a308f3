// backward and zero_grad over any graph, without recursion (a chain of a million nodes works).
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

let epoch = 0
const stack: Node[] = []

/**
 * Nodes reachable from root, inputs before the nodes that use them (Julia's build_topo), into
 * `order` when given (emptied first: the untraced backward reuses one array between calls).
 */
export function topo<N extends Node>(root: N, order: N[] = []): N[] {
  order.length = 0
  const ep = ++epoch
  let sp = 0
  stack[sp++] = root
  root.mark = ep
  while (sp > 0) {
    const n = stack[sp - 1]
    const a = n.a, b = n.b
    if (a !== null && a.mark !== ep) {
      a.mark = ep
      stack[sp++] = a
    } else if (b !== null && b.mark !== ep) {
      b.mark = ep
      stack[sp++] = b
    } else {
      order.push(stack[--sp] as N)
    }
  }
  stack.length = 0
  return order
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
 * Called by every untraced backward with the root and its nodes in topological order, before any
 * grad changes: the playground copies the numbers it needs to draw the last call. The observer may
 * keep the array if it hands back one it no longer needs, which the next call fills: a training
 * loop calls backward 100,000 times, and a fresh array each time was a tenth of its time. One null
 * check when off.
 */
export type BackwardObserver = (root: ValueNode | TensorNode, order: Node[]) => Node[]
let observer: BackwardObserver | null = null
export function setBackwardObserver(f: BackwardObserver | null): void {
  observer = f
}

// The untraced backward's node order, reused by every call (a training loop calls it 100,000
// times), or swapped for the observer's spare one.
let scratch: Node[] = []

/** backward without the tracing option: the loop that runs when tracing is off. */
export function topoBackwardUntraced(root: ValueNode | TensorNode): void {
  const into = scratch
  if (root instanceof ValueNode) {
    const order = topo<Node>(root, into) as ValueNode[]
    if (observer !== null) scratch = observer(root, order)
    root.grad = 1.0
    for (let i = order.length - 1; i >= 0; i--) valueStep(order[i])
  } else if (root instanceof TensorNode) {
    const order = topo<Node>(root, into) as TensorNode[]
    if (observer !== null) scratch = observer(root, order)
    root.grad.fill(1.0)
    for (let i = order.length - 1; i >= 0; i--) tensorStep(order[i])
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
