// Markdown cells: CommonMark by markdown-it, math by KaTeX (the rule is in markdown-math.ts), and
// the HTML sanitised by DOMPurify, so that nothing a markdown cell holds can run script, restyle or
// cover the app, load anything from elsewhere, or pass for the app's own elements. Raw HTML is
// allowed, as in Jupyter, minus: scripts, event handlers, javascript: URLs, style sheets and
// `style` attributes, forms, `id`/`name`/`data-*`/`aria-*`/`role` attributes (they can clobber the
// app's ids and test hooks, or name a control as the app's), classes (except a code block's
// `language-*`), anything that holds `url(...)`, and media from other origins. A remote image
// becomes a sentence that says so; a link to another origin opens in a new tab, without an opener
// or a referrer.
//
// KaTeX's output needs its own inline styles (sizes and offsets), so formulas are typeset apart and
// put into the sanitised tree afterwards, in slots that the cell's own HTML cannot forge (their
// name holds a random nonce). Their styles are checked too: only the properties KaTeX writes, with
// plain lengths and colours as values. A formula KaTeX cannot parse is shown as its source in red,
// with KaTeX's message as a tooltip.
//
// Sanitising needs a DOM: the page's `window`, or jsdom/happy-dom in tests.
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import katex from 'katex'
import DOMPurify from 'dompurify'
import type { Config, DOMPurify as Purifier, UponSanitizeAttributeHookEvent } from 'dompurify'
import { mathBlock, mathInline } from './markdown-math.ts'

/** Past these, a cell's formulas are shown as their source: typesetting is the slow part. */
export const MATH_LIMITS = { formulas: 300, formulaChars: 5000 } as const

function tex(source: string, displayMode: boolean): string {
  try {
    return katex.renderToString(source, {
      displayMode,
      throwOnError: false, // a parse error renders as red source with the message as its title
      trust: false, // no \href to javascript:, no \htmlId, \includegraphics and the like
      strict: 'ignore',
      maxSize: 20, // em: no \rule or \kern the size of the page
      maxExpand: 1000, // macro expansions: no \def that doubles itself forever
      output: 'htmlAndMathml',
    })
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return `<code class="math-error" title="${escapeHtml(message)}">${escapeHtml(source)}</code>`
  }
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')


interface RenderEnv {
  nonce: string
  formulas: { source: string; display: boolean; block: boolean }[]
}

/** A slot for formula n: an empty span that the sanitiser keeps only with this render's nonce. */
function slot(env: RenderEnv, source: string, display: boolean, block: boolean): string {
  env.formulas.push({ source, display, block })
  return `<span data-sg-math="${env.nonce}-${env.formulas.length - 1}"></span>`
}

const md = new MarkdownIt({ html: true, linkify: false, typographer: false })
md.inline.ruler.before('escape', 'math_inline', mathInline)
md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] })
md.renderer.rules.math_inline = (tokens: Token[], idx: number, _o, env) =>
  slot(env as unknown as RenderEnv, tokens[idx].content, tokens[idx].markup === '$$', false)
md.renderer.rules.math_block = (tokens: Token[], idx: number, _o, env) => `${slot(env as unknown as RenderEnv, tokens[idx].content, true, true)}\n`

// The cell's own HTML.
const USER_CONFIG: Config = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option',
    'video', 'audio', 'source', 'track', 'picture', 'image', 'use', 'feImage'],
  FORBID_ATTR: ['style', 'id', 'name', 'role', 'target', 'srcset', 'background', 'poster', 'ping',
    'tabindex', 'accesskey', 'autofocus', 'contenteditable', 'slot', 'popover', 'form'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
}

// KaTeX's output. KaTeX keeps the TeX source in <semantics><annotation>, which DOMPurify leaves
// out by default; plain <annotation> holds text only (unlike <annotation-xml>, still forbidden).
const MATH_CONFIG: Config = {
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['encoding'],
  FORBID_ATTR: ['id', 'name'],
  ALLOW_DATA_ATTR: false,
}

/** The properties KaTeX writes into `style`, and values made of lengths, numbers and colour names. */
const KATEX_PROPERTY = /^(?:(?:min-|max-)?(?:width|height)|top|bottom|left|right|vertical-align|color|background-color|(?:margin|padding)(?:-(?:left|right|top|bottom))?|border(?:-(?:left|right|top|bottom))?(?:-(?:width|style|color))?)$/
const PLAIN_VALUE = /^[-\w.#% ]*$/

function katexStyle(style: string): string {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter((d) => {
      const colon = d.indexOf(':')
      return colon > 0 && KATEX_PROPERTY.test(d.slice(0, colon).trim().toLowerCase()) && PLAIN_VALUE.test(d.slice(colon + 1).trim())
    })
    .join(';')
}

let purifiers: { user: Purifier; math: Purifier } | undefined
/** The nonce of the render in progress, for the user purifier's hook. */
let currentNonce = ''

function sanitizers(): { user: Purifier; math: Purifier } {
  if (purifiers) return purifiers
  if (typeof window === 'undefined' || !window.document) {
    throw new Error('renderMarkdown needs a DOM to sanitise HTML: run it in the page, or in a jsdom test environment')
  }
  const user = DOMPurify(window)
  user.addHook('uponSanitizeAttribute', (_node, data: UponSanitizeAttributeHookEvent) => {
    if (data.attrName === 'data-sg-math') {
      data.forceKeepAttr = currentNonce !== '' && new RegExp(`^${currentNonce}-\\d+$`).test(data.attrValue)
      data.keepAttr = data.forceKeepAttr
      return
    }
    if (data.attrName === 'class') {
      data.attrValue = data.attrValue.split(/\s+/).filter((c) => /^language-[\w+-]+$/.test(c)).join(' ')
      if (data.attrValue === '') data.keepAttr = false
    }
    // CSS functions reach other origins (`fill="url(https://...)"`) wherever CSS is parsed.
    if (/url\s*\(|image-set\s*\(|expression\s*\(/i.test(data.attrValue)) data.keepAttr = false
  })
  const math = DOMPurify(window)
  math.addHook('uponSanitizeAttribute', (_node, data: UponSanitizeAttributeHookEvent) => {
    if (data.attrName === 'style') {
      data.attrValue = katexStyle(data.attrValue)
      if (data.attrValue === '') data.keepAttr = false
    }
  })
  purifiers = { user, math }
  return purifiers
}

function randomNonce(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return `m${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * A markdown cell's source as sanitised HTML, with `$...$` and `$$...$$` math rendered by KaTeX.
 * `pageUrl` decides which links and images are the app's own (same origin).
 */
export function renderMarkdown(source: string, pageUrl: string = window.location.href): string {
  const { user, math } = sanitizers()
  const env: RenderEnv = { nonce: randomNonce(), formulas: [] }
  const html = md.render(source, env as unknown as Record<string, unknown>)
  currentNonce = env.nonce
  let tree: DocumentFragment
  try {
    tree = user.sanitize(html, { ...USER_CONFIG, RETURN_DOM_FRAGMENT: true })
  } finally {
    currentNonce = ''
  }
  const doc = window.document
  const page = new URL(pageUrl)

  placeFormulas(tree, env.formulas, math)
  for (const img of tree.querySelectorAll('img')) {
    const where = resolve(img.getAttribute('src') ?? '', page)
    if (where !== null && (where.protocol === 'data:' || where.origin === page.origin)) continue
    const note = doc.createElement('span')
    note.className = 'remote-image'
    const alt = img.getAttribute('alt')
    note.textContent = `remote image not loaded: ${where?.host || 'unknown address'}${alt ? ` (“${alt}”)` : ''}`
    note.title = 'Images from other sites are not shown: loading one would tell that site who reads this notebook.'
    img.replaceWith(note)
  }

  for (const a of tree.querySelectorAll('a, area')) {
    const href = a.getAttribute('href') ?? a.getAttribute('xlink:href')
    if (href === null) continue
    const where = resolve(href, page)
    if (where !== null && where.origin === page.origin && /^https?:$/.test(where.protocol)) continue
    if (a.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      a.removeAttribute('href') // an SVG link cannot be told to drop its opener
      a.removeAttribute('xlink:href')
      continue
    }
    // Links to other sites open in a new tab, so following one never leaves the notebook.
    if (where !== null && /^https?:$/.test(where.protocol)) a.setAttribute('target', '_blank')
    a.setAttribute('rel', 'noopener noreferrer')
  }

  const out = doc.createElement('div')
  out.append(tree)
  return out.innerHTML
}

/**
 * Typesets the formulas into their slots: each distinct one once, and all of them through one
 * sanitiser call (each in a wrapper span of its own), since sanitising is the slow part.
 */
function placeFormulas(tree: DocumentFragment, formulas: RenderEnv['formulas'], math: Purifier): void {
  const doc = window.document
  const slots = [...tree.querySelectorAll('[data-sg-math]')]
  const distinct = new Map<string, number>()
  const keyOf = (f: RenderEnv['formulas'][number]) => `${f.display ? 'D' : 'I'}${f.source}`
  const html: string[] = []
  slots.forEach((el, i) => {
    const f = formulas[slotNumber(el)]
    if (f === undefined || i >= MATH_LIMITS.formulas || f.source.length > MATH_LIMITS.formulaChars) return
    const key = keyOf(f)
    if (distinct.has(key)) return
    distinct.set(key, html.length)
    html.push(`<span>${tex(f.source, f.display)}</span>`)
  })
  const typeset = html.length > 0 ? [...math.sanitize(html.join(''), { ...MATH_CONFIG, RETURN_DOM_FRAGMENT: true }).children] : []

  slots.forEach((el, i) => {
    const f = formulas[slotNumber(el)]
    if (f === undefined) return el.remove()
    const k = i < MATH_LIMITS.formulas ? distinct.get(keyOf(f)) : undefined
    let out: Node
    if (k === undefined || typeset[k] === undefined) {
      const code = doc.createElement('code')
      code.className = 'math-untypeset'
      code.title = i >= MATH_LIMITS.formulas
        ? `Not typeset: this cell has more than ${MATH_LIMITS.formulas} formulas.`
        : `Not typeset: this formula is longer than ${MATH_LIMITS.formulaChars} characters.`
      code.textContent = f.source
      out = code
    } else {
      const frag = doc.createDocumentFragment()
      frag.append(...[...typeset[k].childNodes].map((n) => n.cloneNode(true)))
      out = frag
    }
    if (f.block) {
      const div = doc.createElement('div')
      div.className = 'math-block'
      div.append(out)
      out = div
    }
    el.replaceWith(out)
  })
}

const slotNumber = (el: Element) => Number(/-(\d+)$/.exec(el.getAttribute('data-sg-math') ?? '')?.[1] ?? -1)

function resolve(url: string, page: URL): URL | null {
  try {
    return new URL(url, page)
  } catch {
    return null
  }
}
