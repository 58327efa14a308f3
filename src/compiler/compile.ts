// Compiles one notebook cell from TypeScript to the JavaScript that the worker runs.
//
// Steps: sucrase strips the types (keeping every line where it was), acorn parses the result, and
// text edits rewrite it (compile-rewrite.ts): SimpleGrad's operators, node labels from variable
// names, and the notebook scope. A LineMap translates positions back to the cell.
//
// ## Calling convention
//
//   const AsyncFunction = (async () => {}).constructor
//   const r = compile(source, { sourceURL: 'cell-3.ts' })
//   if (!r.ok) show(r.error)                    // { message, line, column } of the cell, 1-based
//   else await new AsyncFunction('__sg', r.code)(runtime)
//
// - `code` is the body of an async function with one parameter, `__sg`: the runtime object of
//   operators.ts (`createRuntime()`), which provides add sub mul div pow xor neg label (operators
//   and node labels) and def put constant read (the notebook scope). The body is strict mode and
//   may use top-level `await`; its promise settles when the cell's top level has run.
// - The notebook scope is the global object. Top-level names that a cell declares become
//   properties of `globalThis` through `__sg.def/put/constant` (createRuntime's target), and any
//   name that the cell does not declare (println, Value, an earlier cell's variable) is read from
//   the global object. So the worker installs the runtime globals (Value, Tensor, backward,
//   println...) as configurable properties of its globalThis, keeps its own code out of
//   script-level let/const (a module worker or a bundled IIFE does), and runs cells one at a time.
//   Declaring a name again in a later cell replaces it, as in a REPL.
// - Names that begin with `__sg` are reserved for the runtime and the compiler's temporaries.
//
// ## Positions
//
// Line N of `code` is line N of the cell; `toCellPosition(map, line, column)` gives the cell's
// column. A runtime error's stack names the frames of the cell by `sourceURL`; their line counts
// the function header too: `new AsyncFunction('__sg', code)` puts CELL_LINE_OFFSET (2) lines before
// the body in V8 and SpiderMonkey, and `measureLineOffset()` checks it on the running engine. So
// `cellPositionFromStack(error.stack, map, sourceURL)` is the cell's line and column of the error.
import { parse } from 'acorn'
import type * as acorn from 'acorn'
import { transform } from 'sucrase'
import { applyEdits, decodeMappings, lineStarts, makeJsToCell, type JsToCell } from './compile-map.ts'
import type { LineMap } from './line-map.ts'
import { rewrite, RewriteError } from './compile-rewrite.ts'
import { analyze, type AnnotationOf } from './compile-scope.ts'
import { NOT_NODE } from './compile-types.ts'

export { toCellPosition, cellPositionFromStack, measureLineOffset, CELL_LINE_OFFSET, type LineMap, type CellPosition } from './line-map.ts'

export interface CompileOptions {
  /** Names the code in stack traces (appended as `//# sourceURL=`); use one name per cell. */
  sourceURL?: string
}

/** A message about the cell, at its own 1-based line and column. */
export interface CompileMessage {
  message: string
  line: number
  column: number
}

export type CompileResult =
  | {
    ok: true
    /** The body of `async function (__sg) { ... }`; see the calling convention above. */
    code: string
    /** The names this cell declares at its top level, which later cells will see. */
    declared: string[]
    map: LineMap
    /** Things that run but probably do not mean what they seem, such as `x^2 + 1`. */
    warnings: CompileMessage[]
  }
  | { ok: false; error: CompileMessage }

export function compile(source: string, opts: CompileOptions = {}): CompileResult {
  const ts = source.replace(/\r\n?/g, '\n')
  const tsStarts = lineStarts(ts)
  const at = (offset: number): { line: number; column: number } => {
    let line = 0
    while (line + 1 < tsStarts.length && tsStarts[line + 1] <= offset) line++
    return { line: line + 1, column: offset - tsStarts[line] + 1 }
  }

  let js: string
  let jsToCell: JsToCell
  let runs: number[][]
  try {
    const out = transform(ts, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true, filePath: 'cell.ts', sourceMapOptions: { compiledFilename: 'cell.js' } })
    js = out.code
    runs = decodeMappings(out.sourceMap?.mappings ?? '')
    jsToCell = makeJsToCell(js, runs)
  } catch (e) {
    const pos = (e as { pos?: number }).pos
    return failure(cleanMessage(e), typeof pos === 'number' ? at(pos) : { line: 1, column: 1 })
  }
  const cellAt = (offset: number) => {
    const [line, col] = jsToCell(offset)
    return { line, column: col + 1 }
  }

  let program: acorn.Program
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, preserveParens: true })
  } catch (e) {
    const pos = (e as { pos?: number }).pos
    return failure(cleanMessage(e), typeof pos === 'number' ? cellAt(pos) : { line: 1, column: 1 })
  }

  for (const s of program.body) {
    if (s.type === 'ImportDeclaration' || s.type.startsWith('Export')) {
      return failure('import and export are not available in a cell: the cells share one scope, so a later cell already sees what an earlier one declares', cellAt(s.start))
    }
  }

  try {
    const analysis = analyze(program, annotationReader(ts, tsStarts, jsToCell))
    if (analysis.reserved !== null) {
      return failure(`the name ${analysis.reserved.name} is reserved: names that begin with __sg belong to the notebook's runtime`, cellAt(analysis.reserved.start))
    }
    const { edits, warnings } = rewrite(program, js, analysis)
    const { code, map } = applyEdits(js, edits, jsToCell, runs)
    return {
      ok: true,
      code: opts.sourceURL ? `${code}\n//# sourceURL=${opts.sourceURL}` : code,
      declared: analysis.topLevel.map((b) => b.name),
      map,
      warnings: warnings.map((w) => ({ message: w.message, ...cellAt(w.offset) })),
    }
  } catch (e) {
    if (e instanceof RewriteError) return failure(e.message, cellAt(e.offset))
    return failure(`internal compiler error: ${(e as Error).message}`, { line: 1, column: 1 })
  }
}

function failure(message: string, pos: { line: number; column: number }): CompileResult {
  return { ok: false, error: { message, line: pos.line, column: pos.column } }
}

/** Parser messages end in "(line:column)" of their own input; the position is reported apart. */
function cleanMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  return message.replace(/\s*\(\d+:\d+\)\s*$/, '')
}

const ANNOTATION = new RegExp(
  '^\\s*[?!]?\\s*:\\s*(?:readonly\\s+)?'
  + '(number|string|boolean|bigint|Float64Array|Float32Array|Int8Array|Int16Array|Int32Array|Uint8Array|Uint16Array|Uint32Array|Uint8ClampedArray|(?:Readonly)?Array\\s*<\\s*number\\s*>)'
  + '((?:\\s*\\[\\s*\\])*)',
)

/**
 * Reads a declared type that says "never a node" from the TypeScript text after an identifier:
 * `x: number` (0), `a: number[]` or `a: Float64Array` (1: its elements are numbers), `m: number[][]` (2).
 * Anything else (`Value`, `number | Value`, no annotation) is null.
 */
function annotationReader(ts: string, tsStarts: number[], jsToCell: JsToCell): AnnotationOf {
  return (id) => {
    const [line, col] = jsToCell(id.start)
    const start = (tsStarts[line - 1] ?? 0) + col
    if (!ts.startsWith(id.name, start)) return null
    const rest = ts.slice(start + id.name.length, start + id.name.length + 200)
    const m = ANNOTATION.exec(rest)
    if (m === null) return null
    // The type must end there: `number | Value` is not `number`.
    const after = /^\s*/.exec(rest.slice(m[0].length))![0]
    const next = rest.charAt(m[0].length + after.length)
    const ends = next === '' || '=,;)}'.includes(next) || (after.includes('\n') && !'|&[<.'.includes(next))
    if (!ends) return null
    const base = /^(number|string|boolean|bigint)$/.test(m[1]) ? NOT_NODE : 1
    return base + (m[2].match(/\[/g)?.length ?? 0)
  }
}
