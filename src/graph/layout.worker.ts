// Lays out big graphs off the page's thread, so that the page never hangs while dagre works.
import { layoutGraph, type LayoutOptions } from './layout.ts'
import type { GraphView } from './view.ts'

const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(m: unknown): void }
scope.onmessage = (e: MessageEvent<{ view: GraphView; opts: LayoutOptions }>) => {
  try {
    scope.postMessage({ layout: layoutGraph(e.data.view, e.data.opts) })
  } catch (err) {
    scope.postMessage({ error: err instanceof Error ? err.message : String(err) })
  }
}
