// Text edits over the JavaScript that sucrase produced, and the line map they build (line-map.ts).
import { lastRunAtOrBefore, type LineMap } from './line-map.ts'

// ---- Building the map: text edits over the JavaScript that sucrase produced ----

/** An insertion (start === end) or a replacement of one token; `text` holds no newline. */
export interface Edit {
  start: number
  end: number
  text: string
  /** Order among edits at the same offset: closers of inner nodes, then openers of outer ones. */
  rank: number
  /** The JavaScript offset that the inserted text maps to (defaults to start). */
  anchor?: number
}

export const closerRank = (depth: number) => 1000 - depth
export const openerRank = (depth: number) => 2000 + depth
export const REPLACE_RANK = 3000

/** Maps an offset of the JavaScript (type-stripped) text to the cell: [line (1-based), column (0-based)]. */
export type JsToCell = (offset: number) => [number, number]

export function applyEdits(js: string, edits: Edit[], jsToCell: JsToCell, sucraseRuns: SourceRuns): { code: string; map: LineMap } {
  edits.sort((a, b) => a.start - b.start || a.rank - b.rank)
  const parts: string[] = []
  const lines: number[][] = [[]]
  let genCol = 0
  let cursor = 0
  const jsLineStarts = lineStarts(js)
  let jsLine = 0

  const copy = (from: number, to: number) => {
    while (from < to) {
      while (jsLine + 1 < jsLineStarts.length && jsLineStarts[jsLine + 1] <= from) jsLine++
      const lineEnd = jsLine + 1 < jsLineStarts.length ? jsLineStarts[jsLine + 1] : js.length
      const stop = Math.min(to, lineEnd)
      addLinearRuns(lines[lines.length - 1], genCol, jsLine, from - jsLineStarts[jsLine], stop - from, sucraseRuns)
      parts.push(js.slice(from, stop))
      genCol += stop - from
      if (stop === lineEnd && lineEnd <= to && js[lineEnd - 1] === '\n') {
        lines.push([])
        genCol = 0
      }
      from = stop
    }
  }

  for (const e of edits) {
    if (e.start < cursor) throw new Error(`compile: overlapping edits at ${e.start}`)
    copy(cursor, e.start)
    if (e.text.length > 0) {
      const [line, col] = jsToCell(e.anchor ?? e.start)
      lines[lines.length - 1].push(genCol, line, col, 0)
      parts.push(e.text)
      genCol += e.text.length
    }
    cursor = e.end
  }
  copy(cursor, js.length)
  return { code: parts.join(''), map: { lines } }
}

/** sucrase's source map, decoded: for each JavaScript line, runs [jsColumn, cellLine (1-based), cellColumn]. */
export type SourceRuns = number[][]

function addLinearRuns(out: number[], genCol: number, jsLine: number, jsCol: number, length: number, runs: SourceRuns): void {
  const r = runs[jsLine]
  if (r === undefined || r.length === 0) {
    out.push(genCol, jsLine + 1, jsCol, 1)
    return
  }
  // The run that covers jsCol, then one more run at every sucrase boundary inside the span.
  // A binary search, not a scan from the line's start: one long line has as many runs as tokens.
  const k = lastRunAtOrBefore(r, 3, jsCol)
  if (k < 0) out.push(genCol, r[1], Math.max(0, r[2] - (r[0] - jsCol)), 1)
  else out.push(genCol, r[k + 1], r[k + 2] + (jsCol - r[k]), 1)
  for (let i = k < 0 ? 0 : k + 3; i < r.length && r[i] < jsCol + length; i += 3) {
    out.push(genCol + (r[i] - jsCol), r[i + 1], r[i + 2], 1)
  }
}

/** Where JavaScript offset `offset` came from in the cell, through sucrase's runs. */
export function makeJsToCell(js: string, runs: SourceRuns): JsToCell {
  const starts = lineStarts(js)
  return (offset) => {
    let lo = 0, hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    const col = offset - starts[lo]
    const r = runs[lo]
    if (r === undefined || r.length === 0) return [lo + 1, col]
    const k = Math.max(0, lastRunAtOrBefore(r, 3, col))
    return [r[k + 1], Math.max(0, r[k + 2] + (col - r[k]))]
  }
}

export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Decodes a source map's `mappings` (base64 VLQ) into SourceRuns for a single source. */
export function decodeMappings(mappings: string): SourceRuns {
  const out: SourceRuns = []
  let srcLine = 0, srcCol = 0
  for (const lineText of mappings.split(';')) {
    const runs: number[] = []
    let genCol = 0
    for (const seg of lineText.split(',')) {
      if (seg === '') continue
      const v = decodeVlq(seg)
      genCol += v[0]
      if (v.length >= 4) {
        srcLine += v[2]
        srcCol += v[3]
        runs.push(genCol, srcLine + 1, srcCol)
      }
    }
    out.push(runs)
  }
  return out
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function decodeVlq(seg: string): number[] {
  const values: number[] = []
  let value = 0, shift = 0
  for (let i = 0; i < seg.length; i++) {
    const digit = B64.indexOf(seg[i])
    value += (digit & 31) << shift
    if (digit & 32) shift += 5
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return values
}
