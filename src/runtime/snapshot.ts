// Graph snapshots, taken in the worker. Every backward() copies, cheaply, what the picture needs
// (the nodes in order, their data and their grads before the pass); the snapshot itself is built
// from that copy only when it is sent (at the end of the cell, and about once a second while a
// long loop runs). Building replays backward with the trace on a clone of the graph made from
// the copied numbers: the same arithmetic in the same order, so the trace is exactly what ran,
// and later changes to `.data` (an SGD step) change nothing in the picture.
import { backward, Matrix, opInfo, topo, TensorNode, ValueNode, type Node } from '../engine/index.ts'
import { snapshotNumbers, SNAPSHOT_MAX_NUMBERS } from '../protocol/schema-graph.ts'
import { SNAPSHOT_FULL_LIMIT, SNAPSHOT_GRID, SNAPSHOT_MAX_NODES, type GraphSnapshot, type NodeValue, type SnapNode, type TensorValues } from '../protocol/messages.ts'

export function tensorValues(m: Matrix): TensorValues {
  const { rows, cols, values: data } = m
  let min = Infinity, max = -Infinity, sum = 0
  for (let i = 0; i < data.length; i++) {
    const v = data[i]
    if (v < min) min = v
    if (v > max) max = v
    sum += v
  }
  const gridRows = Math.min(rows, SNAPSHOT_GRID), gridCols = Math.min(cols, SNAPSHOT_GRID)
  const grid: number[] = []
  for (let gi = 0; gi < gridRows; gi++) {
    const r0 = Math.floor((gi * rows) / gridRows), r1 = Math.floor(((gi + 1) * rows) / gridRows)
    for (let gj = 0; gj < gridCols; gj++) {
      const c0 = Math.floor((gj * cols) / gridCols), c1 = Math.floor(((gj + 1) * cols) / gridCols)
      let s = 0
      for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) s += data[i * cols + j]
      grid.push(s / ((r1 - r0) * (c1 - c0)))
    }
  }
  const out: TensorValues = { rows, cols, min, max, mean: sum / data.length, grid, gridRows, gridCols }
  if (data.length <= SNAPSHOT_FULL_LIMIT) out.full = Array.from(data)
  return out
}

const valueOf = (n: Node, which: 'data' | 'grad'): NodeValue =>
  n instanceof ValueNode ? n[which] : tensorValues(which === 'data' ? n.data : n.grad)

function symbolOf(n: Node): string {
  const info = opInfo(n)
  if (n instanceof ValueNode && info.name === 'pow' && n.b === null) return `^${n.k}`
  if (n instanceof TensorNode && info.name === 'scale') return `×${n.k}`
  return info.symbol
}

function nodesOf(order: Node[], data: (n: Node, i: number) => NodeValue, grad: (n: Node, i: number) => NodeValue): SnapNode[] {
  const id = new Map<Node, number>()
  order.forEach((n, i) => id.set(n, i))
  return order.map((n, i) => ({
    id: i,
    kind: n instanceof ValueNode ? 'value' : 'tensor',
    label: n.label,
    op: n.op === 0 ? '' : opInfo(n).name,
    symbol: n.op === 0 ? '' : symbolOf(n),
    inputs: (n.b === null ? (n.a === null ? [] : [n.a]) : [n.a!, n.b]).map((x) => id.get(x)!),
    data: data(n, i),
    grad: grad(n, i),
  }))
}

const tooBig = (kind: GraphSnapshot['kind'], root: Node, size: number, calls: number): GraphSnapshot => ({
  kind, root: 0, nodes: nodesOf([root], (n) => valueOf(n, 'data'), (n) => valueOf(n, 'grad')).map((n) => ({ ...n, inputs: [] })),
  initial: [], steps: [], accumulated: false, calls, truncated: size,
})

/** The snapshot, or its root alone when it holds more numbers than the page takes in one. */
export function fitSnapshot(s: GraphSnapshot): GraphSnapshot {
  if (snapshotNumbers(s) <= SNAPSHOT_MAX_NUMBERS) return s
  return { ...s, root: 0, nodes: [{ ...s.nodes[s.root], id: 0, inputs: [] }], initial: [], steps: [], truncated: s.nodes.length }
}

/** draw(root): the graph as it stands, with no trace. */
export function drawSnapshot(root: ValueNode | TensorNode): GraphSnapshot {
  const order = topo<Node>(root)
  if (order.length > SNAPSHOT_MAX_NODES) return tooBig('draw', root, order.length, 0)
  return {
    kind: 'draw', root: order.length - 1,
    nodes: nodesOf(order, (n) => valueOf(n, 'data'), (n) => valueOf(n, 'grad')),
    initial: [], steps: [], accumulated: false, calls: 0,
  }
}

/** Keeps the last backward call's copy; builds its snapshot on demand. */
export class BackwardRecorder {
  calls = 0
  private root: ValueNode | TensorNode | null = null
  private order: Node[] = []
  /** gives data and grad of node i at [2i] and [2i + 1] */
  private scalars: () => Float64Array = () => new Float64Array(0)
  private tensorData: Matrix[] = []
  /** copies of the grads, or where one was all zeros its print style (no copy) */
  private tensorGrad: Array<Matrix | { zero: true; vector: boolean }> = []

  /** The engine's backward observer: called before the pass, with the nodes in order and, for
   *  Values, a function that gives their numbers as they were at this call (until the next call,
   *  which then replaces this one). */
  readonly observe = (root: ValueNode | TensorNode, order: Node[], numbers: (() => Float64Array) | null): void => {
    this.calls++
    this.root = root
    this.order = order
    if (numbers !== null) this.scalars = numbers
    else {
      // Data matrices are replaced, not changed, by updates such as `w.data = w.data - ...`;
      // grads are changed in place by later passes, so those are copied.
      this.tensorData = order.map((t) => (t as TensorNode).data)
      this.tensorGrad = order.map((t) => {
        const g = (t as TensorNode).peekGrad()
        return g instanceof Matrix ? g.clone() : g
      })
    }
  }

  get hasCall(): boolean {
    return this.root !== null
  }

  reset(): void {
    this.calls = 0
    this.root = null
    this.order = []
    this.tensorData = []
    this.tensorGrad = []
  }

  /** The snapshot of the last backward call, with its trace. */
  build(): GraphSnapshot | null {
    const root = this.root, order = this.order
    if (!root) return null
    if (order.length > SNAPSHOT_MAX_NODES) return tooBig('backward', root, order.length, this.calls)
    const scalar = root instanceof ValueNode
    const numbers = scalar ? this.scalars() : null
    const index = new Map<Node, number>()
    order.forEach((n, i) => index.set(n, i))
    // A clone made of the copied numbers: running backward on it replays the call exactly.
    const clones: Node[] = []
    for (let i = 0; i < order.length; i++) {
      const n = order[i]
      const a = n.a === null ? null : clones[index.get(n.a)!]
      const b = n.b === null ? null : clones[index.get(n.b)!]
      let c: Node
      if (scalar) {
        const v = new ValueNode(numbers![2 * i], n.op, a as ValueNode | null, b as ValueNode | null, n.k)
        v.grad = numbers![2 * i + 1]
        c = v
      } else {
        const t = n as TensorNode
        const v = new TensorNode(this.tensorData[i], t.op, a as TensorNode | null, b as TensorNode | null, t.k)
        v.aux = t.aux
        v.aux2 = t.aux2
        const g = this.tensorGrad[i]
        if (g instanceof Matrix) v.grad = g.clone()
        else v.grad.vector = g.vector
        c = v
      }
      c.label = n.label
      clones.push(c)
    }
    const cloneIndex = new Map<Node, number>()
    clones.forEach((c, i) => cloneIndex.set(c, i))
    const initial = clones.map((c) => valueOf(c, 'grad'))
    const accumulated = initial.some((g) => (typeof g === 'number' ? g !== 0 : g.min !== 0 || g.max !== 0))
    const nameOf = (c: Node) => {
      const i = cloneIndex.get(c)!
      if (c.label) return c.label
      if (c.op === 0 && c instanceof ValueNode) return `(${c.data})`
      return `n${i}`
    }
    const trace = backward(clones[clones.length - 1] as ValueNode | TensorNode, { trace: true, nameOf })
    const nodes = nodesOf(clones, (c) => valueOf(c, 'data'), (c) => valueOf(c, 'grad'))
    return {
      kind: 'backward',
      root: clones.length - 1,
      nodes,
      initial,
      steps: trace.steps.map((s) => ({
        node: cloneIndex.get(s.node)!,
        inputs: s.inputs.map((x) => cloneIndex.get(x)!),
        after: s.after.map((g) => (typeof g === 'number' ? g : tensorValues(g))),
        explain: s.explain,
      })),
      accumulated,
      calls: this.calls,
    }
  }
}
