// @vitest-environment jsdom
// Monaco waits while cells run, so that a ?run=1 link's first run has the machine to itself; it
// loads when the cells are done, when the wait runs out, or at once when someone uses an editor.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import { createNotebookStore, type NotebookEnv, type NotebookState } from '../notebook/store.ts'
import { domPerTest } from './test-dom.ts'

// Monaco itself is not loaded here: the test counts the requests (the promise never settles).
vi.mock('../editor/index.ts', () => ({ loadCellEditors: vi.fn(() => new Promise(() => {})) }))

let store: StoreApi<NotebookState>
let loads: () => number

async function mount(busy: boolean) {
  // The gate is shared by every editor of a page: a fresh module for each test.
  vi.resetModules()
  const editor = await import('../editor/index.ts')
  const { MonacoCodeEditor, WAIT_LIMIT_MS } = await import('./MonacoCodeEditor.tsx')
  const { Services } = await import('./context.ts')
  vi.mocked(editor.loadCellEditors).mockClear()
  loads = () => vi.mocked(editor.loadCellEditors).mock.calls.length
  const env = { compile: () => ({ ok: false, error: { name: 'x', message: 'x' } }), send() {}, kill() {}, provide() {}, invoke() {}, newId: () => 'c0' } as NotebookEnv
  store = createNotebookStore(env)
  if (busy) store.setState({ current: { runId: 1, cellId: 'c0' }, queue: ['c1'] })
  act(() => dom.root.render(
    <Services.Provider value={{ store, ctx: () => ({ store }), focusCell() {}, registerEditor: () => () => {} }}>
      <MonacoCodeEditor value="x = 1" onChange={() => {}} onKey={() => false} register={() => () => {}} ariaLabel="cell 1" />
      <MonacoCodeEditor value="y = 2" onChange={() => {}} onKey={() => false} register={() => () => {}} ariaLabel="cell 2" />
    </Services.Provider>,
  ))
  return { WAIT_LIMIT_MS }
}

const dom = domPerTest()
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('MonacoCodeEditor: when Monaco loads', () => {
  it('at once on a page where nothing runs, with the plain editor meanwhile', async () => {
    await mount(false)
    expect(loads()).toBe(2)
    expect(dom.host.querySelectorAll('textarea')).toHaveLength(2)
  })

  it('after the running cells are done, not while they run', async () => {
    await mount(true)
    act(() => vi.advanceTimersByTime(1000))
    expect(loads()).toBe(0)
    act(() => store.setState({ queue: [] }))
    expect(loads()).toBe(0)
    act(() => store.setState({ current: null }))
    expect(loads()).toBe(2)
  })

  it('at once for every editor when someone clicks or types in one, although cells run', async () => {
    await mount(true)
    act(() => { dom.host.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true })) })
    expect(loads()).toBe(2)
  })

  it('when the wait runs out, for a run that does not end', async () => {
    const { WAIT_LIMIT_MS } = await mount(true)
    act(() => vi.advanceTimersByTime(WAIT_LIMIT_MS - 10))
    expect(loads()).toBe(0)
    act(() => vi.advanceTimersByTime(20))
    expect(loads()).toBe(2)
  })
})
