import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import workerSource from 'virtual:sandbox-worker'
import { createBrowserNotebook } from './notebook/runner.ts'
import { applyViewWhenReady, createSession, initialOpening } from './notebook/app-session.ts'
import { createLiveRunner } from './notebook/live-run.ts'
import { readViewParams } from './notebook/embed.ts'
import { App } from './ui/App.tsx'
import { Services, type AppServices } from './ui/context.ts'
import './ui/app.css'

// Marked so that the time to read the link (decompress and check it) can be measured.
performance.mark('simplegrad:open-start')
const opening = initialOpening({ location, storage: localStorage })
performance.measure('simplegrad:open-link', 'simplegrad:open-start')
const { store } = createBrowserNotebook({ document, window, workerSource }, opening.doc)
store.getState().setSession({ origin: opening.origin, problem: opening.problem ?? opening.warning ?? null })

const session = createSession({
  location, history, storage: localStorage, clipboard: navigator.clipboard,
  tabId: Math.random().toString(36).slice(2),
}, store)
addEventListener('hashchange', () => session.onHashChange())
addEventListener('storage', (e) => session.saver.onStorage(e.key, e.newValue))
addEventListener('pagehide', () => session.saver.flush())

// ?theme=light|dark: this page only; the user's own choice (ThemeToggle) is not changed.
const viewParams = readViewParams(location.search, location.hash)
if (viewParams.theme) document.documentElement.setAttribute('data-theme', viewParams.theme)
const live = createLiveRunner(store)

const editors = new Map<string, () => void>()
let currentCell: string | undefined
// A cell asked to be focused before its editor exists (a cell just added, a markdown cell just
// opened for editing): its editor takes the focus when it registers, if that is soon.
let pendingFocus: { id: string; until: number } | undefined
const services: AppServices = {
  store,
  ctx: (cellId) => ({ store, cellId, focusCell: services.focusCell, share: () => void session.share() }),
  // At once, so that the keys typed next reach the editor.
  focusCell: (id) => {
    const focus = editors.get(id)
    pendingFocus = focus ? undefined : { id, until: performance.now() + 2000 }
    focus?.()
  },
  liveRun: (id) => live.request(id),
  registerEditor: (id, focus) => {
    editors.set(id, focus)
    if (pendingFocus?.id === id) {
      if (performance.now() < pendingFocus.until) focus()
      pendingFocus = undefined
    }
    return () => {
      if (editors.get(id) === focus) editors.delete(id)
    }
  },
}
document.addEventListener('focusin', (e) => {
  const cell = (e.target as HTMLElement).closest?.('[data-cell-id]')
  if (cell) currentCell = cell.getAttribute('data-cell-id') ?? undefined
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Services.Provider value={services}>
      <App session={session} embed={opening.embed} showGraph={viewParams.graph} currentCell={() => currentCell} />
    </Services.Provider>
  </StrictMode>,
)

applyViewWhenReady(store, opening.view)
if (opening.run) store.getState().runAll()
