// Progress of a long loop: `progress(done, total, label?)`, or `for (const i of progress.range(n))`.
// Reports go to the page at most ten times a second with the time elapsed, from which the page
// estimates the time left.
import type { RuntimeServices } from '../runtime.ts'
import { Live, type LiveClock } from './live.ts'
import { register } from './register.ts'

const MAX_LABEL = 200
const MAX_UNIT = 40

export interface ProgressFn {
  /** Reports that `done` of `total` steps are done (shown under the cell, with the time left). */
  (done: number, total: number, label?: string, unit?: string): void
  /** 0, 1, ..., n - 1, reporting progress as the loop goes: `for (const i of progress.range(n)) ...` */
  range(n: number, label?: string): Generator<number, void, undefined>
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

  report(done: unknown, total: unknown, label?: unknown, unit?: unknown): void {
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
  }

  *range(n: unknown, label?: unknown): Generator<number, void, undefined> {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`progress.range(n): n must be a whole number ≥ 0, got ${String(n)}`)
    if (n === 0) return
    for (let i = 0; i < n; i++) {
      this.report(i, n, label)
      yield i
    }
    this.report(n, n, label)
  }

  flush(): void {
    this.live.flush()
  }
}

export function progressGlobal(p: Progress): ProgressFn {
  const progress = ((done: number, total: number, label?: string, unit?: string) => p.report(done, total, label, unit)) as ProgressFn
  progress.range = (n: number, label?: string) => p.range(n, label)
  return progress
}

register((services) => {
  const p = new Progress(services)
  return { globals: { progress: progressGlobal(p) }, onRun: () => p.onRun(), onEnd: () => p.flush() }
})
