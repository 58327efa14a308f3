// The page's session around the store: opening links and examples, saving the user's notebook,
// sharing, and running on `?run=1`. Browser objects are passed in, so this is testable.
import type { StoreApi } from 'zustand/vanilla'
import { examples } from '../examples/index.ts'
import { makeShareLink, parseLocation, type LinkView } from './links.ts'
import { createSaver, loadSaved, type StorageLike } from './persist.ts'
import { openDocument, type Opening } from './session.ts'
import type { NotebookState } from './store.ts'
import type { NotebookDoc } from './notebook-doc.ts'

export interface SessionEnv {
  location: { hash: string; search: string; origin: string; pathname: string }
  history: { replaceState(data: unknown, unused: string, url?: string): void }
  storage: StorageLike
  clipboard?: { writeText(text: string): Promise<void> }
  tabId: string
}

export const knownExamples = () => examples.map((e) => e.id)

/** The first document, from the URL or the saved notebook. */
export function initialOpening(env: Pick<SessionEnv, 'location' | 'storage'>): Opening & { run: boolean; embed: boolean; view?: LinkView } {
  const link = parseLocation(env.location, knownExamples())
  const opening = openDocument(link, loadSaved(env.storage))
  // ?run=1 is for the link's notebook: when the link cannot be opened, the user's own is not run.
  return { ...opening, run: link.run && !opening.problem, embed: link.embed, view: link.view }
}

/**
 * A link's view (`?graph=0&step=7`): once the code cell numbered `graph` (0-based, among code
 * cells) has sent its graph, show it at that step. Applies once.
 */
export function applyViewWhenReady(store: StoreApi<NotebookState>, view: LinkView | undefined): void {
  if (!view || (view.graph === undefined && view.step === undefined)) return
  const unsubscribe = store.subscribe((s) => {
    const codeCells = s.cells.filter((c) => c.kind === 'code')
    const cell = view.graph !== undefined ? codeCells[view.graph] : codeCells.find((c) => s.graphs[c.id])
    if (!cell || !s.graphs[cell.id] || s.current?.cellId === cell.id) return
    unsubscribe()
    s.showGraph(cell.id)
    if (view.step !== undefined) s.setStep(view.step)
  })
}

export function createSession(env: SessionEnv, store: StoreApi<NotebookState>) {
  const saver = createSaver(env.storage, env.tabId, (theirs) => store.getState().setSession({ conflict: theirs }))
  let lastCells = store.getState().cells
  /** a document is being opened: its cells are not an edit to save */
  let opening = false

  // Save the user's own notebook as it changes; a shared one is saved only when kept.
  store.subscribe((s) => {
    if (s.cells === lastCells) return
    lastCells = s.cells
    if (!opening && s.origin.kind === 'mine') saver.save(s.toDoc())
  })

  const open = (next: Opening) => {
    const s = store.getState()
    // loadDoc notifies subscribers while the origin is still the previous document's: without the
    // flag, a link opened within the page (an example from the menu) was saved over the user's own.
    opening = true
    try {
      s.loadDoc(next.doc)
    } finally {
      opening = false
    }
    lastCells = store.getState().cells
    s.setSession({ origin: next.origin, problem: next.problem ?? next.warning ?? null, share: null })
  }

  const clearHash = () => env.history.replaceState(null, '', env.location.pathname)

  return {
    saver,
    /** the URL's hash changed (a link inside the page, or the user edited the address) */
    onHashChange() {
      const link = parseLocation(env.location, knownExamples())
      if (link.kind === 'none') return
      saver.flush()
      const next = openDocument(link, loadSaved(env.storage))
      open(next)
      if (link.run && !next.problem) store.getState().runAll()
    },
    /** make the shown shared notebook the user's own (the saved one is replaced) */
    keepShared() {
      const s = store.getState()
      // What the link's code ran stays with the link: the user's notebook starts a fresh sandbox.
      s.renewSandbox()
      s.setSession({ origin: { kind: 'mine' }, problem: null })
      saver.save(s.toDoc())
      saver.flush()
      clearHash()
    },
    /** a file the user opened: the same switch as opening a link, so the saved notebook is kept */
    openFile(doc: NotebookDoc, name: string) {
      saver.flush()
      open({ doc, origin: { kind: 'file', name } })
      clearHash()
    },
    /** start over with one empty code cell; the page asks first (see the toolbar) */
    newNotebook() {
      open({ doc: { v: 1, cells: [{ kind: 'code', source: '' }] }, origin: { kind: 'mine' } })
      const s = store.getState()
      saver.save(s.toDoc())
      saver.flush()
      clearHash()
      const first = s.cells[0]
      return first?.id
    },
    /** leave the shared notebook for the user's own */
    backToMine() {
      saver.flush()
      open(openDocument({ kind: 'none', run: false, embed: false }, loadSaved(env.storage)))
      clearHash()
    },
    resolveConflict(keep: 'mine' | 'theirs') {
      const theirs = saver.resolve(keep)
      const s = store.getState()
      s.setSession({ conflict: null })
      if (theirs) open({ doc: theirs, origin: { kind: 'mine' } })
      else saver.save(s.toDoc())
    },
    async share(onlyCell?: string): Promise<void> {
      const s = store.getState()
      const doc: NotebookDoc = onlyCell
        ? { v: 1, cells: s.cells.filter((c) => c.id === onlyCell).map(({ kind, source }) => ({ kind, source })) }
        : s.toDoc()
      // The view travels with the link: the graph shown and the stepper's step.
      const codeCells = s.cells.filter((c) => c.kind === 'code')
      const graph = s.graphCell ? codeCells.findIndex((c) => c.id === s.graphCell) : -1
      const view = !onlyCell && graph >= 0 ? { graph, step: s.step } : undefined
      const link = makeShareLink(doc, { origin: env.location.origin, pathname: env.location.pathname, view })
      s.setSession({ share: { url: link.url, length: link.length, tooLong: link.tooLong } })
      try {
        await env.clipboard?.writeText(link.url)
      } catch {
        // the link is shown on the page to copy by hand
      }
    },
  }
}

export type Session = ReturnType<typeof createSession>
