// Re-running a cell while a number in it is being turned (scrubbing). Only the newest request
// counts: while a run is in flight the next one waits as a single pending request, which each
// newer value replaces, so the runs go as fast as the machine finishes them and never pile up.
// A run of the same cell that is still going after REPLACE_AFTER_MS is stopped and replaced; the
// sandbox is then fresh, so the cells above run again first.
import type { StoreApi } from 'zustand/vanilla'
import type { NotebookState } from './store.ts'

export const REPLACE_AFTER_MS = 400

export interface LiveRunner {
  /** run this cell with its current source, as soon as that makes sense */
  request(cellId: string): void
  dispose(): void
}

export function createLiveRunner(store: StoreApi<NotebookState>, clock: { now(): number } = performance): LiveRunner {
  let pending: string | null = null
  let startedAt = 0

  const above = (s: NotebookState, id: string, all: boolean) => {
    const i = s.cells.findIndex((c) => c.id === id)
    return s.cells.slice(0, Math.max(0, i)).filter((c) => c.kind === 'code' && (all || s.outputs[c.id]?.status !== 'done')).map((c) => c.id)
  }

  const pump = () => {
    const s = store.getState()
    if (pending === null) return
    const id = pending
    if (s.current || s.queue.length) {
      if (s.current?.cellId !== id || clock.now() - startedAt < REPLACE_AFTER_MS) return
      pending = null // first: stopping notifies the subscriber below
      s.stop()
      startedAt = clock.now()
      store.getState().runCells([...above(store.getState(), id, true), id])
      return
    }
    pending = null
    startedAt = clock.now()
    // Cells above that never ran define what this one uses: run them first.
    s.runCells([...above(s, id, false), id])
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (prev.current && !s.current) pump()
  })

  return {
    request(cellId) {
      pending = cellId
      pump()
    },
    dispose: unsubscribe,
  }
}
