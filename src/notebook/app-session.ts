// The page's session around the store: opening links and examples, saving the user's notebook,
// sharing, and running on `?run=1`. Browser objects are passed in, so this is testable.
import type { StoreApi } from 'zustand/vanilla'
import { examples } from '../examples/index.ts'
import { makeShareLink, parseLocation } from './links.ts'
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
export function initialOpening(env: Pick<SessionEnv, 'location' | 'storage'>): Opening & { run: boolean; embed: boolean } {
  const link = parseLocation(env.location, knownExamples())
  return { ...openDocument(link, loadSaved(env.storage)), run: link.run, embed: link.embed }
}

export function createSession(env: SessionEnv, store: StoreApi<NotebookState>) {
  const saver = createSaver(env.storage, env.tabId, (theirs) => store.getState().setSession({ conflict: theirs }))
  let lastCells = store.getState().cells

  // Save the user's own notebook as it changes; a shared one is saved only when kept.
  store.subscribe((s) => {
    if (s.cells === lastCells) return
    lastCells = s.cells
    if (s.origin.kind === 'mine') saver.save(s.toDoc())
  })

  const open = (opening: Opening) => {
    const s = store.getState()
    s.loadDoc(opening.doc)
    lastCells = store.getState().cells
    s.setSession({ origin: opening.origin, problem: opening.problem ?? opening.warning ?? null, share: null })
  }

  const clearHash = () => env.history.replaceState(null, '', env.location.pathname)

  return {
    saver,
    /** the URL's hash changed (a link inside the page, or the user edited the address) */
    onHashChange() {
      const link = parseLocation(env.location, knownExamples())
      if (link.kind === 'none') return
      saver.flush()
      open(openDocument(link, loadSaved(env.storage)))
      if (link.run) store.getState().runAll()
    },
    /** make the shown shared notebook the user's own (the saved one is replaced) */
    keepShared() {
      const s = store.getState()
      s.setSession({ origin: { kind: 'mine' }, problem: null })
      saver.save(s.toDoc())
      saver.flush()
      clearHash()
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
      const link = makeShareLink(doc, { origin: env.location.origin, pathname: env.location.pathname })
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
