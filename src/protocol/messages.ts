// Every message that crosses the sandbox boundary, declared once and checked on arrival.
// Only plain, structured-clone data: strings, numbers, arrays and plain objects.

/** A run of one cell: compiled JavaScript and the map back to the cell's own lines. */
export interface RunRequest {
  type: 'run'
  runId: number
  cellId: string
  code: string
  /** compile's LineMap: compiled positions back to the cell's own lines and columns */
  map: { lines: number[][] }
}

/** Reset the notebook scope (a fresh start without a new sandbox). */
export interface ResetRequest {
  type: 'reset'
}

export type HostToWorker = RunRequest | ResetRequest | DataRequest | InvokeRequest

export interface PrintMessage {
  type: 'print'
  runId: number
  /** lines written since the last print message, in order */
  lines: string[]
  /** the text after the last newline so far (print without println), replacing the previous one */
  partial: string
}

/** Sent instead of lines once a cell has printed more than the output keeps. */
export interface TailMessage {
  type: 'tail'
  runId: number
  /** the most recent lines */
  lines: string[]
  /** how many lines between the head and this tail were left out */
  omitted: number
}

export interface ErrorInfo {
  name: string
  message: string
  /** 1-based line and column in the cell, when known */
  line?: number
  column?: number
}

export interface ErrorMessage {
  type: 'error'
  runId: number
  error: ErrorInfo
}

export interface DoneMessage {
  type: 'done'
  runId: number
  ms: number
}

/** The worker is loaded and waits for runs. */
export interface ReadyMessage {
  type: 'ready'
}

export type WorkerToHost = PrintMessage | TailMessage | ErrorMessage | DoneMessage | ReadyMessage | GraphMessage
  | PlotMessage | ProgressMessage | NeedMessage | PadMessage | ResultMessage

/** Sent by the sandbox frame itself, not the worker: the worker died. */
export interface CrashMessage {
  type: 'crash'
  message: string
}

export type FromSandbox = WorkerToHost | CrashMessage

// Limits that keep a hostile or runaway snippet from flooding the page.
export const MAX_LINE_LENGTH = 10_000
export const MAX_LINES_PER_MESSAGE = 2_000
export const HEAD_LINES = 1_000
export const TAIL_LINES = 200

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isStr = (x: unknown, max = MAX_LINE_LENGTH): x is string => typeof x === 'string' && x.length <= max
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x)
const isNum = (x: unknown): x is number => typeof x === 'number'
const isNums = (x: unknown, max: number): x is number[] => Array.isArray(x) && x.length <= max && x.every(isNum)
const isLines = (x: unknown): x is string[] =>
  Array.isArray(x) && x.length <= MAX_LINES_PER_MESSAGE && x.every((l) => isStr(l))

/** The message if it is a well-formed FromSandbox message, else null. */
export function parseFromSandbox(data: unknown): FromSandbox | null {
  if (!isObj(data)) return null
  switch (data.type) {
    case 'ready':
      return { type: 'ready' }
    case 'crash':
      return isStr(data.message, 1000) ? { type: 'crash', message: data.message } : null
    case 'print':
      return isInt(data.runId) && isLines(data.lines) && isStr(data.partial)
        ? { type: 'print', runId: data.runId, lines: data.lines, partial: data.partial } : null
    case 'tail':
      return isInt(data.runId) && isLines(data.lines) && isInt(data.omitted)
        ? { type: 'tail', runId: data.runId, lines: data.lines, omitted: data.omitted } : null
    case 'graph':
      return isInt(data.runId) && isSnapshot(data.snapshot) ? { type: 'graph', runId: data.runId, snapshot: data.snapshot } : null
    case 'done':
      return isInt(data.runId) && typeof data.ms === 'number' ? { type: 'done', runId: data.runId, ms: data.ms } : null
    case 'plot':
      return isInt(data.runId) && isPlot(data.plot) ? { type: 'plot', runId: data.runId, plot: data.plot } : null
    case 'progress':
      return isInt(data.runId) && isNum(data.done) && isNum(data.total) && isNum(data.elapsed) && (data.label === undefined || isStr(data.label, 200)) && (data.unit === undefined || isStr(data.unit, 40))
        ? { type: 'progress', runId: data.runId, done: data.done, total: data.total, elapsed: data.elapsed, label: data.label as string | undefined, ...(data.unit !== undefined && { unit: data.unit as string }) } : null
    case 'need':
      return isInt(data.runId) && data.what === 'mnist' ? { type: 'need', runId: data.runId, what: 'mnist' } : null
    case 'pad':
      return isInt(data.runId) && isInt(data.handle) && isInt(data.rows) && isInt(data.cols) && data.rows > 0 && data.rows <= 64 && data.cols > 0 && data.cols <= 64
        ? { type: 'pad', runId: data.runId, handle: data.handle, rows: data.rows, cols: data.cols, title: isStr(data.title, 200) ? data.title : undefined } : null
    case 'result':
      return isInt(data.handle) && isStr(data.text, 2000) && (data.bars === undefined || isNums(data.bars, 100))
        ? { type: 'result', handle: data.handle, text: data.text, bars: data.bars as number[] | undefined } : null
    case 'error': {
      const e = data.error
      if (!isInt(data.runId) || !isObj(e) || !isStr(e.name, 200) || !isStr(e.message)) return null
      const error: ErrorInfo = { name: e.name, message: e.message }
      if (isInt(e.line) && isInt(e.column)) {
        error.line = e.line
        error.column = e.column
      }
      return { type: 'error', runId: data.runId, error }
    }
  }
  return null
}

/** The message if it is a well-formed HostToWorker message, else null (checked in the worker). */
export function parseHostToWorker(data: unknown): HostToWorker | null {
  if (!isObj(data)) return null
  if (data.type === 'reset') return { type: 'reset' }
  if (data.type === 'data' && data.what === 'mnist') return data as unknown as DataRequest
  if (data.type === 'invoke' && isInt(data.handle) && isNums(data.pixels, 64 * 64)) return data as unknown as InvokeRequest
  if (data.type === 'run' && isInt(data.runId) && isStr(data.cellId, 200) && typeof data.code === 'string' && isObj(data.map) && Array.isArray(data.map.lines)) {
    return data as unknown as RunRequest
  }
  return null
}

// ---- Graph snapshots: taken in the worker at backward() and draw(), drawn by the page ----

/** A Tensor's numbers, small enough to cross the boundary: all of them when few, else a summary. */
export interface TensorValues {
  rows: number
  cols: number
  min: number
  max: number
  mean: number
  /** every entry, row-major, when rows * cols <= SNAPSHOT_FULL_LIMIT */
  full?: number[]
  /** a downsampled grid (block means), row-major, at most SNAPSHOT_GRID x SNAPSHOT_GRID */
  grid: number[]
  gridRows: number
  gridCols: number
}

/** A node's data or grad: a number for a Value, TensorValues for a Tensor. */
export type NodeValue = number | TensorValues

export interface SnapNode {
  /** index in GraphSnapshot.nodes; inputs come before the nodes that use them */
  id: number
  kind: 'value' | 'tensor'
  /** the variable name the snippet gave it, or '' */
  label: string
  /** the engine op's name ('add', 'mul', 'pow', 'inv', 'exp', 'log', 'tanh', 'relu', 'sigmoid', 'matmul', 'scale', 'element_mul', 'sum', 'softmax_crossentropy'), '' for a leaf */
  op: string
  /** what the op node shows: '+', '×', '^2', 'tanh', 'matmul', ... */
  symbol: string
  /** input node ids in order; a node used twice appears twice */
  inputs: number[]
  data: NodeValue
  /** the grad after backward (for draw(), the grad as it was) */
  grad: NodeValue
}

export interface SnapStep {
  /** the node whose local backward ran (step 1: the root, whose grad is seeded) */
  node: number
  /** the inputs whose grads it changed, in order, and each one's grad after the step */
  inputs: number[]
  after: NodeValue[]
  /** one sentence per input, with the numbers filled in */
  explain: string[]
}

export interface GraphSnapshot {
  /** 'backward': with the trace; 'draw': the graph as it stood, no trace */
  kind: 'backward' | 'draw'
  root: number
  nodes: SnapNode[]
  /** each node's grad before backward (index = node id); empty for 'draw' */
  initial: NodeValue[]
  /** steps 1..n of the stepper; step 0 is `initial` */
  steps: SnapStep[]
  /** some grads were not zero when backward started (accumulation from an earlier call) */
  accumulated: boolean
  /** how many times backward ran in this cell; the snapshot is of the last call */
  calls: number
  /** set when the graph was too big to send whole: the number of nodes it had */
  truncated?: number
}

export const SNAPSHOT_FULL_LIMIT = 400
export const SNAPSHOT_GRID = 24
export const SNAPSHOT_MAX_NODES = 20_000

export interface GraphMessage {
  type: 'graph'
  runId: number
  snapshot: GraphSnapshot
}

const isNodeValue = (v: unknown): boolean => typeof v === 'number' || (isObj(v) && isInt(v.rows) && isInt(v.cols) && Array.isArray(v.grid))

/** A structural check of a snapshot: enough that the page can draw it without throwing. */
function isSnapshot(x: unknown): x is GraphSnapshot {
  if (!isObj(x) || (x.kind !== 'backward' && x.kind !== 'draw') || !isInt(x.root) || !Array.isArray(x.nodes)) return false
  if (x.nodes.length > SNAPSHOT_MAX_NODES || !Array.isArray(x.steps) || !Array.isArray(x.initial) || !isInt(x.calls)) return false
  const n = x.nodes.length
  const okId = (i: unknown) => isInt(i) && i >= 0 && i < n
  if (!okId(x.root)) return false
  for (let i = 0; i < n; i++) {
    const node = x.nodes[i]
    if (!isObj(node) || node.id !== i || (node.kind !== 'value' && node.kind !== 'tensor')) return false
    if (!isStr(node.label, 200) || !isStr(node.op, 50) || !isStr(node.symbol, 50)) return false
    if (!Array.isArray(node.inputs) || !node.inputs.every((j) => isInt(j) && j >= 0 && j < i)) return false
    if (!isNodeValue(node.data) || !isNodeValue(node.grad)) return false
  }
  for (const s of x.steps) {
    if (!isObj(s) || !okId(s.node) || !Array.isArray(s.inputs) || !s.inputs.every(okId)) return false
    if (!Array.isArray(s.after) || s.after.length !== s.inputs.length || !s.after.every(isNodeValue)) return false
    if (!Array.isArray(s.explain) || !s.explain.every((t) => isStr(t, 2000))) return false
  }
  return x.initial.length === 0 || (x.initial.length === n && x.initial.every(isNodeValue))
}

// ---- Plots, progress, data and widgets (the tutorials) ----

export interface XYMark {
  type: 'scatter' | 'line'
  xs: number[]
  ys: number[]
  label?: string
  color?: string
}

/** A plot in a cell's output. A later spec with the same id replaces it (a live loss curve). */
export type PlotSpec =
  | { id: number; kind: 'xy'; marks: XYMark[]; title?: string; xlabel?: string; ylabel?: string }
  | { id: number; kind: 'image'; rows: number; cols: number; pixels: number[]; title?: string }

export interface PlotMessage {
  type: 'plot'
  runId: number
  plot: PlotSpec
}

export interface ProgressMessage {
  type: 'progress'
  runId: number
  /** done so far, out of total */
  done: number
  total: number
  label?: string
  /** what is counted (`images`), when the rate is worth showing */
  unit?: string
  /** milliseconds since the progress started */
  elapsed: number
}

/** The worker asks the page for bundled data (the sandbox has no network). */
export interface NeedMessage {
  type: 'need'
  runId: number
  what: 'mnist'
}

/** A drawing pad in the output: what the user draws is passed to the snippet's function `handle`. */
export interface PadMessage {
  type: 'pad'
  runId: number
  handle: number
  rows: number
  cols: number
  title?: string
}

/** The answer of the snippet's function for a pad, shown beside it. */
export interface ResultMessage {
  type: 'result'
  handle: number
  /** a line of text, and optional bars (e.g. ten probabilities) */
  text: string
  bars?: number[]
}

/** Page to worker: the data asked for. Buffers are transferred. */
export interface DataRequest {
  type: 'data'
  what: 'mnist'
  train?: ArrayBuffer
  test?: ArrayBuffer
  error?: string
}

/** Page to worker: call the function behind a pad with what was drawn. */
export interface InvokeRequest {
  type: 'invoke'
  handle: number
  pixels: number[]
}

export const MAX_PLOT_POINTS = 200_000

function isPlot(p: unknown): p is PlotSpec {
  if (!isObj(p) || !isInt(p.id)) return false
  const optStr = (x: unknown) => x === undefined || isStr(x, 300)
  if (!optStr(p.title)) return false
  if (p.kind === 'image') return isInt(p.rows) && isInt(p.cols) && p.rows * p.cols <= 512 * 512 && isNums(p.pixels, 512 * 512) && p.pixels.length === p.rows * p.cols
  if (p.kind !== 'xy' || !Array.isArray(p.marks) || p.marks.length > 50 || !optStr(p.xlabel) || !optStr(p.ylabel)) return false
  let points = 0
  for (const m of p.marks) {
    if (!isObj(m) || (m.type !== 'scatter' && m.type !== 'line') || !optStr(m.label) || !optStr(m.color)) return false
    if (!isNums(m.xs, MAX_PLOT_POINTS) || !isNums(m.ys, MAX_PLOT_POINTS) || m.xs.length !== m.ys.length) return false
    points += m.xs.length
  }
  return points <= MAX_PLOT_POINTS
}
