import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import workerSource from 'virtual:sandbox-worker'
import { createBrowserNotebook } from './notebook/runner.ts'
import { createSession, initialOpening } from './notebook/app-session.ts'
import { App } from './ui/App.tsx'
import { Services, type AppServices } from './ui/context.ts'
import './ui/app.css'

const opening = initialOpening({ location, storage: localStorage })
const { store } = createBrowserNotebook({ document, window, workerSource }, opening.doc)
store.getState().setSession({ origin: opening.origin, problem: opening.problem ?? opening.warning ?? null })

const session = createSession({
  location, history, storage: localStorage, clipboard: navigator.clipboard,
  tabId: Math.random().toString(36).slice(2),
}, store)
addEventListener('hashchange', () => session.onHashChange())
addEventListener('storage', (e) => session.saver.onStorage(e.key, e.newValue))
addEventListener('pagehide', () => session.saver.flush())

const editors = new Map<string, () => void>()
let currentCell: string | undefined
const services: AppServices = {
  store,
  ctx: (cellId) => ({ store, cellId, focusCell: services.focusCell, share: () => void session.share() }),
  focusCell: (id) => requestAnimationFrame(() => editors.get(id)?.()),
  registerEditor: (id, focus) => {
    editors.set(id, focus)
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
      <App session={session} embed={opening.embed} currentCell={() => currentCell} />
    </Services.Provider>
  </StrictMode>,
)

if (opening.run) store.getState().runAll()
