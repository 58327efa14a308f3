// Live updates without flooding the page: a plot updated on every iteration of a loop, or a
// progress bar, sends about one message per key every LIVE_MS. The first update goes out at once;
// later ones wait, and the waiting state goes out when the interval has passed, or at the end of
// the run (flush, from the runtime's onEnd), or when the snippet's synchronous code ends (a
// microtask: a training loop has finished, and its last state must reach the page before the
// run's `done`). That early send is allowed once per interval, so a loop that awaits on every
// iteration still sends at most two messages per interval; otherwise a timer sends the rest.
import type { WorkerToHost } from '../../protocol/messages.ts'

/** At most one message per key in this many milliseconds (about ten a second). */
export const LIVE_MS = 100

export interface LiveClock {
  now(): number
  /** runs f after the current task's synchronous code (queueMicrotask) */
  soon(f: () => void): void
  /** runs f after ms (setTimeout) */
  later(f: () => void, ms: number): void
}

const realClock: LiveClock = {
  now: () => performance.now(),
  soon: (f) => queueMicrotask(f),
  later: (f, ms) => void setTimeout(f, ms),
}

export class Live {
  private last = -Infinity
  /** the last send was an early one, at a microtask */
  private early = false
  /** the latest message of each key, made only when it is sent */
  private pending = new Map<string | number, () => WorkerToHost>()
  private waiting = false
  private generation = 0

  constructor(private readonly send: (m: WorkerToHost) => void, private readonly clock: LiveClock = realClock) {}

  /** Queues the message for this key (replacing an earlier one); sends now if the interval has passed or `now` is set. */
  put(key: string | number, make: () => WorkerToHost, now = false): void {
    this.pending.set(key, make)
    if (now || this.clock.now() - this.last >= LIVE_MS) this.flush()
    else this.wait()
  }

  /** Sends everything queued. */
  flush(): void {
    if (this.pending.size === 0) return
    const makes = [...this.pending.values()]
    this.pending.clear()
    this.last = this.clock.now()
    this.early = false
    for (const make of makes) this.send(make())
  }

  /** Forgets what is queued (a new run starts). */
  reset(): void {
    this.pending.clear()
    this.generation++
    this.waiting = false
    this.last = -Infinity
    this.early = false
  }

  private wait(): void {
    if (this.waiting) return
    this.waiting = true
    const gen = this.generation
    // When the snippet yields (an await, or the end of its synchronous code), send if it is time
    // or if the last send was not already an early one; else set a timer for the rest of the interval.
    this.clock.soon(() => {
      if (gen !== this.generation) return
      if (this.pending.size === 0) {
        this.waiting = false
        return
      }
      const left = LIVE_MS - (this.clock.now() - this.last)
      if (left <= 0 || !this.early) {
        this.waiting = false
        const early = left > 0
        this.flush()
        this.early = early
        return
      }
      this.clock.later(() => {
        if (gen !== this.generation) return
        this.waiting = false
        this.flush()
      }, left)
    })
  }
}
