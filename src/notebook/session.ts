// Which document the page opens, and where it came from: the user's own saved notebook, or a
// shared link or example that is shown without touching the saved one.
import { exampleById } from '../examples/index.ts'
import type { ParsedLink } from './links.ts'
import { makeDoc, type NotebookDoc } from './notebook-doc.ts'

export type DocOrigin =
  | { kind: 'mine' }
  | { kind: 'shared' }
  /** a file the user opened (.ipynb or .md); shown like a shared notebook until kept */
  | { kind: 'file'; name: string }
  | { kind: 'example'; id: string; title: string }

export interface Opening {
  doc: NotebookDoc
  origin: DocOrigin
  /** a sentence for the page when the link could not be opened (nothing was lost) */
  problem?: string
  /** a sentence for the page when the link opened with a doubt (it looks cut off) */
  warning?: string
}

export function exampleDoc(id: string): NotebookDoc | null {
  const ex = exampleById(id)
  return ex ? makeDoc(ex.cells) : null
}

export function openDocument(link: ParsedLink, saved: NotebookDoc | null): Opening {
  const mine = (): Opening => ({ doc: saved ?? exampleDoc('welcome')!, origin: { kind: 'mine' } })
  switch (link.kind) {
    case 'code':
      return { doc: link.doc, origin: { kind: 'shared' }, warning: link.warning }
    case 'notebook':
      return { doc: link.doc, origin: { kind: 'shared' } }
    case 'example': {
      const ex = exampleById(link.id)
      if (!ex) return { ...mine(), problem: `There is no example called “${link.id}”.` }
      return { doc: makeDoc(ex.cells), origin: { kind: 'example', id: ex.id, title: ex.title } }
    }
    case 'error':
      return { ...mine(), problem: link.message }
    case 'none':
      return mine()
  }
}
