// Hand-built graph snapshots for tests and benchmarks: a tiny micrograd of plain numbers that
// produces what the worker sends (nodes in topological order, the trace, the explanations).
// The engine is not imported: graph/ sees snapshots only.
import type { GraphSnapshot, NodeValue, SnapNode, SnapStep, TensorValues } from '../protocol/messages.ts'
import { nameOf } from './format.ts'

type Local = (self: SnapNode, ins: SnapNode[], g: number) => number[]

interface Op {
  name: string
  symbol: string
  forward(...xs: number[]): number
  local: Local
  /** one sentence per input */
  explain(self: SnapNode, ins: SnapNode[], g: number, name: (n: SnapNode) => string): string[]
}

const num = (v: NodeValue) => v as number
const tanhNum = (x: number) => {
  const e = Math.exp(2 * x)
  return e === Infinity ? 1 : (e - 1) / (e + 1)
}

const OPS = {
  add: {
    name: 'add', symbol: '+', forward: (a: number, b: number) => a + b,
    local: (_s, _i, g) => [g, g],
    explain: (s, ins, g, n) => ins.map((x) => `${n(x)}.grad += ${n(s)}.grad = ${g}`),
  },
  mul: {
    name: 'mul', symbol: '×', forward: (a: number, b: number) => a * b,
    local: (_s, [a, b], g) => [num(b.data) * g, num(a.data) * g],
    explain: (s, [a, b], g, n) => [
      `${n(a)}.grad += ${n(b)}.data × ${n(s)}.grad = ${num(b.data)} × ${g} = ${num(b.data) * g}`,
      `${n(b)}.grad += ${n(a)}.data × ${n(s)}.grad = ${num(a.data)} × ${g} = ${num(a.data) * g}`,
    ],
  },
  tanh: {
    name: 'tanh', symbol: 'tanh', forward: tanhNum,
    local: (s, _i, g) => [(1 - num(s.data) ** 2) * g],
    explain: (s, [a], g, n) => [`${n(a)}.grad += (1 − ${n(s)}.data²) × ${n(s)}.grad = (1 − ${num(s.data)}²) × ${g} = ${(1 - num(s.data) ** 2) * g}`],
  },
  exp: {
    name: 'exp', symbol: 'exp', forward: Math.exp,
    local: (s, _i, g) => [num(s.data) * g],
    explain: (s, [a], g, n) => [`${n(a)}.grad += exp(${n(a)}.data) × ${n(s)}.grad = ${num(s.data) * g}`],
  },
  log: {
    name: 'log', symbol: 'log', forward: Math.log,
    local: (_s, [a], g) => [g / num(a.data)],
    explain: (s, [a], g, n) => [`${n(a)}.grad += (1 / ${n(a)}.data) × ${n(s)}.grad = ${g / num(a.data)}`],
  },
  inv: {
    name: 'inv', symbol: '1/x', forward: (a: number) => 1 / a,
    local: (_s, [a], g) => [-g / num(a.data) ** 2],
    explain: (s, [a], g, n) => [`${n(a)}.grad −= ${n(s)}.grad / ${n(a)}.data² = ${-g / num(a.data) ** 2}`],
  },
  relu: {
    name: 'relu', symbol: 'relu', forward: (a: number) => (a > 0 ? a : 0),
    local: (_s, [a], g) => [num(a.data) > 0 ? g : 0],
    explain: (s, [a], g, n) => [`${n(a)}.grad += (${n(a)}.data > 0 ? 1 : 0) × ${n(s)}.grad = ${num(a.data) > 0 ? g : 0}`],
  },
  sigmoid: {
    name: 'sigmoid', symbol: 'σ', forward: (a: number) => 1 / (1 + Math.exp(-a)),
    local: (s, _i, g) => [num(s.data) * (1 - num(s.data)) * g],
    explain: (s, [a], g, n) => [`${n(a)}.grad += σ × (1 − σ) × ${n(s)}.grad = ${num(s.data) * (1 - num(s.data)) * g}`],
  },
} satisfies Record<string, Op>

/** A Value graph under construction; each method returns the new node's id. */
export class ValueGraph {
  readonly nodes: SnapNode[] = []
  private ks = new Map<number, number>()

  value(x: number, label = ''): number {
    return this.push({ kind: 'value', label, op: '', symbol: '', inputs: [], data: x, grad: 0 })
  }
  /** Names the node (as `const y = ...` does in a snippet). */
  label(id: number, label: string): number {
    this.nodes[id].label = label
    return id
  }
  add(a: number, b: number, label = '') { return this.op('add', [a, b], label) }
  mul(a: number, b: number, label = '') { return this.op('mul', [a, b], label) }
  tanh(a: number, label = '') { return this.op('tanh', [a], label) }
  exp(a: number, label = '') { return this.op('exp', [a], label) }
  log(a: number, label = '') { return this.op('log', [a], label) }
  inv(a: number, label = '') { return this.op('inv', [a], label) }
  relu(a: number, label = '') { return this.op('relu', [a], label) }
  sigmoid(a: number, label = '') { return this.op('sigmoid', [a], label) }
  /** x ^ k for a constant k; the op node shows `^k`, as the worker's snapshots do */
  pow(a: number, k: number, label = ''): number {
    const id = this.push({ kind: 'value', label, op: 'pow', symbol: `^${k}`, inputs: [a], data: num(this.nodes[a].data) ** k, grad: 0 })
    this.ks.set(id, k)
    return id
  }
  /** SimpleGrad's composites: -a = a × -1, a - b = a + (-b), a / b = a × b^-1 */
  neg(a: number, label = '') { return this.mul(a, this.value(-1), label) }
  sub(a: number, b: number, label = '') { return this.add(a, this.neg(b), label) }
  div(a: number, b: number, label = '') { return this.mul(a, this.inv(b), label) }

  private op(name: keyof typeof OPS, inputs: number[], label: string): number {
    const xs = inputs.map((i) => num(this.nodes[i].data))
    const data = (OPS[name].forward as (...a: number[]) => number)(...xs)
    return this.push({ kind: 'value', label, op: name, symbol: OPS[name].symbol, inputs, data, grad: 0 })
  }
  private push(n: Omit<SnapNode, 'id'>): number {
    const id = this.nodes.length
    this.nodes.push({ id, ...n })
    return id
  }

  /** draw(root): the graph as it stands (the root is the last node). */
  draw(): GraphSnapshot {
    const nodes = this.nodes.map((n) => ({ ...n, inputs: n.inputs.slice() }))
    return { kind: 'draw', root: nodes.length - 1, nodes, initial: [], steps: [], accumulated: false, calls: 0 }
  }

  /** backward(root) with its trace; `times` > 1 runs it again without zeroing (accumulation). */
  backward(times = 1): GraphSnapshot {
    const nodes = this.nodes.map((n) => ({ ...n, inputs: n.inputs.slice() }))
    const root = nodes.length - 1
    let initial: number[] = nodes.map(() => 0)
    let steps: SnapStep[] = []
    for (let t = 0; t < times; t++) {
      initial = nodes.map((n) => num(n.grad))
      steps = []
      nodes[root].grad = 1
      steps.push({ node: root, inputs: [root], after: [1], explain: [`${nameOf(nodes[root])}.grad = 1 (the output's gradient with respect to itself)`] })
      for (let i = root; i >= 0; i--) {
        const n = nodes[i]
        if (n.op === '') continue
        const ins = n.inputs.map((j) => nodes[j])
        const g = num(n.grad)
        let local: number[], explain: string[]
        if (n.op === 'pow') {
          const k = this.ks.get(i)!, a = num(ins[0].data)
          local = [k * a ** (k - 1) * g]
          explain = [`${nameOf(ins[0])}.grad += ${k} × ${nameOf(ins[0])}.data^${k - 1} × ${nameOf(n)}.grad = ${local[0]}`]
        } else {
          const op: Op = OPS[n.op as keyof typeof OPS]
          local = op.local(n, ins, g)
          explain = op.explain(n, ins, g, nameOf)
        }
        const after: number[] = []
        n.inputs.forEach((j, q) => {
          nodes[j].grad = num(nodes[j].grad) + local[q]
          after.push(num(nodes[j].grad))
        })
        steps.push({ node: i, inputs: n.inputs.slice(), after, explain })
      }
    }
    return { kind: 'backward', root, nodes, initial, steps, accumulated: initial.some((g) => g !== 0), calls: times }
  }
}

/** The doc example: z = x * y with x = 6, y = 2. */
export function xyGraph(): ValueGraph {
  const g = new ValueGraph()
  const x = g.value(6, 'x'), y = g.value(2, 'y')
  g.mul(x, y, 'z')
  return g
}

/** The seed's neuron: loss = (tanh(x1 w1 + x2 w2 + x3 w3 + b) - y_true)^2. */
export function neuronGraph(): ValueGraph {
  const g = new ValueGraph()
  const input1 = g.value(2.3, 'input1'), input2 = g.value(-3.5, 'input2'), input3 = g.value(3.9, 'input3')
  const weight1 = g.value(-0.8, 'weight1'), weight2 = g.value(1.8, 'weight2'), weight3 = g.value(3.0, 'weight3')
  const bias = g.value(-3.2, 'bias')
  const s = g.add(g.add(g.add(g.mul(input1, weight1), g.mul(input2, weight2)), g.mul(input3, weight3)), bias)
  const yPred = g.tanh(s, 'y_pred')
  const yTrue = g.value(0.8, 'y_true')
  g.pow(g.sub(yPred, yTrue), 2, 'loss')
  return g
}

/** x * x: one node used twice (two edges). */
export function squareGraph(): ValueGraph {
  const g = new ValueGraph()
  const x = g.value(3, 'x')
  g.mul(x, x, 'y')
  return g
}

/**
 * The linear-regression tutorial's loss: loss = Σ (height·m + b − skill)², with `points` terms
 * (80 points give about 560 nodes). Deterministic data.
 */
export function linearRegressionGraph(points: number): ValueGraph {
  const g = new ValueGraph()
  const m = g.value(0.5, 'm'), b = g.value(0.1, 'b')
  let loss = g.value(0, 'loss')
  for (let i = 0; i < points; i++) {
    const height = g.value(40 + ((i * 37) % 51), 'height'), skill = g.value(90 + ((i * 53) % 101), 'skill')
    const pred = g.add(g.mul(height, m), b, 'pred')
    loss = g.add(loss, g.pow(g.sub(pred, skill), 2), 'loss')
  }
  return g
}

/** A Value graph with about `size` nodes made of linear-regression terms (for timings). */
export function syntheticGraph(size: number): GraphSnapshot {
  return linearRegressionGraph(Math.max(1, Math.round((size - 3) / 9))).backward()
}

// ---- Tensors ----

export function tensorValues(rows: number, cols: number, data: number[]): TensorValues {
  let min = Infinity, max = -Infinity, sum = 0
  for (const v of data) {
    min = Math.min(min, v)
    max = Math.max(max, v)
    sum += v
  }
  const out: TensorValues = { rows, cols, min, max, mean: sum / data.length, grid: data.slice(), gridRows: rows, gridCols: cols }
  if (rows * cols <= 400) out.full = data.slice()
  return out
}

const tv = (rows: number, cols: number, f: (i: number, j: number) => number) =>
  tensorValues(rows, cols, Array.from({ length: rows * cols }, (_, k) => f(Math.floor(k / cols), k % cols)))
const zerosLike = (t: TensorValues) => tv(t.rows, t.cols, () => 0)

/**
 * A small Tensor graph, drawn and stepped: out = sum(relu(X W + b)), with the grads it would get
 * (X: 2×3, W: 3×2, b: 1×2). Numbers are exact in binary.
 */
export function tensorGraph(): GraphSnapshot {
  const X = tv(2, 3, (i, j) => [[1, -2, 0.5], [0.25, 1, -1]][i][j])
  const W = tv(3, 2, (i, j) => [[0.5, -1], [0.25, 0.5], [-0.5, 1]][i][j])
  const B = tv(1, 2, (_i, j) => [0.5, -0.25][j])
  const xw = tv(2, 2, (i, j) => [0, 1, 2].reduce((s, k) => s + X.full![i * 3 + k] * W.full![k * 2 + j], 0))
  const pre = tv(2, 2, (i, j) => xw.full![i * 2 + j] + B.full![j])
  const act = tv(2, 2, (i, j) => Math.max(0, pre.full![i * 2 + j]))
  const out = tv(1, 1, () => act.full!.reduce((s, v) => s + v, 0))
  const gAct = tv(2, 2, () => 1)
  const gPre = tv(2, 2, (i, j) => (pre.full![i * 2 + j] > 0 ? 1 : 0))
  const gB = tv(1, 2, (_i, j) => gPre.full![j] + gPre.full![2 + j])
  const gW = tv(3, 2, (k, j) => X.full![k] * gPre.full![j] + X.full![3 + k] * gPre.full![2 + j])
  const gX = tv(2, 3, (i, k) => W.full![k * 2] * gPre.full![i * 2] + W.full![k * 2 + 1] * gPre.full![i * 2 + 1])
  const node = (id: number, label: string, op: string, symbol: string, inputs: number[], data: TensorValues, grad: TensorValues): SnapNode =>
    ({ id, kind: 'tensor', label, op, symbol, inputs, data, grad })
  const nodes = [
    node(0, 'X', '', '', [], X, gX),
    node(1, 'W', '', '', [], W, gW),
    node(2, '', 'matmul', 'matmul', [0, 1], xw, gPre),
    node(3, 'b', '', '', [], B, gB),
    node(4, '', 'add', '+', [2, 3], pre, gPre),
    node(5, 'h', 'relu', 'relu', [4], act, gAct),
    node(6, 'out', 'sum', 'sum', [5], out, tv(1, 1, () => 1)),
  ]
  return {
    kind: 'backward', root: 6, nodes,
    initial: nodes.map((n) => zerosLike(n.data as TensorValues)),
    steps: [
      { node: 6, inputs: [6], after: [tv(1, 1, () => 1)], explain: ['out.grad = 1 (the output\'s gradient with respect to itself)'] },
      { node: 6, inputs: [5], after: [gAct], explain: ['h.grad += out.grad = 1.0 in every entry'] },
      { node: 5, inputs: [4], after: [gPre], explain: ['n4.grad += (n4.data > 0) ⊙ h.grad'] },
      { node: 4, inputs: [2, 3], after: [gPre, gB], explain: ['n2.grad += n4.grad', 'b.grad += n4.grad summed over rows'] },
      { node: 2, inputs: [0, 1], after: [gX, gW], explain: ['X.grad += n2.grad × Wᵀ', 'W.grad += Xᵀ × n2.grad'] },
    ],
    accumulated: false, calls: 1,
  }
}
