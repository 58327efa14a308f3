// The one declared schema of every message between the page and the sandbox (valibot). The page
// parses each message from its frame against it at the door; what passes is a fresh object that
// holds only declared fields, each of its type and within its limits, so code past the door
// trusts its types. The sandbox frame relays only these fields, within these sizes (relay.ts).
//
// The frame wraps what it relays: `{ from: 'worker', msg }` for the worker's messages and
// `{ from: 'frame', msg }` for its own (`ready`, `crash`), so nothing the worker sends can pass
// for the frame. To add a message: its interface in messages.ts, its schema in WORKER_MESSAGES.
import * as v from 'valibot'
import { isColour, MAX_COLOUR_LENGTH, parseColour } from './colour.ts'
import { finite, id, int, list, numbers, strings, text, type Same } from './schema-parts.ts'
import { GraphSnapshotSchema } from './schema-graph.ts'
import {
  MAX_LINE_LENGTH, MAX_LINES_PER_MESSAGE, MAX_PLOT_POINTS,
  type FromSandbox, type HostToWorker, type ReadyMessage, type WorkerToHost,
} from './messages.ts'

export const MAX_TITLE = 300
export const MAX_MARKS = 50
/** imshow's largest image, in pixels */
export const MAX_IMAGE_PIXELS = 512 * 512
export const MAX_PAD_SIDE = 64
export const MAX_BARS = 100
export const MAX_NAME = 200
export const MAX_UNIT = 40

const optTitle = v.optional(text(MAX_TITLE))
/** A colour, handed on in its parsed rgb() form only (the renderers accept nothing else). */
const colour = v.pipe(
  text(MAX_COLOUR_LENGTH),
  v.check<string, string>(isColour, 'a colour: a name, #hex, rgb() or hsl()'),
  v.transform((c) => parseColour(c) as string),
)

const XYMarkSchema = v.pipe(
  v.object({
    type: v.picklist(['scatter', 'line']),
    xs: numbers(MAX_PLOT_POINTS),
    ys: numbers(MAX_PLOT_POINTS),
    label: optTitle,
    color: v.optional(colour),
  }),
  v.check((m) => m.xs.length === m.ys.length, 'as many xs as ys'),
)

const PlotSchema = v.variant('kind', [
  v.pipe(
    v.object({ id, kind: v.literal('xy'), marks: list(XYMarkSchema, MAX_MARKS), title: optTitle, xlabel: optTitle, ylabel: optTitle }),
    v.check((p) => p.marks.reduce((n, m) => n + m.xs.length, 0) <= MAX_PLOT_POINTS, `at most ${MAX_PLOT_POINTS} points`),
  ),
  v.pipe(
    v.object({
      id, kind: v.literal('image'), rows: int(1, MAX_IMAGE_PIXELS), cols: int(1, MAX_IMAGE_PIXELS),
      pixels: numbers(MAX_IMAGE_PIXELS), title: optTitle,
    }),
    v.check((p) => p.rows * p.cols === p.pixels.length, 'rows × cols pixels'),
  ),
])

const lines = strings(MAX_LINES_PER_MESSAGE, MAX_LINE_LENGTH)

/** What the worker may say, by type. `ready` and `crash` are the frame's, not in this list. */
export const WORKER_MESSAGES = {
  print: v.object({ type: v.literal('print'), runId: id, lines, partial: text(MAX_LINE_LENGTH) }),
  tail: v.object({ type: v.literal('tail'), runId: id, lines, omitted: int(0, Number.MAX_SAFE_INTEGER) }),
  error: v.object({
    type: v.literal('error'), runId: id,
    error: v.object({
      name: text(MAX_NAME), message: text(MAX_LINE_LENGTH),
      line: v.optional(int(1, Number.MAX_SAFE_INTEGER)), column: v.optional(int(0, Number.MAX_SAFE_INTEGER)),
    }),
  }),
  done: v.object({ type: v.literal('done'), runId: id, ms: v.pipe(finite, v.minValue(0)) }),
  graph: v.object({ type: v.literal('graph'), runId: id, snapshot: GraphSnapshotSchema }),
  plot: v.object({ type: v.literal('plot'), runId: id, plot: PlotSchema }),
  progress: v.object({
    type: v.literal('progress'), runId: id, done: v.pipe(finite, v.minValue(0)), total: v.pipe(finite, v.minValue(0)),
    label: v.optional(text(MAX_NAME)), unit: v.optional(text(MAX_UNIT)), elapsed: v.pipe(finite, v.minValue(0)),
  }),
  need: v.object({ type: v.literal('need'), runId: id, what: v.literal('mnist') }),
  pad: v.object({
    type: v.literal('pad'), runId: id, handle: id, rows: int(1, MAX_PAD_SIDE), cols: int(1, MAX_PAD_SIDE), title: v.optional(text(MAX_NAME)),
  }),
  result: v.object({ type: v.literal('result'), handle: id, text: text(2000), bars: v.optional(numbers(MAX_BARS)) }),
  /** the worker's first word; the frame turns it into its own `ready` and relays no other */
  ready: v.object({ type: v.literal('ready') }),
} as const

export const WorkerMessageSchema = v.variant('type', Object.values(WORKER_MESSAGES))

/** The frame's own messages: its worker is ready, or it died (the text is the frame's, fixed). */
export const FrameMessageSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({ type: v.literal('crash'), message: text(MAX_NAME) }),
  v.object({ type: v.literal('dropped') }),
])

export const EnvelopeSchema = v.variant('from', [
  v.object({ from: v.literal('frame'), msg: FrameMessageSchema }),
  v.object({ from: v.literal('worker'), msg: WorkerMessageSchema }),
])

export type Envelope = v.InferOutput<typeof EnvelopeSchema>

/**
 * The message if `data` is a well-formed envelope from the sandbox frame, else null. A worker's
 * `ready` is dropped: only the frame says that.
 */
export function parseFromSandbox(data: unknown): FromSandbox | null {
  const r = v.safeParse(EnvelopeSchema, data)
  if (!r.success) return null
  if (r.output.from === 'worker' && r.output.msg.type === 'ready') return null
  return r.output.msg
}

/** A worker's message on its own (as the frame receives it), or null. */
export function parseWorkerMessage(data: unknown): WorkerToHost | null {
  const r = v.safeParse(WorkerMessageSchema, data)
  return r.success ? r.output : null
}

const HOST_MESSAGES = [
  v.object({
    type: v.literal('run'), runId: id, cellId: text(MAX_NAME), code: v.string(),
    map: v.object({ lines: v.array(v.array(v.number())) }),
  }),
  v.object({ type: v.literal('reset') }),
  v.object({
    type: v.literal('data'), what: v.literal('mnist'),
    train: v.optional(v.instance(ArrayBuffer)), test: v.optional(v.instance(ArrayBuffer)), error: v.optional(text(2000)),
  }),
  v.object({ type: v.literal('invoke'), handle: id, pixels: numbers(MAX_PAD_SIDE * MAX_PAD_SIDE) }),
]
export const HostMessageSchema = v.variant('type', HOST_MESSAGES)

/** The message if it is a well-formed HostToWorker message, else null (checked in the worker). */
export function parseHostToWorker(data: unknown): HostToWorker | null {
  const r = v.safeParse(HostMessageSchema, data)
  return r.success ? r.output : null
}

// The schema and the declared types must be the same, field for field (a field added to an
// interface and not here, or the other way round, fails the typecheck).
type WorkerOut = Exclude<v.InferOutput<typeof WorkerMessageSchema>, { type: 'ready' }>
export const agree: [
  Same<WorkerOut, Exclude<WorkerToHost, { type: 'ready' }>>,
  Same<v.InferOutput<typeof FrameMessageSchema>, Exclude<FromSandbox, WorkerToHost> | ReadyMessage>,
  Same<v.InferOutput<typeof HostMessageSchema>, HostToWorker>,
] = [true, true, true]
