// Layout for the panel: in place for ordinary graphs, in a Web Worker for big ones.
import { layoutGraph, type GraphLayout, type LayoutOptions } from './layout.ts'
import type { GraphView } from './view.ts'

/** Views with more drawn elements than this are laid out in a worker, with the faster ranker. */
export const WORKER_SIZE = 1500

export function viewSize(view: GraphView): number {
  let n = view.more.length
  for (const id of view.shown) n += view.snapshot.nodes[id].op ? 2 : 1
  return n
}

export interface PendingLayout {
  promise: Promise<GraphLayout>
  cancel(): void
}

export function layoutLater(view: GraphView): PendingLayout {
  const big = viewSize(view) > WORKER_SIZE
  const opts: LayoutOptions = big ? { ranker: 'longest-path' } : {}
  if (!big || typeof Worker === 'undefined') {
    let cancelled = false
    const promise = new Promise<GraphLayout>((resolve, reject) => {
      // a macrotask, so the panel can say "laying out…" first
      setTimeout(() => {
        if (cancelled) return
        try {
          resolve(layoutGraph(view, opts))
        } catch (e) {
          reject(e)
        }
      }, big ? 16 : 0)
    })
    return { promise, cancel: () => { cancelled = true } }
  }
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
  const promise = new Promise<GraphLayout>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ layout?: GraphLayout; error?: string }>) => {
      worker.terminate()
      if (e.data.layout) resolve(e.data.layout)
      else reject(new Error(e.data.error ?? 'The layout failed.'))
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(e.message || 'The layout worker failed.'))
    }
    worker.postMessage({ view, opts })
  })
  return { promise, cancel: () => worker.terminate() }
}
