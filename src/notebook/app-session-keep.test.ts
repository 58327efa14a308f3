// Nothing is lost: another tab's changes, a shared notebook on screen, saves that fail, storage
// that the browser refuses, and changes to a notebook that is not the user's own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import LZString from 'lz-string'
import { createSession, initialOpening, type SessionEnv } from './app-session.ts'
import { SAVE_DELAY_MS, STORAGE_KEY, loadSaved, memoryStorage, openStorage, type StorageLike } from './persist.ts'
import { createNotebookStore, type NotebookEnv } from './store.ts'
import type { NotebookDoc } from './notebook-doc.ts'
import { describeDraft, loadDrafts } from './drafts.ts'

const MINE: NotebookDoc = { v: 1, cells: [{ kind: 'code', source: 'println("mine")' }] }
const THEIRS: NotebookDoc = { v: 1, cells: [{ kind: 'code', source: 'println("other tab")' }] }
const SHARED = `#code/${LZString.compressToEncodedURIComponent('println("shared")')}`

function setup(hash: string, opts: { storage?: StorageLike; persistent?: boolean } = {}) {
  const storage = opts.storage ?? memoryStorage()
  if (!opts.storage) storage.setItem(STORAGE_KEY, JSON.stringify({ doc: MINE, tab: 'other', at: 0 }))
  const location = { hash, search: '', origin: 'https://grad.example.org', pathname: '/' }
  const urls: string[] = []
  const history = { replaceState: (_d: unknown, _u: string, url?: string) => {
    if (url === undefined) return
    urls.push(url)
    location.hash = url.includes('#') ? url.slice(url.indexOf('#')) : ''
  } }
  let n = 0
  const env: NotebookEnv = {
    compile: (source) => ({ ok: true, code: source, map: null }),
    send: () => {}, kill: () => {}, provide: () => {}, invoke: () => {},
    newId: () => `c${n++}`,
  }
  const opening = initialOpening({ location, storage })
  const store = createNotebookStore(env, opening.doc)
  store.getState().setSession({ origin: opening.origin, problem: opening.problem ?? null })
  const sessionEnv: SessionEnv = {
    location, history, storage, persistent: opts.persistent, tabId: 'this',
  }
  const session = createSession(sessionEnv, store)
  const edit = (source: string) => store.getState().setSource(store.getState().cells[0].id, source)
  const shown = () => store.getState().toDoc().cells[0].source
  const otherTabSaves = (doc: NotebookDoc) => {
    const value = JSON.stringify({ doc, tab: 'other', at: 1 })
    storage.setItem(STORAGE_KEY, value)
    session.saver.onStorage(STORAGE_KEY, value)
  }
  return { store, session, storage, location, urls, edit, shown, otherTabSaves }
}

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())
const later = () => vi.advanceTimersByTime(SAVE_DELAY_MS * 3)

describe('another tab changed the notebook', () => {
  it('"keep this tab\'s" saves the user\'s own notebook, never the shared one on screen', () => {
    const t = setup('')
    t.edit('println("mine, edited")')
    later()
    t.otherTabSaves(THEIRS)
    expect(t.store.getState().conflict).toEqual(THEIRS)
    // the user opens a shared link before answering
    t.location.hash = SHARED
    t.session.onHashChange()
    expect(t.shown()).toBe('println("shared")')
    t.session.resolveConflict('mine')
    later()
    expect(loadSaved(t.storage)?.cells[0].source).toBe('println("mine, edited")')
    expect(t.shown()).toBe('println("shared")')
  })

  it('"load the other tab\'s" while a shared notebook is shown keeps it on screen', () => {
    const t = setup('')
    t.otherTabSaves(THEIRS)
    t.location.hash = SHARED
    t.session.onHashChange()
    t.edit('println("shared, edited")')
    t.session.resolveConflict('theirs')
    expect(t.shown()).toBe('println("shared, edited")')
    expect(t.store.getState().edited).toBe(true)
    t.session.backToMine()
    expect(t.shown()).toBe('println("other tab")')
  })

  it('while a shared notebook is shown, another tab\'s save is simply the newest own notebook', () => {
    const t = setup(SHARED)
    t.otherTabSaves(THEIRS)
    expect(t.store.getState().conflict).toBeNull()
    t.session.backToMine()
    expect(t.shown()).toBe('println("other tab")')
    t.edit('println("other tab, edited here")')
    later()
    expect(loadSaved(t.storage)?.cells[0].source).toBe('println("other tab, edited here")')
  })
})

describe('saving that fails', () => {
  it('says so, and clears once a save goes through', () => {
    const items = new Map<string, string>()
    let full = false
    const storage: StorageLike = {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        items.set(k, v)
      },
    }
    const t = setup('', { storage })
    full = true
    t.edit('println("too big")')
    later()
    expect(t.store.getState().saving).toBe('failed')
    expect(t.session.unsaved()).toBe(true)
    full = false
    t.edit('println("smaller")')
    later()
    expect(t.store.getState().saving).toBe('kept')
    expect(t.session.unsaved()).toBe(false)
    expect(loadSaved(storage)?.cells[0].source).toBe('println("smaller")')
  })

  it('works in memory where the browser refuses storage, and says that nothing is kept', () => {
    const opened = openStorage(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    })
    expect(opened.persistent).toBe(false)
    const t = setup('', { storage: opened.storage, persistent: opened.persistent })
    expect(t.store.getState().saving).toBe('memory')
    expect(t.shown()).toMatch(/./) // the welcome notebook
    t.edit('println("here for now")')
    later()
    expect(t.session.unsaved()).toBe(true)
    // a storage whose reads start throwing later reads as empty
    let reads = 0
    const flaky = openStorage(() => ({
      getItem: () => {
        if (reads++ > 0) throw new DOMException('denied', 'SecurityError')
        return null
      },
      setItem: () => {},
    }))
    expect(flaky.persistent).toBe(true)
    expect(flaky.storage.getItem(STORAGE_KEY)).toBeNull()
  })
})

describe('changes to a notebook that is not the user\'s own', () => {
  it('are kept aside when another link opens, and offered again', () => {
    const t = setup(SHARED)
    expect(t.store.getState().edited).toBe(false)
    t.edit('println("shared, edited")')
    expect(t.store.getState().edited).toBe(true)
    t.location.hash = '#example/usage'
    t.session.onHashChange()
    expect(t.store.getState().origin.kind).toBe('example')
    const aside = t.store.getState().aside
    expect(aside).toHaveLength(1)
    expect(describeDraft(aside[0])).toBe('Your changes to a shared notebook (“println("shared, edited")”)')
    expect(loadSaved(t.storage)).toEqual(MINE) // the user's own is untouched

    // they survive a reload (a new session on the same storage)
    const again = setup('', { storage: t.storage })
    expect(again.store.getState().aside.map((d) => d.doc)).toEqual([aside[0].doc])

    // opened again, they are shown, changed further, and kept as the user's own
    t.session.openDraft(aside[0].id)
    expect(t.shown()).toBe('println("shared, edited")')
    expect(t.store.getState().aside).toEqual([])
    expect(t.store.getState().edited).toBe(true)
    t.edit('println("shared, edited twice")')
    t.session.keepShared()
    later()
    expect(loadSaved(t.storage)?.cells[0].source).toBe('println("shared, edited twice")')
    expect(loadDrafts(t.storage)).toEqual([])
  })

  it('are kept aside by "Back to my notebook", and dropped only when the user says so', () => {
    const t = setup('#example/usage')
    t.edit('println("example, edited")')
    t.session.backToMine()
    expect(t.shown()).toBe('println("mine")')
    const [d] = t.store.getState().aside
    expect(describeDraft(d)).toMatch(/^Your changes to the example “SimpleGrad: Usage”/)
    t.session.dropDraft(d.id)
    expect(t.store.getState().aside).toEqual([])
    expect(loadDrafts(t.storage)).toEqual([])
  })

  it('of several notebooks are all kept, newest first', () => {
    const t = setup(SHARED)
    t.edit('println("first")')
    t.location.hash = `#code/${LZString.compressToEncodedURIComponent('println("second link")')}`
    t.session.onHashChange()
    t.edit('println("second")')
    vi.advanceTimersByTime(10)
    t.session.backToMine()
    expect(t.store.getState().aside.map((d) => d.doc.cells[0].source)).toEqual(['println("second")', 'println("first")'])
  })

  it('opening a notebook without changing it keeps nothing', () => {
    const t = setup(SHARED)
    t.location.hash = '#example/usage'
    t.session.onHashChange()
    t.session.backToMine()
    expect(t.store.getState().aside).toEqual([])
  })
})
