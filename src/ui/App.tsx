// The page: toolbar, the notebook column, and the graph panel beside it; or, with ?embed=1, the
// embed view laid out for its frame (EmbedLayout).
import { useEffect, useMemo, useState } from 'react'
import { holdChecks } from '../editor/index.ts'
import { commands, matches } from '../notebook/commands.ts'
import type { Session } from '../notebook/app-session.ts'
import { useNotebook, useServices } from './context.ts'
import { CellView } from './CellView.tsx'
import { EmbedLayout } from './EmbedLayout.tsx'
import { ExamplesMenu } from './ExamplesMenu.tsx'
import { FileMenu, useFileDrop } from './FileMenu.tsx'
import { HelpDialog } from './HelpDialog.tsx'
import { LeafScrubber } from './LeafScrubber.tsx'
import { SavingBanner, SessionBanner } from './SessionBanner.tsx'
import { SharePanel } from './SharePanel.tsx'
import { UndoToast } from './Toast.tsx'
import { Toolbar } from './Toolbar.tsx'
import { GraphPanel } from './GraphPanel.tsx'
import { OutputBoundary } from './OutputBoundary.tsx'
import { Splitter, useGraphWidth } from './Splitter.tsx'
import { Ui, type UiActions } from './ui-context.ts'
import './features.css'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function App({ session, embed, showGraph = true, currentCell }: { session: Session; embed: boolean; showGraph?: boolean; currentCell: () => string | undefined }) {
  const services = useServices()
  const cells = useNotebook((s) => s.cells)
  const notice = useNotebook((s) => s.notice)
  const problem = useNotebook((s) => s.problem)
  const graphs = useNotebook((s) => s.graphs)
  const hasGraph = Object.keys(graphs).length > 0
  // while cells run, type checks nobody asked for wait (the sandbox needs the CPU)
  const busy = useNotebook((s) => s.current !== null || s.queue.length > 0)
  useEffect(() => holdChecks(busy), [busy])
  const [graphWidth, setGraphWidth] = useGraphWidth()
  const [help, setHelp] = useState(false)
  const ui = useMemo<UiActions>(() => ({ embed, openHelp: () => setHelp(true) }), [embed])
  // (an embed is someone else's page: it opens no files)
  const dragging = useFileDrop(session, services, !embed)
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

  const notebook = (
    <section className="notebook" aria-label="Notebook">
      {!embed && <OutputBoundary resetKey={problem} label="banner"><SessionBanner session={session} /></OutputBoundary>}
      {embed && problem && <div className="banner warn" role="alert">{problem}</div>}
      {embed && <SavingBanner />}
      {notice && <div className="notice" role="status">{notice}</div>}
      {cells.map((c, i) => <CellView key={c.id} cell={c} index={i} />)}
    </section>
  )
  const graph = <OutputBoundary resetKey={graphs} label="graph panel"><LeafScrubber><GraphPanel /></LeafScrubber></OutputBoundary>
  return (
    <Ui.Provider value={ui}>
      <div className={`app${embed ? ' embed' : ''}`}>
        {!embed && (
          <Toolbar extra={<>
            <button type="button" className="btn" onClick={() => void session.share()} title="Share a link to this notebook (Ctrl+S)">⤴ Share</button>
            <ExamplesMenu />
            <FileMenu session={session} />
            <button type="button" className="btn" title="Start a new, empty notebook" onClick={() => {
              if (confirm('Start a new notebook? The one you have now will be replaced. (Share it first to keep a link to it.)')) {
                const id = session.newNotebook()
                if (id) services.focusCell(id)
              }
            }}>New</button>
            <button type="button" className="btn icon" aria-label="Help: keyboard shortcuts" title="Keyboard shortcuts (H or ? in command mode)" onClick={() => setHelp(true)}>?</button>
          </>} />
        )}
        {!embed && <OutputBoundary resetKey={cells} label="share panel"><SharePanel session={session} currentCell={currentCell} /></OutputBoundary>}
        {embed && (
          <header className="embed-bar">
            <span className="brand small"><span className="logo" aria-hidden="true">∂</span><span className="embed-name">SimpleGrad</span></span>
            <button type="button" className="btn small primary" onClick={() => commands.runAll.run(services.ctx())}>▶▶ Run all</button>
            <button type="button" className="btn small" onClick={() => commands.stop.run(services.ctx())}>■ Stop</button>
            <a className="open-full" href={playgroundUrl()} target="_blank" rel="noopener" aria-label="Open in playground ↗">Open<span className="embed-wide"> in playground</span> ↗</a>
          </header>
        )}
        {embed ? (
          <EmbedLayout notebook={notebook} graph={graph} showGraph={showGraph} graphReady={hasGraph} />
        ) : (
          <main className="workspace">
            {notebook}
            <Splitter width={graphWidth} setWidth={setGraphWidth} />
            <aside className="graph-side" style={{ width: graphWidth }} aria-label="Computation graph">
              {graph}
            </aside>
          </main>
        )}
        <UndoToast />
        {help && <HelpDialog onClose={() => setHelp(false)} />}
        {dragging && <div className="drop-hint" aria-hidden="true"><span>Drop a .ipynb or .md file to open it</span></div>}
      </div>
    </Ui.Provider>
  )
}

/** This page's link without `embed=1`: the same notebook in the full playground. */
function playgroundUrl(): string {
  const url = new URL(location.href)
  url.searchParams.delete('embed')
  return url.toString()
}
