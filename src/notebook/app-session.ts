// The page's session around the store: opening links and examples, saving the user's notebook,
// sharing, and running on `?run=1`. Browser objects are passed in, so this is testable.
import type { StoreApi } from 'zustand/vanilla'
import { examples } from '../examples/index.ts'
import { makeShareLink, parseLocation, type LinkView } from './links.ts'
import { createSaver, loadSaved, SAVE_DELAY_MS, type StorageLike } from './persist.ts'
import { loadDrafts, MAX_DRAFTS, storeDrafts, type Draft } from './drafts.ts'
import { openDocument, type Opening } from './session.ts'
import type { NotebookState } from './store.ts'
import type { NotebookDoc } from './notebook-doc.ts'

export interface SessionEnv {
  location: { hash: string; search: string; origin: string; pathname: string }
  history: { replaceState(data: unknown, unused: string, url?: string): void }
  storage: StorageLike
  /** false when `storage` is only memory (the browser refused its own): nothing outlives the page */
  persistent?: boolean
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
  const persistent = env.persistent ?? true
  /**
   * The user's own notebook as this tab last had it: what "keep this tab's" saves when another tab
   * changed it, even while a shared notebook is on screen.
   */
  let own: NotebookDoc | null = store.getState().origin.kind === 'mine' ? store.getState().toDoc() : loadSaved(env.storage)
  const saver = createSaver(env.storage, env.tabId, {
    onConflict(theirs) {
      // Showing a shared notebook, this tab has nothing of the user's own unsaved (opening it
      // flushed): the other tab's save simply becomes the own notebook.
      if (store.getState().origin.kind !== 'mine') {
        saver.resolve('theirs')
        own = theirs
        return
      }
      store.getState().setSession({ conflict: theirs })
    },
    onSaveFailed: () => store.getState().setSession({ saving: 'failed' }),
    onSaved: () => {
      if (store.getState().saving === 'failed') store.getState().setSession({ saving: 'kept' })
    },
  })
  if (!persistent) store.getState().setSession({ saving: 'memory' })
  let lastCells = store.getState().cells
  /** a document is being opened: its cells are not an edit to save */
  let opening = false
  /** whether the user has changed their own notebook in this page (it matters when nothing is kept) */
  let ownEdited = false

  // Changes to notebooks that are not the user's own, kept aside (drafts.ts). `editing` is the
  // draft that the shown notebook's changes go to, once it has any.
  let drafts: Draft[] = loadDrafts(env.storage)
  let editing: string | null = null
  let draftTimer: ReturnType<typeof setTimeout> | null = null
  let draftsKept = true
  const publishAside = () => store.getState().setSession({ aside: drafts.filter((d) => d.id !== editing) })
  const writeDrafts = () => {
    if (draftTimer !== null) clearTimeout(draftTimer)
    draftTimer = null
    draftsKept = storeDrafts(env.storage, drafts)
  }
  const keepDraft = (doc: NotebookDoc) => {
    const s = store.getState()
    if (s.origin.kind === 'mine') return
    editing ??= `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
    const draft: Draft = { id: editing, doc, origin: s.origin, at: Date.now() }
    drafts = [draft, ...drafts.filter((d) => d.id !== editing)].slice(0, MAX_DRAFTS)
    if (draftTimer !== null) clearTimeout(draftTimer)
    draftTimer = setTimeout(writeDrafts, SAVE_DELAY_MS)
  }
  const forgetDraft = (id: string) => {
    drafts = drafts.filter((d) => d.id !== id)
    if (editing === id) editing = null
    writeDrafts()
    publishAside()
  }
  publishAside()

  // Save the user's own notebook as it changes; a shared one is saved only when kept.
  store.subscribe((s) => {
    if (s.cells === lastCells) return
    lastCells = s.cells
    if (opening) return
    if (s.origin.kind === 'mine') {
      own = s.toDoc()
      ownEdited = true
      saver.save(own)
    } else {
      if (!s.edited) s.setSession({ edited: true })
      keepDraft(s.toDoc())
    }
  })

  const open = (next: Opening, draft: string | null = null) => {
    const s = store.getState()
    // the changes to the notebook shown so far stay aside; the next one starts without any
    writeDrafts()
    editing = draft
    // loadDoc notifies subscribers while the origin is still the previous document's: without the
    // flag, a link opened within the page (an example from the menu) was saved over the user's own.
    opening = true
    try {
      s.loadDoc(next.doc)
    } finally {
      opening = false
    }
    lastCells = store.getState().cells
    if (next.origin.kind === 'mine') own = s.toDoc()
    s.setSession({ origin: next.origin, problem: next.problem ?? next.warning ?? null, share: null, edited: draft !== null })
    publishAside()
  }

  const clearHash = () => env.history.replaceState(null, '', env.location.pathname)

  return {
    saver,
    /** the URL's hash changed (a link inside the page, or the user edited the address) */
    onHashChange() {
      const link = parseLocation(env.location, knownExamples())
      if (link.kind === 'none') return
      saver.flush()
      const next = openDocument(link, loadSaved(env.storage) ?? own)
      open(next)
      if (link.run && !next.problem) store.getState().runAll()
    },
    /** make the shown shared notebook the user's own (the saved one is replaced) */
    keepShared() {
      const s = store.getState()
      // What the link's code ran stays with the link: the user's notebook starts a fresh sandbox.
      s.renewSandbox()
      s.setSession({ origin: { kind: 'mine' }, problem: null, edited: false })
      own = s.toDoc()
      saver.save(own)
      if (editing !== null) forgetDraft(editing) // they are the user's own now
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
    /** leave the shared notebook for the user's own (its changes, if any, stay aside) */
    backToMine() {
      saver.flush()
      open(openDocument({ kind: 'none', run: false, embed: false }, loadSaved(env.storage) ?? own))
      clearHash()
    },
    /** show changes kept aside again, to go on with them or keep them */
    openDraft(id: string) {
      const d = drafts.find((x) => x.id === id)
      if (!d) return
      saver.flush()
      open({ doc: d.doc, origin: d.origin }, d.id)
      clearHash()
    },
    dropDraft(id: string) {
      forgetDraft(id)
    },
    /** write what is pending (on page hide) */
    flush() {
      saver.flush()
      writeDrafts()
    },
    /**
     * Another tab changed the user's notebook: keep this tab's version of it (`mine`, saved over
     * theirs) or take theirs. This tab's version is the user's own notebook as this tab had it,
     * never a shared notebook that happens to be on screen, which stays on screen either way.
     */
    resolveConflict(keep: 'mine' | 'theirs') {
      const theirs = saver.resolve(keep)
      const s = store.getState()
      s.setSession({ conflict: null })
      if (theirs) {
        own = theirs
        if (s.origin.kind === 'mine') open({ doc: theirs, origin: { kind: 'mine' } })
      } else if (own) {
        saver.save(own)
      }
    },
    /** Changes that leaving the page would lose: any, when the browser keeps nothing (or refused the last save). */
    unsaved(): boolean {
      const s = store.getState()
      if (s.saving === 'memory') return ownEdited || drafts.length > 0
      return (s.saving === 'failed' && ownEdited) || !draftsKept
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
