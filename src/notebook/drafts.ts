// Changes made to notebooks that are not the user's own (a shared link, an example), kept aside in
// storage so that opening another link, going back to the user's notebook, or reloading loses
// none of them. The page offers each again ("Open my changes") until it is kept or dropped.
import { readNotebookDoc, type NotebookDoc } from './notebook-doc.ts'
import type { StorageLike } from './persist.ts'
import type { DocOrigin } from './session.ts'

export const DRAFTS_KEY = 'simplegrad-playground:changed-shared'
/** The oldest kept changes go first past this many. */
export const MAX_DRAFTS = 10

export interface Draft {
  id: string
  doc: NotebookDoc
  origin: DocOrigin
  /** when it was last changed (ms since the epoch) */
  at: number
}

/** The kept changes, newest first; anything unreadable is left out. */
export function loadDrafts(storage: StorageLike): Draft[] {
  try {
    const raw = JSON.parse(storage.getItem(DRAFTS_KEY) || '[]') as unknown
    if (!Array.isArray(raw)) return []
    const out: Draft[] = []
    for (const d of raw as Array<Partial<Draft>>) {
      const doc = readNotebookDoc(d?.doc)
      const origin = d?.origin
      if (!doc.ok || typeof d.id !== 'string' || typeof d.at !== 'number' || !isOrigin(origin)) continue
      out.push({ id: d.id, doc: doc.doc, origin, at: d.at })
    }
    return out.sort((a, b) => b.at - a.at).slice(0, MAX_DRAFTS)
  } catch {
    return []
  }
}

/** Writes the kept changes; false when the storage refused them. */
export function storeDrafts(storage: StorageLike, drafts: readonly Draft[]): boolean {
  try {
    storage.setItem(DRAFTS_KEY, JSON.stringify(drafts.slice(0, MAX_DRAFTS)))
    return true
  } catch {
    return false
  }
}

/** A line about kept changes: where they came from and how they begin. */
export function describeDraft(d: Draft): string {
  const from = d.origin.kind === 'example' ? `the example “${d.origin.title}”`
    : d.origin.kind === 'file' ? `the file “${d.origin.name}”` : 'a shared notebook'
  const first = d.doc.cells.map((c) => c.source.trim().split('\n')[0]).find((l) => l !== '') ?? ''
  const start = first.length > 48 ? `${first.slice(0, 48)}…` : first
  return start ? `Your changes to ${from} (“${start}”)` : `Your changes to ${from}`
}

function isOrigin(o: unknown): o is DocOrigin {
  if (typeof o !== 'object' || o === null) return false
  const r = o as Record<string, unknown>
  return r.kind === 'shared' || (r.kind === 'example' && typeof r.id === 'string' && typeof r.title === 'string') ||
    (r.kind === 'file' && typeof r.name === 'string')
}
