// The line map of a compiled cell, and the text edits that build it.
//
// Compiling never adds or removes a newline, so line N of the compiled code is line N of the
// cell. Columns move (types are stripped, operators become calls), so each compiled line keeps
// runs of columns that translate back to the cell's own columns. A LineMap is plain data: it can
// cross postMessage with the code, and `toCellPosition` reads it on either side.

/** A position in a cell or in compiled code: both 1-based, as editors and stack traces count. */
export interface CellPosition {
  line: number
  column: number
}

/**
 * For each line of the compiled code (index 0 is line 1), runs of four numbers
 * `[generatedColumn, cellLine, cellColumn, linear]`, sorted by generatedColumn, with 0-based
 * columns and a 1-based cellLine. A linear run moves on with the generated column (copied text);
 * a constant one (`linear` 0) maps its whole span to one cell position (inserted text, such as the
 * `__sg.mul(` that an operator became, maps to the operator).
 */
export interface LineMap {
  lines: number[][]
}

/** Translates a 1-based line and column of compiled code to the cell's own line and column. */
export function toCellPosition(map: LineMap, line: number, column: number): CellPosition {
  const runs = map.lines[line - 1]
  if (runs === undefined || runs.length === 0) return { line, column }
  const col = column - 1
  let k = 0
  for (let i = 4; i < runs.length && runs[i] <= col; i += 4) k = i
  if (runs[k] > col) return { line: runs[k + 1], column: runs[k + 2] + 1 }
  const offset = runs[k + 3] === 1 ? col - runs[k] : 0
  return { line: runs[k + 1], column: runs[k + 2] + offset + 1 }
}

// ---- Runtime errors: from a stack trace back to the cell ----

/**
 * How many lines the engine puts before the body of `new AsyncFunction('__sg', code)`: V8 and
 * SpiderMonkey both build `async function anonymous(__sg\n) {\n` + code, so code line 1 is line 3
 * of the function's source and of its stack frames. `measureLineOffset()` checks it at run time.
 */
export const CELL_LINE_OFFSET = 2

/** Measures CELL_LINE_OFFSET on this engine, from the stack of an Error made in such a body. */
export function measureLineOffset(): number {
  const url = '__sg_probe.js'
  const probe = new Function('__sg', `return new Error('probe')\n//# sourceURL=${url}`) as (x: unknown) => Error
  const frame = firstFrame(probe(null).stack ?? '', url)
  return frame === null ? CELL_LINE_OFFSET : frame.line - 1
}

/**
 * The cell position of the innermost stack frame that belongs to the cell: the first frame whose
 * file is `sourceURL` (the name given to `compile`), with `lineOffset` lines before the body.
 * Null when no frame is the cell's (an error thrown before the cell started, say).
 */
export function cellPositionFromStack(stack: string, map: LineMap, sourceURL: string, lineOffset = CELL_LINE_OFFSET): CellPosition | null {
  const frame = firstFrame(stack, sourceURL)
  if (frame === null) return null
  const line = frame.line - lineOffset
  if (line < 1 || line > map.lines.length) return null
  return toCellPosition(map, line, frame.column)
}

function firstFrame(stack: string, url: string): CellPosition | null {
  // V8: "at f (cell-3.ts:5:16)" or "at cell-3.ts:5:16"; SpiderMonkey and JavaScriptCore: "f@cell-3.ts:5:16".
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const m = new RegExp(`(?:^|[\\s(@])${escaped}:(\\d+):(\\d+)`, 'm').exec(stack)
  return m === null ? null : { line: Number(m[1]), column: Number(m[2]) }
}

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
  let k = -1
  for (let i = 0; i < r.length && r[i] <= jsCol; i += 3) k = i
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
    let k = 0
    for (let i = 3; i < r.length && r[i] <= col; i += 3) k = i
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
