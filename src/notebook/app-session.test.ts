// The page's session in Node: opening links within the page never saves over the user's own
// notebook, and ?run=1 on a link that cannot be opened runs nothing.
import { describe, expect, it, vi } from 'vitest'
import LZString from 'lz-string'
import { createSession, initialOpening, type SessionEnv } from './app-session.ts'
import { SAVE_DELAY_MS, STORAGE_KEY, loadSaved } from './persist.ts'
import { createNotebookStore, type NotebookEnv } from './store.ts'
import type { NotebookDoc } from './notebook-doc.ts'

const MINE: NotebookDoc = { v: 1, cells: [{ kind: 'code', source: 'println("mine")' }] }

function setup(hash: string, search = '') {
  const items = new Map<string, string>()
  const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) }
  storage.setItem(STORAGE_KEY, JSON.stringify({ doc: MINE, tab: 'other', at: 0 }))
  const location = { hash, search, origin: 'https://grad.example.org', pathname: '/' }
  const history = { replaceState: (_d: unknown, _u: string, url?: string) => { if (url !== undefined) location.hash = '' } }
  let n = 0
  const sent: string[] = []
  const env: NotebookEnv = {
    compile: (source) => ({ ok: true, code: source, map: null }),
    send: ({ cellId }) => void sent.push(cellId),
    kill: () => {}, provide: () => {}, invoke: () => {},
    newId: () => `c${n++}`,
  }
  const opening = initialOpening({ location, storage })
  const store = createNotebookStore(env, opening.doc)
  store.getState().setSession({ origin: opening.origin, problem: opening.problem ?? null })
  const sessionEnv: SessionEnv = { location, history, storage, tabId: 'this', clipboard: undefined }
  const session = createSession(sessionEnv, store)
  return { store, session, storage, location, opening, sent }
}

describe('the session', () => {
  it('opens a link within the page without saving it over the user\'s notebook', () => {
    vi.useFakeTimers()
    try {
      const { store, session, storage, location } = setup('')
      expect(store.getState().origin.kind).toBe('mine')
      location.hash = '#example/usage'
      session.onHashChange()
      expect(store.getState().origin.kind).toBe('example')
      vi.advanceTimersByTime(SAVE_DELAY_MS * 3)
      session.saver.flush()
      expect(loadSaved(storage)).toEqual(MINE)

      // back to the user's own: loading it is not an edit, so nothing is written (no other tab is disturbed)
      const before = storage.getItem(STORAGE_KEY)
      session.backToMine()
      vi.advanceTimersByTime(SAVE_DELAY_MS * 3)
      expect(storage.getItem(STORAGE_KEY)).toBe(before)
      expect(store.getState().toDoc()).toEqual(MINE)
      // and an edit is saved again
      store.getState().setSource(store.getState().cells[0].id, 'println("edited")')
      vi.advanceTimersByTime(SAVE_DELAY_MS * 3)
      expect(loadSaved(storage)?.cells[0].source).toBe('println("edited")')
    } finally {
      vi.useRealTimers()
    }
  })

  it('runs nothing for ?run=1 on a link that cannot be opened', () => {
    const broken = setup('#code/garbage', '?run=1')
    expect(broken.opening.problem).toMatch(/could not be decompressed/)
    expect(broken.opening.run).toBe(false)
    const good = setup(`#code/${LZString.compressToEncodedURIComponent('println(1)')}`, '?run=1')
    expect(good.opening.run).toBe(true)

    // the same when the hash changes within the page
    good.location.hash = '#notebook/garbage'
    good.session.onHashChange()
    expect(good.store.getState().problem).toMatch(/could not be decompressed/)
    expect(good.sent).toEqual([])
    expect(good.store.getState().queue).toEqual([])
  })
})
