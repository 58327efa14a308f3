// A cell's printed output inside the worker: lines are batched into one message every few tens of
// milliseconds, so a loop printing a million lines neither floods the page nor fills its memory.
// The first HEAD_LINES lines stream as they come; after that only the last TAIL_LINES are kept,
// with a count of the lines left out between.
import { HEAD_LINES, MAX_LINE_LENGTH, MAX_LINES_PER_MESSAGE, TAIL_LINES, type PrintMessage, type TailMessage } from '../protocol/messages.ts'

export const FLUSH_MS = 40

const clip = (s: string) => (s.length > MAX_LINE_LENGTH ? s.slice(0, MAX_LINE_LENGTH - 1) + '…' : s)

export class OutputStream {
  private pending: string[] = []
  private partial = ''
  private partialDirty = false
  private written = 0
  private tail: string[] = []
  private tailDirty = false
  private lastFlush: number

  constructor(
    private readonly runId: number,
    private readonly send: (m: PrintMessage | TailMessage) => void,
    private readonly now: () => number,
  ) {
    // The first write goes out at once: a snippet that prints and then loops still shows it.
    this.lastFlush = -Infinity
  }

  /** Text as print writes it; newlines end lines. */
  write(text: string): void {
    let start = 0
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.line(this.partial + text.slice(start, nl))
      this.partial = ''
      start = nl + 1
    }
    if (start < text.length) {
      this.partial += text.slice(start)
      if (this.partial.length > MAX_LINE_LENGTH) {
        this.line(this.partial)
        this.partial = ''
      }
    }
    this.partialDirty = true
    if (this.now() - this.lastFlush >= FLUSH_MS) this.flush()
  }

  private line(s: string): void {
    if (this.written < HEAD_LINES) {
      this.pending.push(clip(s))
      if (this.pending.length >= MAX_LINES_PER_MESSAGE) this.flush()
    } else {
      this.tail.push(clip(s))
      if (this.tail.length > TAIL_LINES * 2) this.tail = this.tail.slice(-TAIL_LINES)
      this.tailDirty = true
    }
    this.written++
  }

  /** Lines left out between the head and the kept tail. */
  get omitted(): number {
    return Math.max(0, this.written - HEAD_LINES - Math.min(this.tail.length, TAIL_LINES))
  }

  flush(): void {
    this.lastFlush = this.now()
    if (this.pending.length > 0 || this.partialDirty) {
      this.send({ type: 'print', runId: this.runId, lines: this.pending, partial: clip(this.partial) })
      this.pending = []
      this.partialDirty = false
    }
    if (this.tailDirty) {
      this.tail = this.tail.slice(-TAIL_LINES)
      this.send({ type: 'tail', runId: this.runId, lines: this.tail.slice(), omitted: this.omitted })
      this.tailDirty = false
    }
  }
}
