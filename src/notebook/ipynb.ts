// The notebook as a Jupyter file (nbformat 4.5): code cells are TypeScript (the tslab kernel's
// name, so Jupyter with a TypeScript kernel opens it ready to run), markdown stays markdown, and a
// cell's printed lines travel as a stdout stream, its error as an error output. Reading accepts
// any nbformat 4 file: raw cells become markdown, outputs are dropped (they are re-made by running).
import { makeDoc, type DocCell, type NotebookDoc } from './notebook-doc.ts'
import type { CellOutput } from './types.ts'

export type FileRead = { ok: true; doc: NotebookDoc } | { ok: false; message: string }

/** What the exporter needs of a cell: its document fields, and its output when it ran. */
export interface ExportCell extends DocCell {
  id?: string
  output?: CellOutput
  collapsed?: boolean
}

const KERNEL = { name: 'tslab', display_name: 'TypeScript' }
const LANGUAGE = { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript', codemirror_mode: 'typescript' }

/** nbformat's multiline string: one string per line, each keeping its "\n" except the last. */
export function toLines(text: string): string[] {
  if (text === '') return []
  const parts = text.split('\n')
  return parts.map((p, i) => (i < parts.length - 1 ? `${p}\n` : p)).filter((p) => p !== '')
}

export function toIpynb(cells: readonly ExportCell[], title?: string): string {
  const used = new Set<string>()
  const idFor = (c: ExportCell, i: number) => {
    // nbformat ids: 1-64 of [a-zA-Z0-9-_], unique in the notebook
    let id = (c.id ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64) || `cell-${i + 1}`
    while (used.has(id)) id = `${id.slice(0, 60)}-${i + 1}`
    used.add(id)
    return id
  }
  const nb = {
    cells: cells.map((c, i) => {
      const base = { id: idFor(c, i), source: toLines(c.source) }
      if (c.kind === 'markdown') return { cell_type: 'markdown', ...base, metadata: {} }
      return {
        cell_type: 'code', ...base,
        metadata: c.collapsed ? { collapsed: true, jupyter: { outputs_hidden: true } } : {},
        execution_count: null,
        outputs: c.output ? outputsOf(c.output) : [],
      }
    }),
    metadata: { kernelspec: KERNEL, language_info: LANGUAGE, ...(title ? { title } : {}), simplegrad: { v: 1 } },
    nbformat: 4,
    nbformat_minor: 5,
  }
  return `${JSON.stringify(nb, null, 1)}\n`
}

function outputsOf(o: CellOutput): unknown[] {
  const out: unknown[] = []
  const text = [...o.lines, ...(o.omitted ? [`… ${o.omitted} lines left out …`] : []), ...o.tail].join('\n') + (o.partial ? `\n${o.partial}` : '')
  if (text.replace(/\n/g, '') !== '' || o.lines.length > 0) out.push({ output_type: 'stream', name: 'stdout', text: toLines(`${text}\n`) })
  if (o.error) out.push({ output_type: 'error', ename: o.error.name, evalue: o.error.message, traceback: [`${o.error.name}: ${o.error.message}`] })
  return out
}

/** Reads a .ipynb file's text. Anything that is not an nbformat 4 notebook is refused, saying why. */
export function readIpynb(text: string): FileRead {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return fail(`it is not valid JSON${e instanceof Error ? ` (${e.message})` : ''}`)
  }
  if (!isRecord(json)) return fail('it is not a notebook object')
  if (json.nbformat !== 4) {
    const v = json.nbformat
    return fail(typeof v === 'number' ? `it uses nbformat ${v}; this app reads nbformat 4 (save it from a recent Jupyter)` : 'it has no "nbformat" version, so it is not a Jupyter notebook')
  }
  if (!Array.isArray(json.cells)) return fail('it has no list of cells')
  const cells: DocCell[] = []
  for (let i = 0; i < json.cells.length; i++) {
    const c: unknown = json.cells[i]
    if (!isRecord(c)) return fail(`cell ${i + 1} is not a cell object`)
    const source = sourceText(c.source)
    if (source === null) return fail(`cell ${i + 1} has a source that is not text`)
    if (c.cell_type === 'code') cells.push({ kind: 'code', source })
    else if (c.cell_type === 'markdown' || c.cell_type === 'raw') cells.push({ kind: 'markdown', source })
    else return fail(`cell ${i + 1} has the type ${JSON.stringify(c.cell_type)}; a cell is "code", "markdown" or "raw"`)
  }
  if (cells.length === 0) return fail('it has no cells')
  return { ok: true, doc: makeDoc(cells) }
}

function sourceText(s: unknown): string | null {
  if (typeof s === 'string') return s
  if (Array.isArray(s) && s.every((x) => typeof x === 'string')) return s.join('')
  return null
}

function fail(reason: string): FileRead {
  return { ok: false, message: `This file cannot be opened as a notebook: ${reason}.` }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}
