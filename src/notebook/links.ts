// Share links (CONTRACT.md section 3): a pure codec. The page passes in `location`; nothing here
// touches the DOM, so every format and every broken link is unit-tested in Node.
//
//   /#code/<lz>       one code cell; <lz> = LZString.compressToEncodedURIComponent(source)
//   /#notebook/<lz>   <lz> compresses JSON.stringify({ v: 1, cells: [{ kind, source }] })
//   /#example/<id>    a bundled example, checked against the ids the caller passes in
//   ?run=1  ?embed=1  before the `#`: run once opened; the embed view
//
// The view (the selected graph and the stepper's step) travels as two more query parameters,
// `?graph=0&step=7`. The contract says the app ignores query parameters it does not know, so a
// link with a view still opens, as the same notebook, in a build that knows nothing of views; the
// hash stays exactly the contract's payload; and the view survives a link whose hash was cut off.
//
// Links pass through chat apps, mail and markdown. What they do to a link is undone when the
// result is unambiguous: %-escapes (even doubled), a `+` turned into a space, line breaks or
// zero-width characters inside, and punctuation, brackets or whitespace appended at the end (none
// of them can end an lz payload, whose alphabet is A-Z a-z 0-9 + -). Query parameters written
// after the hash (`#code/...?run=1`) are read too, as are `&amp;`-escaped ones.

import LZString from 'lz-string'
import { decompressBounded } from './lz-bounded.ts'
import { makeDoc, readNotebookDoc, type NotebookDoc } from './notebook-doc.ts'

/** Past this many characters, Share warns that some apps may cut the link. */
export const LINK_WARN_LENGTH = 8000

/**
 * What a link may carry. A link is a stranger's input that the page decodes before it draws, so
 * each of these is a bound on the work: a 12 KB link can decompress to 20 MB, and 10,000 cells
 * keep the page busy for minutes. The tutorials use a few dozen cells of a few thousand characters.
 */
export const LINK_LIMITS = {
  /** characters of the hash itself */
  linkChars: 4_000_000,
  /** characters of the decompressed text (a #code/ cell's source, or a #notebook/'s JSON): 2 MiB */
  textChars: 2_097_152,
  cells: 200,
  /** characters of one cell's source: 1 MiB */
  cellChars: 1_048_576,
} as const

/** The parts of `window.location` that a link lives in. */
export interface LinkLocation {
  hash: string
  search: string
}

/** What the link shows besides the notebook: which graph is selected, and the stepper's step. */
export interface LinkView {
  graph?: number
  step?: number
}

export interface LinkFlags {
  /** `?run=1`: run the notebook once it has opened. */
  run: boolean
  /** `?embed=1`: cells, outputs and graph, without the app's chrome. */
  embed: boolean
  /** Present when the link names a graph or a step. */
  view?: LinkView
}

/** What was wrong with a link that cannot be opened. */
export type LinkProblem = 'empty' | 'characters' | 'compression' | 'json' | 'version' | 'shape' | 'example' | 'size'

export type ParsedLink = LinkFlags &
  (
    | { kind: 'none' }
    /** `warning` is set when the code opened but the link looks cut off (it may be incomplete). */
    | { kind: 'code'; doc: NotebookDoc; warning?: string }
    | { kind: 'notebook'; doc: NotebookDoc }
    | { kind: 'example'; id: string }
    /** `link` is the hash as it arrived, so the page can show it or offer to copy it. */
    | { kind: 'error'; what: LinkProblem; message: string; link: string }
  )

export interface ShareOptions {
  /** `location.origin`, e.g. `https://example.org`. */
  origin: string
  /** `location.pathname`, e.g. `/` or `/playground/`. */
  pathname: string
  run?: boolean
  embed?: boolean
  view?: LinkView
}

export interface ShareLink {
  url: string
  length: number
  /** Longer than LINK_WARN_LENGTH: some chat apps and browsers may cut it. */
  tooLong: boolean
  /** `code` for a notebook of exactly one code cell, else `notebook`. */
  format: 'code' | 'notebook'
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** The shortest link that holds the notebook: #code/ for one code cell, #notebook/ otherwise. */
export function makeShareLink(doc: NotebookDoc, opts: ShareOptions): ShareLink {
  const format = doc.cells.length === 1 && doc.cells[0].kind === 'code' ? 'code' : 'notebook'
  const payload =
    format === 'code'
      ? LZString.compressToEncodedURIComponent(doc.cells[0].source)
      : LZString.compressToEncodedURIComponent(JSON.stringify(makeDoc(doc.cells)))
  const query: string[] = []
  if (opts.run) query.push('run=1')
  if (opts.embed) query.push('embed=1')
  const { graph, step } = opts.view ?? {}
  if (isIndex(graph)) query.push(`graph=${graph}`)
  if (isIndex(step)) query.push(`step=${step}`)
  const search = query.length > 0 ? `?${query.join('&')}` : ''
  const url = `${opts.origin}${opts.pathname}${search}#${format}/${payload}`
  return { url, length: url.length, tooLong: url.length > LINK_WARN_LENGTH, format }
}

// ---------------------------------------------------------------------------------------------
// Decoding

// lz-string's URI alphabet also lists `$`, but only as base64 padding, which this encoding never writes.
const isLzChar = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d
const isAlphanumeric = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
const LZ_FOREIGN = /[^A-Za-z0-9+-]/
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]+/g
const INVISIBLE_ONE = /[\s\u200B-\u200D\u2060\uFEFF]/
/** Lone surrogates or control characters other than tab, line breaks and form feed. */
const NOT_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000E-\u001F]/
/**
 * Up to this payload length, a #code/ link is checked for being cut off (see `cutShort`). The
 * check decodes a second time, so longer payloads skip it to stay inside the 100 ms budget; a
 * #notebook/ link needs no such check, since a cut-off JSON document does not parse.
 */
const CHECK_CUT_MAX_PAYLOAD = 100_000
/** LZString.compressToEncodedURIComponent(''). */
const EMPTY_SOURCE = 'Q'

/** Reads a link. `knownExamples` are the ids that `#example/<id>` may name. */
export function parseLocation(loc: LinkLocation, knownExamples: readonly string[]): ParsedLink {
  if (loc.hash.length > LINK_LIMITS.linkChars) {
    return {
      kind: 'error',
      what: 'size',
      message: `This link is ${count(loc.hash.length)} characters long, more than the ${count(LINK_LIMITS.linkChars)} a link may have, so it was not opened.`,
      link: loc.hash.slice(0, 200),
      ...readFlags('', loc.search),
    }
  }
  const hash = cleanEnds(percentDecode(loc.hash.replace(/^#/, '')))
  const match = /^(code|notebook|example)(?:\/|$)/i.exec(hash)
  const body = match ? hash.slice(match[0].length) : ''
  // Query parameters pasted after the hash count too; those before it win.
  const cut = body.search(/[?&]/)
  const hashQuery = cut >= 0 ? body.slice(cut + 1) : ''
  const flags = readFlags(hashQuery, loc.search)
  if (!match) return { kind: 'none', ...flags }

  const format = match[1].toLowerCase() as 'code' | 'notebook' | 'example'
  const payload = cut >= 0 ? body.slice(0, cut) : body
  const fail = (what: LinkProblem, message: string): ParsedLink => ({
    kind: 'error',
    what,
    message,
    link: loc.hash,
    ...flags,
  })

  if (format === 'example') {
    const id = trimEndWhere(payload, (c) => !isAlphanumeric(c)).toLowerCase()
    if (id === '') return fail('empty', 'This link has no example name after #example/.')
    const known = knownExamples.find((k) => k.toLowerCase() === id)
    if (known === undefined) {
      const list = knownExamples.length > 0 ? ` The examples are: ${knownExamples.join(', ')}.` : ''
      return fail('example', `This link asks for the example "${id}", which does not exist.${list}`)
    }
    return { kind: 'example', id: known, ...flags }
  }

  // Trailing junk first, so a space before it is not mistaken for a `+`.
  const lz = trimEndWhere(payload, (c) => !isLzChar(c))
    .replace(INVISIBLE, (s) => (/^ +$/.test(s) ? '+'.repeat(s.length) : ''))
  if (lz === '') {
    return fail(
      'empty',
      `This link has nothing after #${format}/: the notebook it should carry is missing. ` +
        'It may have been cut off when it was copied.',
    )
  }
  const foreign = LZ_FOREIGN.exec(lz)
  if (foreign) {
    return fail(
      'characters',
      `This link's notebook contains "${foreign[0]}" (character ${foreign.index + 1} after #${format}/), ` +
        'which no share link contains. It may have been changed when it was copied.',
    )
  }
  const text = decompress(lz)
  if (text === 'too-long') {
    return fail('size', `This link's notebook is larger than ${count(LINK_LIMITS.textChars)} characters once decompressed, more than a link may carry, so it was not opened.`)
  }
  if (text === null) {
    const message = "This link's notebook could not be decompressed: it may have been cut off when it was copied."
    return fail('compression', message)
  }

  if (format === 'code') {
    if (text.length > LINK_LIMITS.cellChars) return fail('size', tooLongCell(text.length, ''))
    const doc = makeDoc([{ kind: 'code', source: text }])
    if (lz.length <= CHECK_CUT_MAX_PAYLOAD && cutShort(lz, text)) {
      const warning = 'This link may have been cut off when it was copied: the code may be incomplete.'
      return { kind: 'code', doc, warning, ...flags }
    }
    return { kind: 'code', doc, ...flags }
  }

  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const detail = e instanceof Error ? ` (${e.message})` : ''
    return fail(
      'json',
      `This link's notebook was decompressed but is not valid JSON${detail}: ` +
        'it may have been cut off or changed when it was copied.',
    )
  }
  const read = readNotebookDoc(json)
  if (!read.ok) return fail(read.what, `This link's notebook cannot be opened. ${read.message}`)
  const { cells } = read.doc
  if (cells.length > LINK_LIMITS.cells) {
    return fail('size', `This link's notebook has ${count(cells.length)} cells, more than the ${count(LINK_LIMITS.cells)} a shared notebook may have, so it was not opened.`)
  }
  const long = cells.findIndex((c) => c.source.length > LINK_LIMITS.cellChars)
  if (long >= 0) return fail('size', tooLongCell(cells[long].source.length, ` (cell ${long + 1})`))
  return { kind: 'notebook', doc: read.doc, ...flags }
}

function tooLongCell(length: number, which: string): string {
  return `This link's code${which} is ${count(length)} characters long, more than the ${count(LINK_LIMITS.cellChars)} a cell may have, so it was not opened.`
}

const count = (n: number) => n.toLocaleString('en-US')

/**
 * The decompressed text, null when the payload is not lz-string output, or 'too-long'. A damaged
 * payload may decode to "", but "" is also what the empty source's encoding, `Q`, decodes to.
 */
function decompress(lz: string): string | null | 'too-long' {
  const out = decompressBounded(lz, LINK_LIMITS.textChars)
  if (!out.ok) return out.why === 'too-long' ? 'too-long' : null
  const text = out.text
  if ((text === '' && lz !== EMPTY_SOURCE) || NOT_TEXT.test(text)) return null
  return text
}

function lzDecompress(lz: string): string | null {
  const out = decompressBounded(lz, LINK_LIMITS.textChars + 1)
  return out.ok ? out.text : null
}

/**
 * Whether `text` came out of a payload that was cut off. lz-string reads zero bits past the end of
 * its input, so a payload cut inside the end-of-stream code can still "end", yielding the start of
 * the code. A payload that ends where it should never needs those bits: appending a character of
 * all one-bits ('-') then changes nothing. Losing only a final padding character is no loss.
 */
function cutShort(lz: string, text: string): boolean {
  return lzDecompress(`${lz}-`) !== text
}

function readFlags(hashQuery: string, search: string): LinkFlags {
  const params = new Map<string, string>()
  for (const source of [hashQuery, search.replace(/^\?/, '')]) {
    for (const [rawKey, value] of new URLSearchParams(source)) {
      params.set(rawKey.replace(/^(amp;)+/i, '').trim().toLowerCase(), cleanValue(value))
    }
  }
  const flag = (key: string) => {
    const value = params.get(key)
    return value !== undefined && ['', '1', 'true', 'yes', 'on'].includes(value)
  }
  const index = (key: string) => {
    const value = params.get(key)
    return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined
  }
  const flags: LinkFlags = { run: flag('run'), embed: flag('embed') }
  const graph = index('graph')
  const step = index('step')
  if (graph !== undefined || step !== undefined) {
    flags.view = {}
    if (graph !== undefined) flags.view.graph = graph
    if (step !== undefined) flags.view.step = step
  }
  return flags
}

/** `1).` -> `1`, ` True ` -> `true`. */
function cleanValue(value: string): string {
  return trimEndWhere(value.trim(), (c) => !isAlphanumeric(c)).toLowerCase()
}

/**
 * `s` without the characters at its end for which `drop` holds. A loop, where a regex such as
 * /[^A-Za-z0-9]+$/ retries from every position of a long run that is not at the end: quadratic.
 */
function trimEndWhere(s: string, drop: (charCode: number) => boolean): string {
  let end = s.length
  while (end > 0 && drop(s.charCodeAt(end - 1))) end--
  return end === s.length ? s : s.slice(0, end)
}

/** Undoes %-escapes, doubled ones too (`%252B` -> `+`). Never throws: a run of escapes that is
 * not UTF-8 keeps its non-ASCII bytes escaped. */
function percentDecode(s: string): string {
  for (let i = 0; i < 3 && s.includes('%'); i++) {
    const next = s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      }
    })
    if (next === s) break
    s = next
  }
  return s
}

/** Strips whitespace and invisible characters around the hash (by loops: see trimEndWhere). */
function cleanEnds(s: string): string {
  const invisible = (c: number) => INVISIBLE_ONE.test(String.fromCharCode(c))
  let start = 0
  while (start < s.length && invisible(s.charCodeAt(start))) start++
  return trimEndWhere(s.slice(start), invisible)
}

function isIndex(n: number | undefined): n is number {
  return n !== undefined && Number.isInteger(n) && n >= 0
}
