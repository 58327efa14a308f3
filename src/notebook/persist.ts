// The user's notebook, saved to localStorage as they type (debounced) and restored on reload.
// Each save records which tab wrote it; when another tab saves over ours, this tab stops saving
// and asks which to keep, so two tabs never silently overwrite each other.
//
// Storage is optional. Framed by another site with third-party storage blocked (an embed),
// touching `localStorage` throws a SecurityError; a full one throws on every write. The page then
// works in memory (`openStorage`), and a save that fails is reported (`onSaveFailed`) so the page
// can say that nothing is kept and offer the notebook as a file.
import { readNotebookDoc, type NotebookDoc } from './notebook-doc.ts'

export const STORAGE_KEY = 'simplegrad-playground:notebook'
export const SAVE_DELAY_MS = 400

interface Saved {
  doc: NotebookDoc
  tab: string
  at: number
}

export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** A storage that keeps things only while the page is open. */
export function memoryStorage(): StorageLike {
  const items = new Map<string, string>()
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) }
}

/**
 * The browser's storage if the page may use it, else one in memory (`persistent` false). `get`
 * reads `window.localStorage`, which itself throws where storage is blocked. Reads that throw
 * later count as "nothing saved"; writes still throw, for the saver to report.
 */
export function openStorage(get: () => StorageLike | null | undefined): { storage: StorageLike; persistent: boolean } {
  try {
    const real = get()
    if (!real) return { storage: memoryStorage(), persistent: false }
    real.getItem(STORAGE_KEY)
    const storage: StorageLike = {
      getItem(key) {
        try {
          return real.getItem(key)
        } catch {
          return null
        }
      },
      setItem: (key, value) => real.setItem(key, value),
    }
    return { storage, persistent: true }
  } catch {
    return { storage: memoryStorage(), persistent: false }
  }
}

/** The saved notebook, or null when there is none (or it cannot be read). */
export function loadSaved(storage: StorageLike): NotebookDoc | null {
  try {
    const raw = storage.getItem(STORAGE_KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<Saved>
    const r = readNotebookDoc(parsed.doc)
    return r.ok ? r.doc : null
  } catch {
    return null
  }
}

export interface Saver {
  /** schedule a save of this document */
  save(doc: NotebookDoc): void
  /** write any pending save now (on page hide) */
  flush(): void
  /** the other tab's newer save, once one has arrived; saving is paused until resolve() */
  readonly conflict: NotebookDoc | null
  /** keep ours (overwrite theirs) or take theirs; saving resumes */
  resolve(keep: 'mine' | 'theirs'): NotebookDoc | null
  /** call from the window's `storage` event */
  onStorage(key: string | null, value: string | null): void
}

export interface SaverEvents {
  /** another tab saved the notebook */
  onConflict(theirs: NotebookDoc): void
  /** a write failed (storage full or refused); the document stays pending and is tried again on the next change */
  onSaveFailed?(error: unknown): void
  /** a write succeeded (after a failure, the page may take its warning down) */
  onSaved?(): void
}

export function createSaver(storage: StorageLike, tab: string, events: SaverEvents | ((theirs: NotebookDoc) => void),
  timers: { set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void } = { set: (f, ms) => setTimeout(f, ms), clear: (h) => clearTimeout(h as number) }): Saver {
  const on: SaverEvents = typeof events === 'function' ? { onConflict: events } : events
  let pending: NotebookDoc | null = null
  let handle: unknown = null
  let conflict: NotebookDoc | null = null

  const write = () => {
    handle = null
    if (!pending || conflict) return
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify({ doc: pending, tab, at: Date.now() } satisfies Saved))
      pending = null
    } catch (e) {
      on.onSaveFailed?.(e)
      return
    }
    on.onSaved?.()
  }

  return {
    save(doc) {
      pending = doc
      if (handle !== null) timers.clear(handle)
      handle = timers.set(write, SAVE_DELAY_MS)
    },
    flush() {
      if (handle !== null) timers.clear(handle)
      write()
    },
    get conflict() {
      return conflict
    },
    resolve(keep) {
      const theirs = conflict
      conflict = null
      if (keep === 'mine') write()
      else pending = null
      return keep === 'theirs' ? theirs : null
    },
    onStorage(key, value) {
      if (key !== STORAGE_KEY || value === null) return
      try {
        const saved = JSON.parse(value) as Saved
        if (saved.tab === tab) return
        const r = readNotebookDoc(saved.doc)
        if (!r.ok) return
        conflict = r.doc
        on.onConflict(r.doc)
      } catch {
        // not ours to read
      }
    },
  }
}
