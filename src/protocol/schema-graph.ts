// The graph snapshot's schema: each field's type and range, then the checks that tie fields
// together (ids in order, inputs before their users, a Value's numbers are numbers and a
// Tensor's are a whole TensorValues, the grid and the entries as long as the shape says), and a
// total of numbers. A snapshot that passes can be drawn without a renderer meeting a surprise.
// To add a field: add it to the interface in messages.ts and here (typecheck fails until both agree).
import * as v from 'valibot'
import { anyNumber, int, list, numbers, text, type Same } from './schema-parts.ts'
import {
  SNAPSHOT_FULL_LIMIT, SNAPSHOT_GRID, SNAPSHOT_MAX_NODES,
  type GraphSnapshot, type NodeValue, type TensorValues,
} from './messages.ts'

/** The most inputs one node may have (the engine's ops take one or two). */
export const MAX_NODE_INPUTS = 8
/** Steps of the stepper in one snapshot: one per node whose local backward runs, with room. */
export const SNAPSHOT_MAX_STEPS = 2 * SNAPSHOT_MAX_NODES + 1
/** All the numbers of one snapshot together (data, grads, initial grads, steps' grads). */
export const SNAPSHOT_MAX_NUMBERS = 2_000_000
export const MAX_LABEL = 200
export const MAX_EXPLAIN = 2000
/** rows and cols of a Tensor: a Float64Array of more entries than this could not exist */
const MAX_DIM = 2 ** 31

export const TensorValuesSchema = v.pipe(
  v.object({
    rows: int(0, MAX_DIM),
    cols: int(0, MAX_DIM),
    min: anyNumber,
    max: anyNumber,
    mean: anyNumber,
    full: v.optional(numbers(SNAPSHOT_FULL_LIMIT)),
    grid: numbers(SNAPSHOT_GRID * SNAPSHOT_GRID),
    gridRows: int(0, SNAPSHOT_GRID),
    gridCols: int(0, SNAPSHOT_GRID),
  }),
  v.check((t) => t.gridRows <= t.rows && t.gridCols <= t.cols && (t.gridRows > 0) === (t.rows > 0) && (t.gridCols > 0) === (t.cols > 0),
    'the grid fits the shape'),
  v.check((t) => t.grid.length === t.gridRows * t.gridCols, 'the grid has gridRows × gridCols entries'),
  v.check((t) => t.full === undefined || t.full.length === t.rows * t.cols, 'full has rows × cols entries'),
)

const NodeValueSchema = v.union([anyNumber, TensorValuesSchema])

const SnapNodeSchema = v.object({
  id: int(0, SNAPSHOT_MAX_NODES),
  kind: v.picklist(['value', 'tensor']),
  label: text(MAX_LABEL),
  op: text(50),
  symbol: text(50),
  inputs: numbers(MAX_NODE_INPUTS),
  data: NodeValueSchema,
  grad: NodeValueSchema,
})

const SnapStepSchema = v.object({
  node: int(0, SNAPSHOT_MAX_NODES),
  inputs: numbers(MAX_NODE_INPUTS),
  after: list(NodeValueSchema, MAX_NODE_INPUTS),
  explain: list(text(MAX_EXPLAIN), MAX_NODE_INPUTS),
})

const fits = (kind: 'value' | 'tensor', x: NodeValue) => (kind === 'value') === (typeof x === 'number')
const count = (x: NodeValue) => (typeof x === 'number' ? 1 : 5 + x.grid.length + (x.full?.length ?? 0))

/** How many numbers a snapshot holds, as SNAPSHOT_MAX_NUMBERS counts them (the worker checks first). */
export function snapshotNumbers(s: GraphSnapshot): number {
  let total = 0
  for (const n of s.nodes) total += count(n.data) + count(n.grad)
  for (const g of s.initial) total += count(g)
  for (const step of s.steps) for (const g of step.after) total += count(g)
  return total
}

/** The cross-field rules, on a snapshot whose every field has its type. */
function consistent(s: GraphSnapshot): boolean {
  const n = s.nodes.length
  const isId = (i: number) => Number.isInteger(i) && i >= 0 && i < n
  if (!isId(s.root) || (s.initial.length !== 0 && s.initial.length !== n)) return false
  let total = 0
  for (let i = 0; i < n; i++) {
    const node = s.nodes[i]
    if (node.id !== i || !fits(node.kind, node.data) || !fits(node.kind, node.grad)) return false
    for (const j of node.inputs) if (!Number.isInteger(j) || j < 0 || j >= i) return false
    total += count(node.data) + count(node.grad)
    if (s.initial.length) {
      if (!fits(node.kind, s.initial[i])) return false
      total += count(s.initial[i])
    }
  }
  for (const step of s.steps) {
    if (!isId(step.node) || step.after.length !== step.inputs.length) return false
    for (let k = 0; k < step.inputs.length; k++) {
      const j = step.inputs[k]
      if (!isId(j) || !fits(s.nodes[j].kind, step.after[k])) return false
      total += count(step.after[k])
    }
  }
  return total <= SNAPSHOT_MAX_NUMBERS
}

export const GraphSnapshotSchema = v.pipe(
  v.object({
    kind: v.picklist(['backward', 'draw']),
    root: int(0, SNAPSHOT_MAX_NODES),
    nodes: list(SnapNodeSchema, SNAPSHOT_MAX_NODES),
    initial: list(NodeValueSchema, SNAPSHOT_MAX_NODES),
    steps: list(SnapStepSchema, SNAPSHOT_MAX_STEPS),
    accumulated: v.boolean(),
    calls: int(0, Number.MAX_SAFE_INTEGER),
    truncated: v.optional(int(0, Number.MAX_SAFE_INTEGER)),
  }),
  v.check((s) => consistent(s as GraphSnapshot), 'the snapshot holds together'),
)

// The schema and the declared types must be the same, field for field.
export const agree: [
  Same<v.InferOutput<typeof GraphSnapshotSchema>, GraphSnapshot>,
  Same<v.InferOutput<typeof TensorValuesSchema>, TensorValues>,
] = [true, true]
