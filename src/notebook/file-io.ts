// Files in and out: the notebook downloaded as .ipynb or Markdown, and a dropped or picked file
// read back. Pure (bytes in, a document or a sentence out), so every refusal is unit-tested.
import { readIpynb, toIpynb, type ExportCell, type FileRead } from './ipynb.ts'
import { readMarkdown, toMarkdown } from './notebook-md.ts'

export type ExportFormat = 'ipynb' | 'markdown'

/** Larger files are refused before reading: no notebook of this app comes near it. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export const IMPORT_ACCEPT = '.ipynb,.md,.markdown,application/x-ipynb+json,text/markdown'

export interface ExportedFile {
  name: string
  mime: string
  text: string
}

export function exportNotebook(format: ExportFormat, cells: readonly ExportCell[], baseName = 'simplegrad-notebook'): ExportedFile {
  const base = baseName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'simplegrad-notebook'
  return format === 'ipynb'
    ? { name: `${base}.ipynb`, mime: 'application/x-ipynb+json', text: toIpynb(cells) }
    : { name: `${base}.md`, mime: 'text/markdown', text: toMarkdown(cells) }
}

/** Reads a file the user opened. A refusal names the file and says what was wrong. */
export function readNotebookFile(name: string, bytes: Uint8Array): FileRead {
  const refuse = (why: string): FileRead => ({ ok: false, message: `“${name}” was not opened: ${why}` })
  if (bytes.length > MAX_IMPORT_BYTES) return refuse(`it is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, larger than a notebook can be (${MAX_IMPORT_BYTES / 1024 / 1024} MB).`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return refuse('it is not a text file (a notebook is .ipynb or .md text).')
  }
  // eslint-disable-next-line no-control-regex -- control characters mark a binary file
  if (/[\u0000-\u0008\u000E-\u001A]/.test(text)) return refuse('it is not a text file (a notebook is .ipynb or .md text).')
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
  const asJson = ext === 'ipynb' || ext === 'json' || (ext === undefined && text.trimStart().startsWith('{'))
  const asMarkdown = ext === 'md' || ext === 'markdown' || ext === 'txt'
  if (!asJson && !asMarkdown) return refuse('only Jupyter notebooks (.ipynb) and Markdown files (.md) can be opened.')
  const r = asJson ? readIpynb(text) : readMarkdown(text)
  return r.ok ? r : refuse(r.message.replace(/^This file cannot be opened as a notebook: /, ''))
}
