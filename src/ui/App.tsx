// The page: toolbar, the notebook column, and the graph panel beside it.
import { useEffect } from 'react'
import { commands, matches } from '../notebook/commands.ts'
import type { Session } from '../notebook/app-session.ts'
import { useNotebook, useServices } from './context.ts'
import { CellView } from './CellView.tsx'
import { ExamplesMenu } from './ExamplesMenu.tsx'
import { SessionBanner } from './SessionBanner.tsx'
import { SharePanel } from './SharePanel.tsx'
import { Toolbar } from './Toolbar.tsx'
import { GraphPanel } from './GraphPanel.tsx'
import { OutputBoundary } from './OutputBoundary.tsx'
import { Splitter, useGraphWidth } from './Splitter.tsx'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function App({ session, embed, currentCell }: { session: Session; embed: boolean; currentCell: () => string | undefined }) {
  const services = useServices()
  const cells = useNotebook((s) => s.cells)
  const notice = useNotebook((s) => s.notice)
  const problem = useNotebook((s) => s.problem)
  const graphs = useNotebook((s) => s.graphs)
  const hasGraph = Object.keys(graphs).length > 0
  const [graphWidth, setGraphWidth] = useGraphWidth()
  useEffect(() => {
    // Notebook-wide keys, wherever the focus is.
    const onKey = (e: KeyboardEvent) => {
      if (matches(commands.runAll.shortcut, e, isMac)) {
        e.preventDefault()
        commands.runAll.run(services.ctx())
      } else if (matches(commands.share.shortcut, e, isMac)) {
        e.preventDefault()
        void session.share()
      }
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [services, session])
  return (
    <div className={`app${embed ? ' embed' : ''}`}>
      {!embed && (
        <Toolbar extra={<>
          <button type="button" className="btn" onClick={() => void session.share()} title="Share a link to this notebook (Ctrl+S)">⤴ Share</button>
          <ExamplesMenu />
          <button type="button" className="btn" title="Start a new, empty notebook" onClick={() => {
            if (confirm('Start a new notebook? The one you have now will be replaced. (Share it first to keep a link to it.)')) {
              const id = session.newNotebook()
              if (id) services.focusCell(id)
            }
          }}>New</button>
        </>} />
      )}
      {!embed && <OutputBoundary resetKey={cells} label="share panel"><SharePanel session={session} currentCell={currentCell} /></OutputBoundary>}
      {embed && (
        <header className="embed-bar">
          <span className="brand small"><span className="logo" aria-hidden="true">∂</span> SimpleGrad</span>
          <button type="button" className="btn small primary" onClick={() => commands.runAll.run(services.ctx())}>▶▶ Run all</button>
          <button type="button" className="btn small" onClick={() => commands.stop.run(services.ctx())}>■ Stop</button>
          <a className="open-full" href={playgroundUrl()} target="_blank" rel="noopener">Open in playground ↗</a>
        </header>
      )}
      <main className="workspace">
        <section className="notebook" aria-label="Notebook">
          {!embed && <OutputBoundary resetKey={problem} label="banner"><SessionBanner session={session} /></OutputBoundary>}
          {embed && problem && <div className="banner warn" role="alert">{problem}</div>}
          {notice && <div className="notice" role="status">{notice}</div>}
          {cells.map((c, i) => <CellView key={c.id} cell={c} index={i} />)}
        </section>
        {(!embed || hasGraph) && (
          <>
            <Splitter width={graphWidth} setWidth={setGraphWidth} />
            <aside className="graph-side" style={{ width: graphWidth }} aria-label="Computation graph">
              <OutputBoundary resetKey={graphs} label="graph panel"><GraphPanel /></OutputBoundary>
            </aside>
          </>
        )}
      </main>
    </div>
  )
}

/** This page's link without `embed=1`: the same notebook in the full playground. */
function playgroundUrl(): string {
  const url = new URL(location.href)
  url.searchParams.delete('embed')
  return url.toString()
}
