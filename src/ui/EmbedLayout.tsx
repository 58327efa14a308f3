// The embed view lays itself out for its frame. Wide enough for both (SIDE_BY_SIDE_MIN): code and
// graph side by side, the code taking most of the width (never under 40%). Narrower: the code at
// full width, with the graph below it when the frame is tall enough for both, else behind a
// `Graph` tab. The graph panel itself is placed here from the outside, unchanged.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'

/** from this frame width, code and graph share the width */
export const SIDE_BY_SIDE_MIN = 820
/** below the side-by-side width, from this height the graph goes under the code */
export const STACK_MIN_HEIGHT = 640

export type EmbedMode = 'side' | 'below' | 'tabs' | 'code'

export function embedMode(width: number, height: number, graph: boolean): EmbedMode {
  if (!graph) return 'code'
  if (width >= SIDE_BY_SIDE_MIN) return 'side'
  return height >= STACK_MIN_HEIGHT ? 'below' : 'tabs'
}

export function EmbedLayout({ notebook, graph, showGraph, graphReady }: { notebook: ReactNode; graph: ReactNode; showGraph: boolean; graphReady: boolean }) {
  const root = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState({ width: innerWidth, height: innerHeight })
  const [tab, setTab] = useState<'code' | 'graph'>('code')
  const [seenGraph, setSeenGraph] = useState(false)
  useLayoutEffect(() => {
    const ro = new ResizeObserver(() => setSize({ width: innerWidth, height: innerHeight }))
    ro.observe(document.documentElement)
    return () => ro.disconnect()
  }, [])
  const mode = embedMode(size.width, size.height, showGraph)
  const codePane = <div className="embed-pane embed-code" role={mode === 'tabs' ? 'tabpanel' : undefined} id="embed-code" aria-labelledby={mode === 'tabs' ? 'tab-code' : undefined}>{notebook}</div>
  const graphPane = <aside className="embed-pane embed-graph graph-side" aria-label="Computation graph" role={mode === 'tabs' ? 'tabpanel' : undefined} id="embed-graph">{graph}</aside>
  if (mode === 'tabs') {
    const pick = (t: 'code' | 'graph') => {
      setTab(t)
      if (t === 'graph') setSeenGraph(true)
    }
    return (
      <div ref={root} className="embed-layout embed-tabs" data-layout="tabs">
        <div className="embed-tablist" role="tablist" aria-label="View"
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              const t = tab === 'code' ? 'graph' : 'code'
              pick(t)
              requestAnimationFrame(() => document.getElementById(`tab-${t}`)?.focus())
            }
          }}>
          {(['code', 'graph'] as const).map((t) => (
            <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`embed-${t}`} tabIndex={tab === t ? 0 : -1}
              className={`embed-tab${tab === t ? ' on' : ''}`} onClick={() => pick(t)}>
              {t === 'code' ? 'Code' : 'Graph'}
              {t === 'graph' && graphReady && !seenGraph && <span className="embed-dot" aria-hidden="true" />}
            </button>
          ))}
        </div>
        {tab === 'code' ? codePane : graphPane}
      </div>
    )
  }
  return (
    <div ref={root} className={`embed-layout embed-${mode === 'code' ? 'plain' : mode}`} data-layout={mode}>
      {codePane}
      {mode !== 'code' && graphPane}
    </div>
  )
}
