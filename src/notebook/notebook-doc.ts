// The notebook as a document: what a #notebook/ link (and anything else that saves a notebook)
// carries, and the one place that reads it back. Pure: no DOM, no storage.
//
// Versions. Every document written today is `{ v: 1, cells }`. Reading goes through READERS, one
// function per version that turns that version's JSON into today's NotebookDoc. When the format
// changes, add `2: readV2` and change `readV1` to upgrade what it reads; every v1 link keeps opening.
// A document without `v` but with `cells` is read as v1: v1 is the only format that may omit it, so
// this is unambiguous, and it lets hand-written or older tool output open. Fields a reader does not
// know (on the document or on a cell) are dropped, so additions within a version stay compatible.

export type CellKind = 'code' | 'markdown'

export interface DocCell {
  kind: CellKind
  source: string
}

export interface NotebookDoc {
  v: 1
  cells: DocCell[]
}

export const NOTEBOOK_VERSION = 1

/** Why a value is not a notebook: `version` (a format this app cannot read) or `shape`. */
export type DocProblem = 'version' | 'shape'

export type DocResult =
  | { ok: true; doc: NotebookDoc }
  | { ok: false; what: DocProblem; message: string }

type Reader = (raw: Record<string, unknown>) => DocResult

const READERS: Record<number, Reader> = {
  1: readV1,
}

/** A notebook with the given cells, in today's format. */
export function makeDoc(cells: readonly DocCell[]): NotebookDoc {
  return { v: NOTEBOOK_VERSION, cells: cells.map(({ kind, source }) => ({ kind, source })) }
}

/** Checks parsed JSON (any version this app knows) and returns it as today's NotebookDoc. */
export function readNotebookDoc(raw: unknown): DocResult {
  if (!isRecord(raw)) return shape(`it is ${describe(raw)}, not a notebook object`)
  const version = 'v' in raw ? raw.v : 'cells' in raw ? 1 : undefined
  if (version === undefined) return shape('it has neither a version ("v") nor a list of cells')
  if (typeof version !== 'number') {
    return {
      ok: false,
      what: 'version',
      message: `Its format version is ${describe(version)}, not a number; this app reads format v${NOTEBOOK_VERSION}.`,
    }
  }
  const reader = Object.hasOwn(READERS, version) ? READERS[version] : undefined
  if (!reader) {
    const newer = version > NOTEBOOK_VERSION ? ' It was probably made by a newer version of this app.' : ''
    return {
      ok: false,
      what: 'version',
      message: `It uses notebook format v${version}, which this app cannot read (it reads v${NOTEBOOK_VERSION}).${newer}`,
    }
  }
  return reader(raw)
}

function readV1(raw: Record<string, unknown>): DocResult {
  const cells = raw.cells
  if (!Array.isArray(cells)) {
    return shape(cells === undefined ? 'it has no list of cells' : `its "cells" is ${describe(cells)}, not a list`)
  }
  const out: DocCell[] = []
  for (let i = 0; i < cells.length; i++) {
    const cell: unknown = cells[i]
    const name = `cell ${i + 1}`
    if (!isRecord(cell)) return shape(`${name} is ${describe(cell)}, not a cell object`)
    if (cell.kind !== 'code' && cell.kind !== 'markdown') {
      const got = cell.kind === undefined ? 'has no kind' : `has kind ${describe(cell.kind)}`
      return shape(`${name} ${got}; a cell is "code" or "markdown"`)
    }
    if (typeof cell.source !== 'string') {
      const got = cell.source === undefined ? 'has no source' : `has a source that is ${describe(cell.source)}`
      return shape(`${name} ${got}, not text`)
    }
    out.push({ kind: cell.kind, source: cell.source })
  }
  return { ok: true, doc: { v: 1, cells: out } }
}

function shape(reason: string): DocResult {
  return { ok: false, what: 'shape', message: `It is not a notebook: ${reason}.` }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** A short, human description of a JSON value, for error messages. */
function describe(x: unknown): string {
  if (x === null) return 'null'
  if (Array.isArray(x)) return 'a list'
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)
  if (typeof x === 'number' || typeof x === 'boolean') return String(x)
  if (typeof x === 'object') return 'an object'
  return typeof x
}
