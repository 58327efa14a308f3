import { beforeEach, describe, expect, it } from 'vitest'
import type { ProgressMessage, WorkerToHost } from '../../protocol/messages.ts'
import { parseWorkerMessage } from '../../protocol/schema.ts'
import { Live } from './live.ts'
import { Progress, progressGlobal } from './progress.ts'

let sent: WorkerToHost[]
let t: number
let p: Progress
let progress: ReturnType<typeof progressGlobal>
const reports = () => sent.filter((m): m is ProgressMessage => m.type === 'progress')

beforeEach(() => {
  sent = []
  t = 0
  const clock = { now: () => t, soon: () => {}, later: () => {} }
  const send = (m: WorkerToHost) => sent.push(m)
  p = new Progress({ send, runId: () => 3 }, clock, new Live(send, clock))
  progress = progressGlobal(p)
})

describe('progress(done, total, label?)', () => {
  it('reports the first call at once, with the time since the count started', () => {
    t = 1000
    progress(0, 10, 'training')
    t = 1050
    progress(1, 10, 'training')
    expect(reports()).toEqual([{ type: 'progress', runId: 3, done: 0, total: 10, elapsed: 0, label: 'training' }])
    t = 1500
    progress(2, 10, 'training')
    expect(reports().at(-1)).toEqual({ type: 'progress', runId: 3, done: 2, total: 10, elapsed: 500, label: 'training' })
    expect(parseWorkerMessage(sent[0])).toEqual(sent[0])
  })

  it('sends about ten reports a second however often it is called, and always the last one', () => {
    for (let i = 0; i <= 100_000; i++) {
      progress(i, 100_000)
      t += 0.02 // 2 s in all
    }
    expect(reports().length).toBeGreaterThanOrEqual(19)
    expect(reports().length).toBeLessThanOrEqual(22)
    expect(reports().at(-1)).toMatchObject({ done: 100_000, total: 100_000 })
    expect(reports().at(-1)!.elapsed).toBeCloseTo(2000, 0)
  })

  it('starts the clock again when the count goes back (a second loop)', () => {
    t = 0
    progress(5, 5)
    t = 10_000
    progress(0, 5)
    expect(reports().at(-1)).toMatchObject({ done: 0, elapsed: 0 })
  })

  it('says what is wrong with its arguments', () => {
    expect(() => progress('a' as never, 10)).toThrow('done must be a number')
    expect(() => progress(1, 0)).toThrow('total must be a number above 0')
    expect(() => progress(1, 2, 3 as never)).toThrow('label must be a string')
    expect(() => progress(1, 2, 'training', 7 as never)).toThrow('unit must be a string')
  })

  it('carries a unit, so that the page can show the rate (images per second)', () => {
    progress(0, 1000, 'training', 'images')
    expect(reports()).toEqual([{ type: 'progress', runId: 3, done: 0, total: 1000, elapsed: 0, label: 'training', unit: 'images' }])
    expect(parseWorkerMessage(sent[0])).toEqual(sent[0])
  })
})

describe('progress.range(n)', () => {
  it('yields 0..n-1 and reports as it goes, ending at n of n', () => {
    const seen: number[] = []
    for (const i of progress.range(5, 'epochs')) {
      seen.push(i)
      t += 200
    }
    expect(seen).toEqual([0, 1, 2, 3, 4])
    expect(reports().map((r) => r.done)).toEqual([0, 1, 2, 3, 4, 5])
    expect(reports().at(-1)).toMatchObject({ done: 5, total: 5, label: 'epochs', elapsed: 1000 })
  })

  it('reads the clock at a stride over quick steps, still reporting ten times a second and the end', () => {
    let reads = 0
    const clock = { now: () => (reads++, t), soon: () => {}, later: () => {} }
    const send = (m: WorkerToHost) => sent.push(m)
    const quick = progressGlobal(new Progress({ send, runId: () => 3 }, clock, new Live(send, clock)))
    let count = 0
    for (const i of quick.range(100_000, 'training')) {
      count += i >= 0 ? 1 : 0
      t += 0.02 // 2 s in all
    }
    expect(count).toBe(100_000)
    expect(reads).toBeLessThan(100_000 / 10)
    expect(reports().length).toBeGreaterThanOrEqual(19)
    expect(reports().length).toBeLessThanOrEqual(22)
    expect(reports().at(-1)).toMatchObject({ done: 100_000, total: 100_000 })
  })

  it('goes back to reporting every step when steps slow down', () => {
    for (const i of progress.range(400)) t += i < 200 ? 0.01 : 300 // quick, then 0.3 s a step
    const late = reports().filter((r) => r.done >= 200 + 64).map((r) => r.done)
    expect(late).toEqual(Array.from({ length: late.length }, (_, j) => late[0] + j))
    expect(late.at(-1)).toBe(400)
  })

  it('an empty range yields nothing and reports nothing; a bad n is an error', () => {
    expect([...progress.range(0)]).toEqual([])
    expect(reports()).toEqual([])
    expect(() => [...progress.range(2.5)]).toThrow('n must be a whole number')
  })

  it('behaves as a generator would: once done it stays done, and a loop left early does not report the end', () => {
    const r = progress.range(2)
    expect(r[Symbol.iterator]()).toBe(r)
    expect([r.next(), r.next(), r.next(), r.next()]).toEqual([{ value: 0, done: false }, { value: 1, done: false }, { value: undefined, done: true }, { value: undefined, done: true }])
    expect(reports().map((m) => m.done)).toEqual([0, 2])
    sent = []
    t += 1000
    for (const i of progress.range(10, 'left early')) {
      if (i === 3) break
      t += 200
    }
    expect(reports().map((m) => m.done)).toEqual([0, 1, 2, 3])
  })
})
