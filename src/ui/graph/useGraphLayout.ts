// The layout for the panel: the direction that reads best in the panel's box. Both directions are
// laid out (each takes milliseconds); the one that shows the whole graph at the larger zoom wins,
// and when neither shows it readably, the panel's own shape decides (top to bottom when tall).
import { useEffect, useMemo, useState, type RefObject } from 'react'
import { READABLE } from '../../graph/interact.ts'
import { layoutGraph, type Direction, type GraphLayout } from '../../graph/layout.ts'
import { viewSize, type GraphView } from '../../graph/view.ts'

/** Above this many drawn elements only the panel's shape decides (one layout, not two). */
const BOTH_LIMIT = 1500

/** Runs f, recording its duration with the User Timing API (seen in DevTools and by the browser tests). */
function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now()
  const out = f()
  performance.measure?.(name, { start: t0, end: performance.now() })
  return out
}

export function chooseDirection(view: GraphView, box: { w: number; h: number }): GraphLayout {
  const byShape: Direction = box.w >= box.h * 1.2 ? 'LR' : 'TB'
  if (viewSize(view) > BOTH_LIMIT) return layoutGraph(view, { dir: byShape })
  const lr = layoutGraph(view, { dir: 'LR' }), tb = layoutGraph(view, { dir: 'TB' })
  const zoom = (l: GraphLayout) => Math.min(box.w / l.width, box.h / l.height)
  const [a, b] = [zoom(lr), zoom(tb)]
  if (Math.max(a, b) >= READABLE) return a >= b ? lr : tb
  return byShape === 'LR' ? lr : tb
}

/** The box's size, kept current; its shape class (wide or tall) is what re-runs the layout. */
export function useBox(ref: RefObject<HTMLElement | null>): { w: number; h: number } | null {
  const [box, setBox] = useState<{ w: number; h: number } | null>(null)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => {
      const r = el.getBoundingClientRect()
      const w = r.width || 600, h = r.height || 420
      // small changes do not lay the graph out again; a different shape does
      setBox((b) => (b && Math.abs(b.w - w) < 40 && Math.abs(b.h - h) < 40 ? b : { w, h }))
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return box
}

export function useGraphLayout(view: GraphView, box: { w: number; h: number } | null): GraphLayout | null {
  return useMemo(() => (box ? timed('graph:layout', () => chooseDirection(view, box)) : null), [view, box])
}
