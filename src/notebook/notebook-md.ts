// The notebook as Markdown: markdown cells as they are, code cells as ```ts fences, one blank line
// between cells. Reading takes every ```ts (or ```typescript) fence as a code cell and the text
// between fences as markdown cells; other fences (```python, ~~~) stay inside the markdown. Two
// markdown cells in a row are kept apart by a `<!-- cell -->` line, which renders as nothing.
import { makeDoc, type DocCell } from './notebook-doc.ts'
import type { FileRead } from './ipynb.ts'

const CODE_INFO = /^(ts|typescript|tsx)$/i
const CELL_BREAK = '<!-- cell -->'

export function toMarkdown(cells: readonly DocCell[]): string {
  return cells.map((c, i) => {
    if (c.kind === 'markdown') return (cells[i - 1]?.kind === 'markdown' ? `${CELL_BREAK}\n\n` : '') + c.source.replace(/\s+$/, '')
    // a fence longer than any run of backticks inside the code, as CommonMark allows
    const longest = Math.max(2, ...[...c.source.matchAll(/`+/g)].map((m) => m[0].length))
    const fence = '`'.repeat(longest + 1)
    return `${fence}ts\n${c.source.replace(/\n$/, '')}\n${fence}`
  }).join('\n\n') + '\n'
}

export function readMarkdown(text: string): FileRead {
  if (text.trim() === '') return { ok: false, message: 'This file cannot be opened as a notebook: it is empty.' }
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const cells: DocCell[] = []
  let prose: string[] = []
  const flushProse = () => {
    const source = prose.join('\n').replace(/^\s*\n/, '').replace(/\s+$/, '')
    if (source !== '') cells.push({ kind: 'markdown', source })
    prose = []
  }
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/.exec(lines[i])
    if (lines[i].trim() === CELL_BREAK) {
      flushProse()
      continue
    }
    if (!open) {
      prose.push(lines[i])
      continue
    }
    const fence = open[1]
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`)
    let j = i + 1
    while (j < lines.length && !close.test(lines[j])) j++
    if (fence[0] === '`' && CODE_INFO.test(open[2])) {
      flushProse()
      cells.push({ kind: 'code', source: lines.slice(i + 1, j).join('\n') })
    } else {
      prose.push(...lines.slice(i, j + 1))
    }
    i = j
  }
  flushProse()
  return { ok: true, doc: makeDoc(cells) }
}
