// The line map of a compiled cell. The worker imports only this file of the compiler (no acorn, no sucrase).
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
  const k = Math.max(0, lastRunAtOrBefore(runs, 4, col))
  if (runs[k] > col) return { line: runs[k + 1], column: runs[k + 2] + 1 }
  const offset = runs[k + 3] === 1 ? col - runs[k] : 0
  return { line: runs[k + 1], column: runs[k + 2] + offset + 1 }
}

/**
 * The index of the last run of `stride` numbers whose first number (a column; runs are sorted by
 * it) is at most `col`, or -stride when none is. Binary, so that mapping every token of one long line
 * stays linear overall.
 */
export function lastRunAtOrBefore(runs: readonly number[], stride: number, col: number): number {
  let lo = 0, hi = runs.length / stride // answer in [lo - 1, hi - 1]: runs before lo are <= col
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (runs[mid * stride] <= col) lo = mid + 1
    else hi = mid
  }
  return (lo - 1) * stride
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

