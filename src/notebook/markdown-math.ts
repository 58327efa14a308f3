// The math rule of markdown cells, as markdown-it rules (pandoc's rule, which Jupyter and VS Code
// follow closely):
// - `$$...$$` is display math: as a block when a line starts with `$$` (up to the line that ends
//   with `$$`, or on that one line), or inline within a paragraph.
// - `$...$` is inline math when the opening `$` is followed by a non-space character and the
//   closing `$` follows a non-space character and is not followed by a digit. So in
//   "costs $5 and $6" no `$` can close (each later one follows a space): the text stays as written.
// - `\$` is always a literal dollar sign, inside math too; inside code spans and code blocks a `$`
//   is just a character.
//
// Linear time. Looking for the closing `$` from every opening one is quadratic when none closes
// (40,000 ` $b` froze the page for 15.7 s), so each inline text is indexed once: the sorted
// offsets of every `$` that may close and of every unescaped `$$`, and a lookup is a binary search.
import type { StateBlock, StateInline } from 'markdown-it'

const DOLLAR = 0x24
const BACKSLASH = 0x5c

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
const isDigit = (c: number) => c >= 0x30 && c <= 0x39

interface DollarIndex {
  /** offsets of the unescaped `$` that may close inline math (non-space before, no digit after) */
  closers: number[]
  /** offsets of every unescaped `$` followed by another `$` */
  doubles: number[]
}

/** One pass over `src`: whether each `$` is escaped follows from the run of backslashes before it. */
export function indexDollars(src: string): DollarIndex {
  const closers: number[] = []
  const doubles: number[] = []
  let backslashes = 0
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i)
    if (c === DOLLAR && backslashes % 2 === 0) {
      if (i > 0 && !isSpace(src.charCodeAt(i - 1)) && !isDigit(src.charCodeAt(i + 1))) closers.push(i)
      if (src.charCodeAt(i + 1) === DOLLAR) doubles.push(i)
    }
    backslashes = c === BACKSLASH ? backslashes + 1 : 0
  }
  return { closers, doubles }
}

/** The first offset in the sorted `list` that is at least `from`, or -1. */
function firstAtLeast(list: readonly number[], from: number): number {
  let lo = 0, hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid] < from) lo = mid + 1
    else hi = mid
  }
  return lo < list.length ? list[lo] : -1
}

/** The next unescaped `$$` at or after `from` that ends by `max`, or -1. */
export function findDouble(index: DollarIndex, from: number, max: number): number {
  const i = firstAtLeast(index.doubles, from)
  return i !== -1 && i + 2 <= max ? i : -1
}

/** The closing `$` of inline math whose content starts at `start`, before `max`, or -1. */
export function findInlineClose(index: DollarIndex, start: number, max: number): number {
  const i = firstAtLeast(index.closers, start + 1)
  return i !== -1 && i < max ? i : -1
}

// One index per inline parse: markdown-it makes a StateInline per paragraph and parses link labels
// with the same one (and the same src).
const indexes = new WeakMap<StateInline, DollarIndex>()
function indexOf(state: StateInline): DollarIndex {
  let index = indexes.get(state)
  if (index === undefined) {
    index = indexDollars(state.src)
    indexes.set(state, index)
  }
  return index
}

export function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state
  if (src.charCodeAt(pos) !== DOLLAR) return false
  const index = indexOf(state)
  let content: string
  let display: boolean
  let next: number
  if (src.charCodeAt(pos + 1) === DOLLAR) {
    const end = findDouble(index, pos + 2, posMax)
    if (end === -1 || src.slice(pos + 2, end).trim() === '') return false
    content = src.slice(pos + 2, end)
    display = true
    next = end + 2
  } else {
    const start = pos + 1
    if (start >= posMax || isSpace(src.charCodeAt(start))) return false
    const end = findInlineClose(index, start, posMax)
    if (end === -1) return false
    content = src.slice(start, end)
    display = false
    next = end + 1
  }
  if (!silent) {
    const token = state.push('math_inline', 'math', 0)
    token.content = content
    token.markup = display ? '$$' : '$'
  }
  state.pos = next
  return true
}

/** The unescaped `$$` in one line of text, or -1 (lines are short-lived: no index is kept). */
function doubleInLine(text: string): number {
  return findDouble(indexDollars(text), 0, text.length)
}

export function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const src = state.src
  const begin = state.bMarks[startLine] + state.tShift[startLine]
  const max = state.eMarks[startLine]
  if (state.sCount[startLine] - state.blkIndent >= 4) return false // an indented code block
  if (!src.startsWith('$$', begin)) return false

  const first = src.slice(begin + 2, max)
  const closeOnFirst = doubleInLine(first)
  let lines: string[]
  let last = startLine
  if (closeOnFirst !== -1) {
    // `$$ ... $$` on one line: a block only if nothing follows the closing `$$`.
    if (first.slice(closeOnFirst + 2).trim() !== '' || first.slice(0, closeOnFirst).trim() === '') return false
    lines = [first.slice(0, closeOnFirst)]
  } else {
    lines = [first]
    let closed = false
    for (let line = startLine + 1; line < endLine; line++) {
      const from = state.bMarks[line] + state.tShift[line]
      const to = state.eMarks[line]
      if (from < to && state.sCount[line] < state.blkIndent) break // dedented out of a list item
      const text = src.slice(from, to).trimEnd()
      const close = doubleInLine(text)
      if (close !== -1) {
        if (close + 2 !== text.length) return false
        lines.push(text.slice(0, close))
        last = line
        closed = true
        break
      }
      lines.push(text)
    }
    if (!closed) return false
  }
  if (silent) return true

  const token = state.push('math_block', 'math', 0)
  token.block = true
  token.content = lines.join('\n').trim()
  token.markup = '$$'
  token.map = [startLine, last + 1]
  state.line = last + 1
  return true
}
