// A drawing pad in a cell's output: `pad((pixels) => ...)`. The reader draws a digit; at the end
// of each stroke the page sends the 28 x 28 drawing here, the snippet's function runs on it (as a
// 1 x 784 Matrix in [0, 1], like an MNIST row) and its answer is shown beside the pad: a line of
// text and, optionally, bars (ten probabilities).
import { Matrix } from '../../engine/index.ts'
import { formatConsoleArgs } from '../console-format.ts'
import type { DataRequest, InvokeRequest, ResultMessage } from '../../protocol/messages.ts'
import type { RuntimeServices } from '../runtime.ts'
import { register } from './register.ts'
import { toNumbers } from './series.ts'

/** What a pad's function returns: a line of text, or text with bars. */
export type PadAnswer = string | { text: string; bars?: ArrayLike<number> | Matrix }

export interface PadOptions {
  title?: string
  /** the drawing's size in pixels: 28 x 28 unless given (at most 64) */
  rows?: number
  cols?: number
}

const MAX_TEXT = 2000
const MAX_BARS = 100
const MAX_SIDE = 64

type PadFn = (pixels: Matrix) => PadAnswer | Promise<PadAnswer>

export class Pads {
  private nextHandle = 1
  private fns = new Map<number, { fn: PadFn; rows: number; cols: number }>()

  constructor(private readonly services: Pick<RuntimeServices, 'send' | 'runId'>) {}

  make(fn: unknown, opts: PadOptions = {}): { handle: number } {
    if (typeof fn !== 'function') throw new Error(`pad(f): f must be a function of the drawn pixels, got ${formatConsoleArgs([fn]).slice(0, 80)}`)
    const side = (x: unknown, what: string) => {
      if (x === undefined) return 28
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > MAX_SIDE) throw new Error(`pad: ${what} must be a whole number from 1 to ${MAX_SIDE}`)
      return x
    }
    const rows = side(opts.rows, 'rows'), cols = side(opts.cols, 'cols')
    if (opts.title !== undefined && typeof opts.title !== 'string') throw new Error('pad: title must be a string')
    const handle = this.nextHandle++
    this.fns.set(handle, { fn: fn as PadFn, rows, cols })
    this.services.send({ type: 'pad', runId: this.services.runId(), handle, rows, cols, ...(opts.title !== undefined && { title: opts.title.slice(0, 200) }) })
    return { handle }
  }

  async invoke(m: DataRequest | InvokeRequest): Promise<void> {
    if (m.type !== 'invoke') return
    const pad = this.fns.get(m.handle)
    if (!pad) return
    const reply = (r: Omit<ResultMessage, 'type' | 'handle'>) => this.services.send({ type: 'result', handle: m.handle, ...r })
    try {
      if (m.pixels.length !== pad.rows * pad.cols) throw new Error(`the pad sent ${m.pixels.length} pixels, expected ${pad.rows * pad.cols}`)
      const pixels = new Matrix(1, m.pixels.length, m.pixels.map((v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0)))
      reply(answer(await pad.fn(pixels)))
    } catch (e) {
      reply({ text: `Error: ${e instanceof Error ? e.message : formatConsoleArgs([e])}`.slice(0, MAX_TEXT) })
    }
  }
}

/** A pad function's answer as the protocol's text and bars. */
export function answer(a: unknown): { text: string; bars?: number[] } {
  if (typeof a === 'string') return { text: a.slice(0, MAX_TEXT) }
  if (typeof a === 'object' && a !== null && 'text' in a) {
    const r = a as { text: unknown; bars?: unknown }
    const text = (typeof r.text === 'string' ? r.text : formatConsoleArgs([r.text])).slice(0, MAX_TEXT)
    if (r.bars === undefined || r.bars === null) return { text }
    const bars = toNumbers(r.bars, 'pad answer: bars')
    if (bars.length > MAX_BARS) throw new Error(`pad answer: at most ${MAX_BARS} bars, got ${bars.length}`)
    return { text, bars }
  }
  return { text: formatConsoleArgs([a]).slice(0, MAX_TEXT) }
}

register((services) => {
  const pads = new Pads(services)
  /**
   * A 28 x 28 drawing pad under the cell: `pad((pixels) => ({ text, bars }), { title })`. After
   * each stroke, `f` gets the drawing as a 1 x 784 Matrix in [0, 1] (0 is paper, 1 is ink, like an
   * MNIST row) and returns a line of text, or `{ text, bars }` with bars such as ten probabilities.
   */
  const pad = (f: PadFn, opts?: PadOptions) => pads.make(f, opts ?? {})
  return { globals: { pad }, deliver: (m) => void pads.invoke(m) }
})
