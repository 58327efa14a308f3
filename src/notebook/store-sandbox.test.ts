// The store's side of the sandbox: a document switch always discards it, and a message applies
// only to the run and cell the page started, within the page's own limits.
import { describe, expect, it } from 'vitest'
import { PAGE_MAX_LINES, PAGE_MAX_PADS, PAGE_MAX_PLOTS, type FromSandbox } from '../protocol/messages.ts'
import { createNotebookStore, type NotebookEnv } from './store.ts'

function setup() {
  const sent: Array<{ runId: number; cellId: string }> = []
  let kills = 0, ids = 0
  const env: NotebookEnv = {
    compile: () => ({ ok: true, code: '', map: { lines: [] } }),
    send: (r) => { sent.push(r) },
    kill: () => { kills++ },
    provide() {}, invoke() {}, newId: () => `c${ids++}`,
  }
  const store = createNotebookStore(env, { v: 1, cells: [{ kind: 'code', source: 'a' }, { kind: 'code', source: 'b' }] })
  const [a, b] = store.getState().cells.map((c) => c.id)
  const last = () => sent[sent.length - 1]
  const say = (m: FromSandbox) => store.getState().receive(m)
  return { store, a, b, last, say, kills: () => kills }
}

describe('a fresh sandbox per document', () => {
  it('loadDoc discards the sandbox even when nothing runs', () => {
    const { store, kills } = setup()
    store.getState().loadDoc({ v: 1, cells: [{ kind: 'code', source: '' }] })
    expect(kills()).toBe(1)
    expect(store.getState().notice).toBeNull()
  })

  it('renewSandbox discards it and keeps the document and its outputs', () => {
    const { store, a, last, say, kills } = setup()
    store.getState().runCells([a])
    say({ type: 'print', runId: last().runId, lines: ['hi'], partial: '' })
    say({ type: 'done', runId: last().runId, ms: 1 })
    const cells = store.getState().cells
    store.getState().renewSandbox()
    expect(kills()).toBe(1)
    expect(store.getState().cells).toBe(cells)
    expect(store.getState().outputs[a].lines).toEqual(['hi'])
  })

  it('a run from before the switch can say nothing afterwards', () => {
    const { store, a, last, say } = setup()
    store.getState().runCells([a])
    const old = last().runId
    store.getState().renewSandbox()
    say({ type: 'error', runId: old, error: { name: 'Error', message: 'late' } })
    say({ type: 'print', runId: old, lines: ['late'], partial: '' })
    expect(store.getState().outputs[a].error).toBeUndefined()
    expect(store.getState().outputs[a].lines).toEqual([])
  })
})

describe('a message applies only to the run and cell the page started', () => {
  it('an error for an earlier run does not rewrite that cell; the last run\'s late error is shown', () => {
    const { store, a, b, last, say } = setup()
    store.getState().runAll()
    const first = last().runId
    say({ type: 'done', runId: first, ms: 1 })
    const second = last().runId
    say({ type: 'done', runId: second, ms: 1 })
    say({ type: 'error', runId: first, error: { name: 'Error', message: 'forged into an earlier cell' } })
    expect(store.getState().outputs[a].status).toBe('done')
    expect(store.getState().outputs[a].error).toBeUndefined()
    say({ type: 'error', runId: second, error: { name: 'Error', message: 'a timer threw' } })
    expect(store.getState().outputs[b].error?.message).toBe('a timer threw')
  })

  it('messages for runs that were never started are dropped', () => {
    const { store, a, last, say } = setup()
    store.getState().runCells([a])
    say({ type: 'print', runId: last().runId + 7, lines: ['stray'], partial: '' })
    say({ type: 'result', handle: 99, text: 'no such pad' })
    expect(store.getState().outputs[a].lines).toEqual([])
  })
})

describe('the page\'s own limits', () => {
  it('keeps at most PAGE_MAX_LINES printed lines and counts the rest', () => {
    const { store, a, last, say } = setup()
    store.getState().runCells([a])
    for (let i = 0; i < 5; i++) say({ type: 'print', runId: last().runId, lines: Array.from({ length: 2000 }, () => 'x'), partial: '' })
    const o = store.getState().outputs[a]
    expect(o.lines).toHaveLength(PAGE_MAX_LINES)
    expect(o.omitted).toBe(10_000 - PAGE_MAX_LINES)
  })

  it('keeps at most PAGE_MAX_PLOTS plots and PAGE_MAX_PADS pads per cell', () => {
    const { store, a, last, say } = setup()
    store.getState().runCells([a])
    const runId = last().runId
    for (let id = 0; id < PAGE_MAX_PLOTS + 10; id++) say({ type: 'plot', runId, plot: { id, kind: 'image', rows: 1, cols: 1, pixels: [0] } })
    for (let handle = 0; handle < PAGE_MAX_PADS + 10; handle++) say({ type: 'pad', runId, handle, rows: 8, cols: 8 })
    expect(store.getState().outputs[a].plots).toHaveLength(PAGE_MAX_PLOTS)
    expect(store.getState().outputs[a].pads).toHaveLength(PAGE_MAX_PADS)
  })
})
