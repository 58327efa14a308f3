import { beforeEach, describe, expect, it } from 'vitest'
import { Matrix } from '../../engine/index.ts'
import type { WorkerToHost } from '../../protocol/messages.ts'
import { parseWorkerMessage } from '../../protocol/schema.ts'
import { answer, Pads } from './pad.ts'

let sent: WorkerToHost[]
let pads: Pads

beforeEach(() => {
  sent = []
  pads = new Pads({ send: (m) => sent.push(m), runId: () => 4 })
})

const invoke = (handle: number, pixels: number[]) => pads.invoke({ type: 'invoke', handle, pixels })

describe('pad(f)', () => {
  it('announces a 28 x 28 pad, then answers each drawing with f of a 1 x 784 Matrix', async () => {
    let got: Matrix | undefined
    const { handle } = pads.make((px: Matrix) => {
      got = px
      return { text: `ink: ${px.sum()}`, bars: [0.1, 0.9] }
    }, { title: 'Draw a digit' })
    expect(sent[0]).toEqual({ type: 'pad', runId: 4, handle, rows: 28, cols: 28, title: 'Draw a digit' })
    expect(parseWorkerMessage(sent[0])).toEqual(sent[0])
    const pixels = new Array(784).fill(0)
    pixels[0] = 1
    pixels[1] = 2 // clipped to 1
    pixels[2] = -1 // clipped to 0
    await invoke(handle, pixels)
    expect(got!.shape).toEqual([1, 784])
    expect(sent[1]).toEqual({ type: 'result', handle, text: 'ink: 2', bars: [0.1, 0.9] })
    expect(parseWorkerMessage(sent[1])).toEqual(sent[1])
  })

  it('waits for an async function; shows a thrown error as the answer', async () => {
    const a = pads.make(async () => 'seven').handle
    const b = pads.make(() => { throw new Error('no model yet') }).handle
    await invoke(a, new Array(784).fill(0))
    await invoke(b, new Array(784).fill(0))
    expect(sent.slice(2)).toEqual([
      { type: 'result', handle: a, text: 'seven' },
      { type: 'result', handle: b, text: 'Error: no model yet' },
    ])
  })

  it('ignores unknown handles and answers a wrong size with an error', async () => {
    const h = pads.make(() => 'x').handle
    await invoke(99, [])
    expect(sent).toHaveLength(1)
    await invoke(h, [1, 2])
    expect(sent[1]).toMatchObject({ type: 'result', text: 'Error: the pad sent 2 pixels, expected 784' })
  })

  it('checks its arguments', () => {
    expect(() => pads.make(5)).toThrow('pad(f): f must be a function')
    expect(() => pads.make(() => '', { rows: 100 })).toThrow('rows must be a whole number from 1 to 64')
    expect(pads.make(() => '', { rows: 8, cols: 8 })).toBeTruthy()
    expect(sent.at(-1)).toMatchObject({ rows: 8, cols: 8 })
  })
})

describe('answer: what a pad function returns, as text and bars', () => {
  it('takes a string, { text, bars } with bars as numbers or a Matrix, or anything printable', () => {
    expect(answer('hi')).toEqual({ text: 'hi' })
    expect(answer({ text: 'p', bars: new Matrix(1, 3, [0.2, 0.3, 0.5]) })).toEqual({ text: 'p', bars: [0.2, 0.3, 0.5] })
    expect(answer({ text: 'p', bars: Float64Array.of(1) })).toEqual({ text: 'p', bars: [1] })
    expect(answer(7)).toEqual({ text: '7' })
    expect(() => answer({ text: 'p', bars: new Array(101).fill(0) })).toThrow('at most 100 bars')
  })
})
