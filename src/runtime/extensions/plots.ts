// Plots in a cell's output: scatter(xs, ys), plot(xs, ys) for lines, imshow(image). Each returns
// a handle whose update() redraws it while a loop runs (a live loss curve); updates are sent at
// most ten times a second, and the last state at the end of the run.
import { parseColour } from '../../protocol/colour.ts'
import { MAX_PLOT_POINTS, type PlotSpec, type WorkerToHost, type XYMark } from '../../protocol/messages.ts'
import type { RuntimeServices } from '../runtime.ts'
import { register } from './register.ts'
import { Live } from './live.ts'
import { MAX_MARK_POINTS, oneTo, seriesLength, thin, toImage, toNumbers, type Series } from './series.ts'

export interface PlotOptions {
  title?: string
  xlabel?: string
  ylabel?: string
  /** the mark's name in the legend */
  label?: string
  /** a CSS color */
  color?: string
  /** draw on the cell's previous plot instead of a new one (Julia's `plot!`) */
  add?: boolean
}

export interface ImageOptions {
  rows?: number
  cols?: number
  title?: string
}

/** At most this many plots in one run: a loop should update a plot, not make thousands. */
export const MAX_PLOTS_PER_RUN = 100
const MAX_MARKS = 50
const MAX_TEXT = 300

interface MarkState {
  type: XYMark['type']
  label?: string
  color?: string
  /** what the snippet passed (read when sent), or our own arrays after push() */
  xs: unknown
  ys: unknown
  /** xs and ys are arrays of our own (push() copied them) */
  own?: boolean
}

interface Figure {
  id: number
  title?: string
  xlabel?: string
  ylabel?: string
  marks: MarkState[]
}

const text = (x: unknown, what: string): string | undefined => {
  if (x === undefined || x === null) return undefined
  if (typeof x !== 'string') throw new Error(`${what} must be a string, got ${typeof x}`)
  return x.length > MAX_TEXT ? x.slice(0, MAX_TEXT - 1) + '…' : x
}

const isOptions = (x: unknown) =>
  x === undefined || (typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype)

/** The xs and ys of `f(xs, ys, opts)` or `f(ys, opts)`, checked for shape. */
function series(name: string, a: unknown, b: unknown, c: unknown): { xs: unknown; ys: unknown; opts: PlotOptions } {
  if (isOptions(b) && c === undefined) {
    // plot(ys) or plot(ys, opts): x is 1, 2, ..., n
    const n = seriesLength(a, `${name}(ys)`)
    return { xs: oneTo(n), ys: a, opts: (b ?? {}) as PlotOptions }
  }
  if (!isOptions(c)) throw new Error(`${name}(xs, ys, options): options must be an object such as { title: 'loss' }`)
  const nx = seriesLength(a, `${name}: xs`)
  const ny = seriesLength(b, `${name}: ys`)
  if (nx !== ny) throw new Error(`${name}: xs has ${nx} numbers but ys has ${ny}; they must be the same length`)
  return { xs: a, ys: b, opts: (c ?? {}) as PlotOptions }
}

/** A mark's colour, checked where the snippet gave it; what is sent is the parsed colour. */
function colour(x: unknown, name: string): string | undefined {
  if (x === undefined || x === null) return undefined
  const c = parseColour(x)
  if (c === null) {
    throw new Error(`${name}: color must be a colour such as 'crimson', '#e4572e', 'rgb(20, 120, 200)' or 'hsl(200, 60%, 45%)', got ${typeof x === 'string' ? JSON.stringify(x.slice(0, 40)) : typeof x}`)
  }
  return c
}

/**
 * A drawn mark: update() replaces its points, push() adds one. The handle is the snippet's, so
 * what it holds is in #private fields: through it a snippet reaches no runtime and no `send`.
 */
export class PlotHandle {
  readonly #plots: Plots
  readonly #figure: Figure
  readonly #mark: MarkState
  constructor(plots: Plots, figure: Figure, mark: MarkState) {
    this.#plots = plots
    this.#figure = figure
    this.#mark = mark
  }

  /** The plot's id in the cell's output. */
  get id(): number {
    return this.#figure.id
  }

  /** Replaces this mark's points: `update(xs, ys)`, or `update(ys)` for x = 1, 2, ... */
  update(xs: Series, ys?: Series): this {
    const s = series('update', xs, ys, undefined)
    this.#mark.xs = s.xs
    this.#mark.ys = s.ys
    this.#mark.own = false
    this.#plots.changed(this.#figure)
    return this
  }

  /** Adds one point (x, y) to this mark: the cheap way to grow a curve inside a loop. */
  push(x: number | { data: number }, y: number | { data: number }): this {
    const m = this.#mark
    const [px] = toNumbers([x], 'push: x')
    const [py] = toNumbers([y], 'push: y')
    if (!m.own) {
      m.xs = toNumbers(m.xs, 'push')
      m.ys = toNumbers(m.ys, 'push')
      m.own = true
    }
    ;(m.xs as number[]).push(px)
    ;(m.ys as number[]).push(py)
    this.#plots.changed(this.#figure)
    return this
  }
}

/** A shown image: update() replaces its pixels. */
export class ImageHandle {
  readonly #plots: Plots
  readonly #opts: ImageOptions
  constructor(plots: Plots, readonly id: number, opts: ImageOptions) {
    this.#plots = plots
    this.#opts = opts
  }

  update(image: unknown): this {
    this.#plots.image(image, this.#opts, this.id)
    return this
  }
}

export class Plots {
  private nextId = 1
  private made = 0
  private last: Figure | null = null
  readonly live: Live

  constructor(private readonly services: Pick<RuntimeServices, 'send' | 'runId'>, live?: Live) {
    this.live = live ?? new Live(services.send)
  }

  /** A new run: the next `add` has no previous plot to draw on. */
  onRun(): void {
    this.live.reset()
    this.last = null
    this.made = 0
  }

  xy(type: XYMark['type'], name: string, a: unknown, b: unknown, c: unknown): PlotHandle {
    const { xs, ys, opts } = series(name, a, b, c)
    const mark: MarkState = { type, xs, ys, label: text(opts.label, 'label'), color: colour(opts.color, name) }
    let fig = opts.add ? this.last : null
    if (fig) {
      if (fig.marks.length >= MAX_MARKS) throw new Error(`${name}: a plot holds at most ${MAX_MARKS} marks`)
      fig.marks.push(mark)
    } else {
      fig = { id: this.newId(name), marks: [mark] }
    }
    if (opts.title !== undefined) fig.title = text(opts.title, 'title')
    if (opts.xlabel !== undefined) fig.xlabel = text(opts.xlabel, 'xlabel')
    if (opts.ylabel !== undefined) fig.ylabel = text(opts.ylabel, 'ylabel')
    this.last = fig
    // A new plot or mark is sent at once, with numbers checked here, where the snippet called.
    this.changed(fig, true)
    return new PlotHandle(this, fig, mark)
  }

  image(image: unknown, opts: ImageOptions = {}, id?: number): ImageHandle {
    if (!isOptions(opts)) throw new Error('imshow(image, options): options must be an object such as { title: "a 7" }')
    const { rows, cols, pixels } = toImage(image, opts)
    const title = text(opts.title, 'title')
    const plotId = id ?? this.newId('imshow')
    const spec: PlotSpec = { id: plotId, kind: 'image', rows, cols, pixels, ...(title !== undefined && { title }) }
    this.live.put(plotId, () => this.message(spec), id === undefined)
    return new ImageHandle(this, plotId, opts)
  }

  /** The figure changed: send it (now, or when the interval has passed). */
  changed(fig: Figure, now = false): void {
    this.live.put(fig.id, () => this.message(spec(fig)), now)
  }

  /** Sends what waits (the end of a run). */
  flush(): void {
    this.live.flush()
  }

  private newId(name: string): number {
    if (this.made >= MAX_PLOTS_PER_RUN) {
      throw new Error(`${name}: a cell can show at most ${MAX_PLOTS_PER_RUN} plots; update a plot (handle.update) instead of making a new one`)
    }
    this.made++
    return this.nextId++
  }

  private message(plot: PlotSpec): WorkerToHost {
    return { type: 'plot', runId: this.services.runId(), plot }
  }
}

/** The spec of a figure: numbers read now, long marks thinned to fit the protocol's limits. */
export function spec(fig: Figure): PlotSpec {
  const perMark = Math.max(2, Math.min(MAX_MARK_POINTS, Math.floor(MAX_PLOT_POINTS / Math.max(1, fig.marks.length))))
  const marks: XYMark[] = fig.marks.map((m) => {
    const { xs, ys } = thin(toNumbers(m.xs, 'xs'), toNumbers(m.ys, 'ys'), perMark)
    return { type: m.type, xs, ys, ...(m.label !== undefined && { label: m.label }), ...(m.color !== undefined && { color: m.color }) }
  })
  return {
    id: fig.id, kind: 'xy', marks,
    ...(fig.title !== undefined && { title: fig.title }),
    ...(fig.xlabel !== undefined && { xlabel: fig.xlabel }),
    ...(fig.ylabel !== undefined && { ylabel: fig.ylabel }),
  }
}

/** The snippet globals, for a runtime's services. */
export function plotGlobals(plots: Plots) {
  /**
   * Points, one dot each: `scatter(xs, ys, { title, xlabel, ylabel, label, color, add })`.
   * xs and ys: number[], Float64Array, Value[] or a one-row Matrix. `add: true` draws on the
   * cell's previous plot. Returns a handle: `h.update(xs, ys)`, `h.push(x, y)`.
   */
  const scatter = (xs: unknown, ys?: unknown, opts?: unknown) => plots.xy('scatter', 'scatter', xs, ys, opts)
  /**
   * A line through the points: `plot(xs, ys, options)` or `plot(ys, options)` (x = 1, 2, ...).
   * Options as scatter's; `add: true` overlays on the cell's previous plot (Julia's `plot!`).
   */
  const plot = (xs: unknown, ys?: unknown, opts?: unknown) => plots.xy('line', 'plot', xs, ys, opts)
  /** An image in grey levels: a Matrix, or a row of 784 numbers shown as 28 x 28. */
  const imshow = (image: unknown, opts?: ImageOptions) => plots.image(image, opts ?? {})
  return { scatter, plot, imshow }
}

register((services) => {
  const plots = new Plots(services)
  return {
    globals: plotGlobals(plots),
    onRun: () => plots.onRun(),
    onEnd: () => plots.flush(),
  }
})
