import { describe, expect, it } from 'vitest'
import { OutputStream, FLUSH_MS } from './output.ts'
import { HEAD_LINES, TAIL_LINES, type PrintMessage, type TailMessage } from '../protocol/messages.ts'

function setup() {
  let t = 0
  const sent: Array<PrintMessage | TailMessage> = []
  const out = new OutputStream(7, (m) => sent.push(m), () => t)
  return { out, sent, tick: (ms: number) => (t += ms) }
}

describe('OutputStream', () => {
  it('sends the first line at once, then batches until the flush interval has passed', () => {
    const { out, sent, tick } = setup()
    out.write('a\n')
    expect(sent).toEqual([{ type: 'print', runId: 7, lines: ['a'], partial: '' }])
    out.write('b\n')
    out.write('c\n')
    expect(sent).toHaveLength(1)
    tick(FLUSH_MS)
    out.write('d\n')
    expect(sent.at(-1)).toEqual({ type: 'print', runId: 7, lines: ['b', 'c', 'd'], partial: '' })
  })

  it('keeps text without a newline as the partial line', () => {
    const { out, sent } = setup()
    out.flush()
    out.write('x = ')
    out.write('4.0')
    out.flush()
    expect(sent.at(-1)).toEqual({ type: 'print', runId: 7, lines: [], partial: 'x = 4.0' })
    out.write('\n')
    out.flush()
    expect(sent.at(-1)).toEqual({ type: 'print', runId: 7, lines: ['x = 4.0'], partial: '' })
  })

  it('keeps the head and the tail of a million lines and counts the rest', () => {
    const { out, sent, tick } = setup()
    for (let i = 0; i < 1_000_000; i++) {
      out.write(`line ${i}\n`)
      if (i % 1000 === 0) tick(FLUSH_MS)
    }
    out.flush()
    const printed = sent.filter((m): m is PrintMessage => m.type === 'print').flatMap((m) => m.lines)
    expect(printed).toHaveLength(HEAD_LINES)
    expect(printed[0]).toBe('line 0')
    const tail = sent.filter((m): m is TailMessage => m.type === 'tail').at(-1)!
    expect(tail.lines).toHaveLength(TAIL_LINES)
    expect(tail.lines.at(-1)).toBe('line 999999')
    expect(tail.omitted).toBe(1_000_000 - HEAD_LINES - TAIL_LINES)
    expect(sent.length).toBeLessThan(2500)
  })
})
