// Every message that crosses the sandbox boundary, declared once; schema.ts checks them on arrival.
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

/** Sent by the sandbox frame: it dropped a worker message that did not fit the schema (once per run). */
export interface DroppedMessage {
  type: 'dropped'
}

export type FromSandbox = WorkerToHost | CrashMessage | DroppedMessage

// Limits that keep a hostile or runaway snippet from flooding the page.
export const MAX_LINE_LENGTH = 10_000
export const MAX_LINES_PER_MESSAGE = 2_000
export const HEAD_LINES = 1_000
export const TAIL_LINES = 200

// The page's own limits for one cell's output, whatever the sandbox sends.
export const PAGE_MAX_LINES = HEAD_LINES
export const PAGE_MAX_CHARS = 2_000_000
export const PAGE_MAX_PLOTS = 100
export const PAGE_MAX_POINTS = 1_000_000
export const PAGE_MAX_PADS = 20

// The schema that checks each of these messages, with its limits, is in schema.ts.

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
