// Progress of a long loop: `progress(done, total, label?)`, or `for (const i of progress.range(n))`.
// Reports go to the page at most ten times a second with the time elapsed, from which the page
// estimates the time left.
import type { RuntimeServices } from '../runtime.ts'
import { Live, type LiveClock } from './live.ts'
import { register } from './register.ts'

const MAX_LABEL = 200
const MAX_UNIT = 40
const MAX_STRIDE = 64

export interface ProgressFn {
  /** Reports that `done` of `total` steps are done (shown under the cell, with the time left). */
  (done: number, total: number, label?: string, unit?: string): void
  /** 0, 1, ..., n - 1, reporting progress as the loop goes: `for (const i of progress.range(n)) ...` */
  range(n: number, label?: string): IterableIterator<number>
}

export class Progress {
  /** when each label's count started, and its last count (a smaller count starts it again) */
  private started = new Map<string, { t0: number; done: number }>()
  readonly live: Live

  constructor(private readonly services: Pick<RuntimeServices, 'send' | 'runId'>, private readonly clock: Pick<LiveClock, 'now'> = { now: () => performance.now() }, live?: Live) {
    this.live = live ?? new Live(services.send)
  }

  onRun(): void {
    this.started.clear()
    this.live.reset()
  }

  /** Reports `done` of `total`; returns the clock's time. */
  report(done: unknown, total: unknown, label?: unknown, unit?: unknown): number {
    if (typeof done !== 'number' || !Number.isFinite(done)) throw new Error(`progress(done, total): done must be a number, got ${String(done)}`)
    if (typeof total !== 'number' || !Number.isFinite(total) || total <= 0) throw new Error(`progress(done, total): total must be a number above 0, got ${String(total)}`)
    if (label !== undefined && typeof label !== 'string') throw new Error('progress(done, total, label): label must be a string')
    if (unit !== undefined && (typeof unit !== 'string' || unit.length > MAX_UNIT)) throw new Error(`progress(done, total, label, unit): unit must be a string of at most ${MAX_UNIT} characters, such as 'images'`)
    const key = label ?? ''
    const now = this.clock.now()
    let s = this.started.get(key)
    if (!s || done < s.done) {
      s = { t0: now, done }
      this.started.set(key, s)
    }
    s.done = done
    const elapsed = now - s.t0
    const runId = this.services.runId()
    const text = label === undefined ? undefined : label.slice(0, MAX_LABEL)
    this.live.put(key, () => ({ type: 'progress', runId, done, total, elapsed, ...(text !== undefined && { label: text }), ...(unit !== undefined && { unit: unit as string }) }), done >= total)
    return now
  }

  range(n: unknown, label?: unknown): IterableIterator<number> {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`progress.range(n): n must be a whole number ≥ 0, got ${String(n)}`)
    return new RangeIterator(this, n, label)
  }

  flush(): void {
    this.live.flush()
  }
}

// A class, not a generator: the first run of a training loop over a generator (the run a student
// waits for, before V8 has optimized it) was up to 8% slower in a Chromium worker.
class RangeIterator implements IterableIterator<number> {
  private i = 0
  // The page gets ten reports a second at most; a loop of 100,000 quick steps need not read the
  // clock at every one. Reports less than a millisecond apart double the stride between them, up
  // to MAX_STRIDE steps; reports 20 ms apart set it back to every step (the loop slowed down).
  private stride = 1
  private due = 0
  private last = -Infinity

  constructor(private readonly p: Progress, private readonly n: number, private readonly label: unknown) {
    if (n === 0) this.i = 1 // nothing to count, nothing to report
  }

  next(): IteratorResult<number, undefined> {
    const i = this.i
    if (i >= this.n) {
      if (i === this.n) {
        this.i = i + 1
        this.p.report(i, i, this.label)
      }
      return { value: undefined, done: true }
    }
    if (i >= this.due) {
      const now = this.p.report(i, this.n, this.label)
      if (now - this.last < 1 && this.stride < MAX_STRIDE) this.stride *= 2
      else if (now - this.last > 20) this.stride = 1
      this.last = now
      this.due = i + this.stride
    }
    this.i = i + 1
    return { value: i, done: false }
  }

  [Symbol.iterator](): this {
    return this
  }
}

export function progressGlobal(p: Progress): ProgressFn {
  const progress = ((done: number, total: number, label?: string, unit?: string) => { p.report(done, total, label, unit) }) as ProgressFn
  progress.range = (n: number, label?: string) => p.range(n, label)
  return progress
}

register((services) => {
  const p = new Progress(services)
  return { globals: { progress: progressGlobal(p) }, onRun: () => p.onRun(), onEnd: () => p.flush() }
})
