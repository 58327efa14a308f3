import { beforeEach, describe, expect, it } from 'vitest'
import { Matrix, Value } from '../../engine/index.ts'
import type { PlotSpec, WorkerToHost } from '../../protocol/messages.ts'
import { parseWorkerMessage } from '../../protocol/schema.ts'
import { Live, LIVE_MS, type LiveClock } from './live.ts'
import { MAX_PLOTS_PER_RUN, Plots, plotGlobals } from './plots.ts'

/** A clock the test moves by hand; microtasks and timers run when the test says. */
class FakeClock implements LiveClock {
  t = 0
  micro: Array<() => void> = []
  timers: Array<{ at: number; f: () => void }> = []
  now = () => this.t
  soon = (f: () => void) => void this.micro.push(f)
  later = (f: () => void, ms: number) => void this.timers.push({ at: this.t + ms, f })
  /** the synchronous code ends: microtasks run */
  yieldNow() {
    const m = this.micro
    this.micro = []
    m.forEach((f) => f())
  }
  advance(ms: number) {
    this.t += ms
    const due = this.timers.filter((x) => x.at <= this.t)
    this.timers = this.timers.filter((x) => x.at > this.t)
    due.forEach((x) => x.f())
  }
}

let sent: WorkerToHost[]
let clock: FakeClock
let plots: Plots
let g: ReturnType<typeof plotGlobals>
const runId = 7
const plotsSent = () => sent.filter((m): m is Extract<WorkerToHost, { type: 'plot' }> => m.type === 'plot').map((m) => m.plot)
const last = () => plotsSent().at(-1)!

beforeEach(() => {
  sent = []
  clock = new FakeClock()
  const send = (m: WorkerToHost) => sent.push(m)
  plots = new Plots({ send, runId: () => runId }, new Live(send, clock))
  g = plotGlobals(plots)
})

describe('scatter and plot', () => {
  it('send an xy spec at once, with the numbers, labels and title, that the protocol accepts', () => {
    g.scatter([1, 2, 3], [Value(2), Value(4), Value(6)], { title: 'T', xlabel: 'x', ylabel: 'y', label: 'data', color: 'red' })
    expect(sent).toHaveLength(1)
    const spec = last()
    expect(spec).toEqual({ id: 1, kind: 'xy', title: 'T', xlabel: 'x', ylabel: 'y', marks: [{ type: 'scatter', xs: [1, 2, 3], ys: [2, 4, 6], label: 'data', color: 'rgb(255, 0, 0)' }] })
    expect(parseWorkerMessage(sent[0])).toEqual(sent[0])
  })

  it('plot(ys) draws ys against 1..n; plot(xs, ys) a line', () => {
    g.plot([5, 6, 7])
    g.plot(Float64Array.of(0, 1), new Matrix(1, 2, [3, 4]), { label: 'l' })
    expect(plotsSent().map((p) => p.kind === 'xy' && p.marks[0])).toEqual([
      { type: 'line', xs: [1, 2, 3], ys: [5, 6, 7] },
      { type: 'line', xs: [0, 1], ys: [3, 4], label: 'l' },
    ])
  })

  it('each new plot gets a new id; add: true draws on the previous plot of the run', () => {
    g.scatter([1, 2], [3, 4], { label: 'data' })
    g.plot([1, 2], [3.5, 3.6], { add: true, label: 'fit', title: 'with fit' })
    const spec = last()
    expect(spec.id).toBe(1)
    expect(spec.kind === 'xy' && spec.marks.map((m) => m.label)).toEqual(['data', 'fit'])
    expect(spec.title).toBe('with fit')
    g.plot([1], [1])
    expect(last().id).toBe(2)
  })

  it('add: true in a new run starts a new plot', () => {
    g.scatter([1], [1])
    plots.onRun()
    g.plot([1], [2], { add: true })
    expect(last().id).toBe(2)
    const spec = last()
    expect(spec.kind === 'xy' && spec.marks).toHaveLength(1)
  })

  it('checks the data where the snippet called', () => {
    expect(() => g.scatter([1, 2], [1])).toThrow('scatter: xs has 2 numbers but ys has 1; they must be the same length')
    expect(() => g.plot([1, 'a'] as never, [1, 2])).toThrow('element 1')
    expect(() => g.plot(new Matrix(2, 2), new Matrix(2, 2))).toThrow('one row or one column')
    expect(() => g.scatter([1], [1], 5 as never)).toThrow('options must be an object')
    expect(() => g.scatter([1], [1], { title: 5 } as never)).toThrow('title must be a string')
  })

  it('refuses to make more than MAX_PLOTS_PER_RUN plots in one run', () => {
    for (let i = 0; i < MAX_PLOTS_PER_RUN; i++) g.plot([i])
    expect(() => g.plot([1])).toThrow(/at most 100 plots; update a plot/)
    plots.onRun()
    expect(() => g.plot([1])).not.toThrow()
  })
})

describe('live updates', () => {
  it('send at most one message per plot every LIVE_MS while a loop runs, and the last state at the end', () => {
    const xs: number[] = [], ys: number[] = []
    const curve = g.plot(xs, ys, { title: 'loss' })
    expect(sent).toHaveLength(1)
    for (let i = 0; i < 1000; i++) {
      xs.push(i)
      ys.push(1 / (i + 1))
      curve.update(xs, ys)
      clock.t += 1 // 1 ms per iteration: 1000 ms in all
    }
    // about ten a second, not a thousand
    expect(sent.length).toBeGreaterThanOrEqual(9)
    expect(sent.length).toBeLessThanOrEqual(11)
    plots.flush() // the end of the run
    const spec = last()
    expect(spec.kind === 'xy' && spec.marks[0].xs).toHaveLength(1000)
    plots.flush()
    expect(plotsSent().filter((p) => p.kind === 'xy' && p.marks[0].xs.length === 1000)).toHaveLength(1)
  })

  it('push(x, y) grows the mark', () => {
    const curve = g.plot([], [], { title: 'loss' })
    curve.push(1, 0.5).push(2, Value(0.25))
    plots.flush()
    expect(last()).toMatchObject({ marks: [{ xs: [1, 2], ys: [0.5, 0.25] }] })
    curve.update([1], [1]).push(2, 2)
    plots.flush()
    expect(last()).toMatchObject({ marks: [{ xs: [1, 2], ys: [1, 2] }] })
    expect(() => curve.push('a' as never, 1)).toThrow('push: x')
  })

  it('the state waiting when the snippet\'s synchronous code ends goes out then (before the run is done)', () => {
    const h = g.plot([1], [1])
    clock.t = 10
    h.update([1, 2], [1, 2])
    expect(sent).toHaveLength(1)
    clock.yieldNow()
    expect(sent).toHaveLength(2)
    expect(last()).toMatchObject({ marks: [{ xs: [1, 2] }] })
  })

  it('a loop that awaits on every iteration sends at most two messages per interval', () => {
    const h = g.plot([0], [0])
    for (let i = 1; i <= 100; i++) {
      clock.t += 1
      h.update([i], [i])
      clock.yieldNow() // await
    }
    clock.advance(0)
    // 100 ms: the first send, one early send, then one per interval from the timers
    expect(sent.length).toBeLessThanOrEqual(4)
    clock.advance(LIVE_MS)
    expect(last()).toMatchObject({ marks: [{ xs: [100] }] })
  })

  it('an update waiting when the interval has already passed goes out when the snippet yields', () => {
    const h = g.plot([1], [1])
    clock.t = 50
    h.update([1, 2], [1, 2])
    clock.t = 200
    clock.yieldNow()
    expect(sent).toHaveLength(2)
  })

  it('a new run forgets what waited', () => {
    const h = g.plot([1], [1])
    h.update([1, 2], [1, 2])
    plots.onRun()
    clock.yieldNow()
    clock.advance(1000)
    plots.flush()
    expect(sent).toHaveLength(1)
  })

  it('several plots wait together and go out together', () => {
    const a = g.plot([1], [1])
    const b = g.scatter([1], [1])
    a.update([2], [2])
    b.update([3], [3])
    a.update([4], [4])
    expect(sent).toHaveLength(2)
    plots.flush()
    expect(plotsSent().slice(2).map((p) => p.kind === 'xy' && p.marks[0].xs[0])).toEqual([4, 3])
  })

  it('thins a long series to fit the protocol', () => {
    const n = 300_000
    const xs = Float64Array.from({ length: n }, (_, i) => i)
    g.plot(xs, xs)
    const spec = last()
    const m = spec.kind === 'xy' ? spec.marks[0] : undefined
    expect(m!.xs.length).toBe(20_000)
    expect(m!.xs[0]).toBe(0)
    expect(m!.xs.at(-1)).toBe(n - 1)
    expect(parseWorkerMessage(sent[0])).not.toBeNull()
  })
})

describe('imshow', () => {
  it('sends an image spec: a 1 x 784 row as 28 x 28', () => {
    const row = new Matrix(1, 784, Float64Array.from({ length: 784 }, (_, i) => (i % 28) / 27))
    const h = g.imshow(row, { title: 'a digit' })
    const spec = last() as Extract<PlotSpec, { kind: 'image' }>
    expect(spec).toMatchObject({ id: 1, kind: 'image', rows: 28, cols: 28, title: 'a digit' })
    expect(spec.pixels[27]).toBe(1)
    expect(parseWorkerMessage(sent[0])).toEqual(sent[0])
    h.update(new Matrix(1, 784))
    plots.flush()
    expect(last()).toMatchObject({ id: 1, kind: 'image', title: 'a digit' })
    expect((last() as { pixels: number[] }).pixels[27]).toBe(0)
  })

  it('says what is wrong', () => {
    expect(() => g.imshow([1, 2, 3])).toThrow('not a square')
    expect(() => g.imshow([1, 2, 3, 4], 'x' as never)).toThrow('options must be an object')
  })
})
