// Markdown cells: CommonMark by markdown-it, math by KaTeX, and the whole HTML sanitised by
// DOMPurify at the end, so that nothing a markdown cell holds can run script (raw HTML is allowed,
// as in Jupyter, minus scripts, event handlers, javascript: URLs, style sheets and forms).
//
// The math rule (pandoc's, which Jupyter and VS Code follow closely):
// - `$$...$$` is display math: as a block when a line starts with `$$` (up to the line that ends
//   with `$$`, or on that one line), or inline within a paragraph.
// - `$...$` is inline math when the opening `$` is followed by a non-space character and the
//   closing `$` follows a non-space character and is not followed by a digit. So in
//   "costs $5 and $6" no `$` can close (each later one follows a space): the text stays as written.
// - `\$` is always a literal dollar sign, inside math too; inside code spans and code blocks a `$`
//   is just a character.
// - A formula KaTeX cannot parse is shown as its source in red, with KaTeX's message as a tooltip.
//
// Sanitising needs a DOM: the page's `window`, or jsdom/happy-dom in tests.
import MarkdownIt from 'markdown-it'
import type { StateBlock, StateInline, Token } from 'markdown-it'
import katex from 'katex'
import DOMPurify from 'dompurify'
import type { Config, DOMPurify as Purifier } from 'dompurify'

const DOLLAR = 0x24
const BACKSLASH = 0x5c

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
const isDigit = (c: number) => c >= 0x30 && c <= 0x39

/** Whether the character at `pos` is escaped by an odd number of backslashes before it. */
function isEscaped(src: string, pos: number): boolean {
  let n = 0
  while (pos - n - 1 >= 0 && src.charCodeAt(pos - n - 1) === BACKSLASH) n++
  return n % 2 === 1
}

/** The next unescaped `$$` at or after `from` and before `max`, or -1. */
function findDouble(src: string, from: number, max: number): number {
  for (let i = src.indexOf('$$', from); i !== -1 && i + 2 <= max; i = src.indexOf('$$', i + 1)) {
    if (!isEscaped(src, i)) return i
  }
  return -1
}

/** The closing `$` of inline math opened just before `start`, by the rule above, or -1. */
function findInlineClose(src: string, start: number, max: number): number {
  for (let i = src.indexOf('$', start); i !== -1 && i < max; i = src.indexOf('$', i + 1)) {
    if (i === start || isEscaped(src, i)) continue
    if (!isSpace(src.charCodeAt(i - 1)) && !isDigit(src.charCodeAt(i + 1))) return i
  }
  return -1
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state
  if (src.charCodeAt(pos) !== DOLLAR) return false
  let content: string
  let display: boolean
  let next: number
  if (src.charCodeAt(pos + 1) === DOLLAR) {
    const end = findDouble(src, pos + 2, posMax)
    if (end === -1 || src.slice(pos + 2, end).trim() === '') return false
    content = src.slice(pos + 2, end)
    display = true
    next = end + 2
  } else {
    const start = pos + 1
    if (start >= posMax || isSpace(src.charCodeAt(start))) return false
    const end = findInlineClose(src, start, posMax)
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

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const src = state.src
  const begin = state.bMarks[startLine] + state.tShift[startLine]
  const max = state.eMarks[startLine]
  if (state.sCount[startLine] - state.blkIndent >= 4) return false // an indented code block
  if (!src.startsWith('$$', begin)) return false

  const first = src.slice(begin + 2, max)
  const closeOnFirst = findDouble(first, 0, first.length)
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
      const close = findDouble(text, 0, text.length)
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

function tex(source: string, displayMode: boolean): string {
  try {
    return katex.renderToString(source, {
      displayMode,
      throwOnError: false, // a parse error renders as red source with the message as its title
      trust: false, // no \href to javascript:, no \htmlId, \includegraphics and the like
      strict: 'ignore',
      output: 'htmlAndMathml',
    })
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return `<code class="math-error" title="${escapeHtml(message)}">${escapeHtml(source)}</code>`
  }
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const md = new MarkdownIt({ html: true, linkify: false, typographer: false })
md.inline.ruler.before('escape', 'math_inline', mathInline)
md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] })
md.renderer.rules.math_inline = (tokens: Token[], idx: number) => tex(tokens[idx].content, tokens[idx].markup === '$$')
md.renderer.rules.math_block = (tokens: Token[], idx: number) => `<div class="math-block">${tex(tokens[idx].content, true)}</div>\n`

const PURIFY_CONFIG: Config = {
  // KaTeX's MathML keeps the TeX source in <semantics><annotation>, which DOMPurify leaves out by
  // default; plain <annotation> holds text only (unlike <annotation-xml>, which stays forbidden).
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['encoding'],
  // Nothing in a cell may restyle the app or post a form.
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option'],
}

let purifier: Purifier | undefined

function sanitizer(): Purifier {
  if (purifier) return purifier
  if (typeof window === 'undefined' || !window.document) {
    throw new Error('renderMarkdown needs a DOM to sanitise HTML: run it in the page, or in a jsdom test environment')
  }
  const p = DOMPurify(window)
  // Links to other sites open in a new tab, so following one never leaves the notebook.
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && /^https?:\/\//i.test(node.getAttribute('href') ?? '')) {
      node.setAttribute('target', '_blank')
      node.setAttribute('rel', 'noopener noreferrer')
    }
  })
  purifier = p
  return p
}

/** A markdown cell's source as sanitised HTML, with `$...$` and `$$...$$` math rendered by KaTeX. */
export function renderMarkdown(source: string): string {
  return sanitizer().sanitize(md.render(source), PURIFY_CONFIG)
}
