// The engine's declarations for the editor, generated from its source at build time: TypeScript
// emits a declaration file per engine module (doc comments included, `@internal` members left
// out), and dts-flatten.ts makes one global script of them. Of the engine's values, only the
// snippet globals that the worker installs (runtime/globals.ts) are declared; its types all are. Runs in Node (the Vite plugin in
// scripts/editor-dts-plugin.ts, and tests), with the `typescript` package passed in.
import { ENGINE_GLOBALS } from '../runtime/globals.ts'
import { flattenDeclarations } from './dts-flatten.ts'
import type { TsApi } from './op-rewrite.ts'

export interface EngineDeclarations {
  /** one global script: the entry's snippet globals and its types */
  text: string
  /** the engine's source files that went into it (for watching) */
  sources: string[]
}

const HEADER = '// The SimpleGrad engine, as snippets see it. Generated from src/engine by src/editor/dts-gen.ts: do not edit.\n'

/** `entry` is an absolute path, e.g. `/repo/src/engine/index.ts`. */
export function generateEngineDeclarations(ts: TsApi, entry: string): EngineDeclarations {
  const options = {
    declaration: true,
    emitDeclarationOnly: true,
    stripInternal: true,
    removeComments: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  }
  const normalize = (f: string) => f.replace(/\\/g, '/')
  const root = normalize(entry).replace(/\/[^/]*$/, '/')
  const program = ts.createProgram([entry], options)
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error)
  if (errors.length > 0) {
    const first = errors[0]
    const where = first.file ? `${first.file.fileName}: ` : ''
    throw new Error(`engine declarations: ${where}${ts.flattenDiagnosticMessageText(first.messageText, '\n')}`)
  }
  const checker = program.getTypeChecker()
  const entryFile = program.getSourceFile(entry)
  const moduleSymbol = entryFile && checker.getSymbolAtLocation(entryFile)
  if (!moduleSymbol) throw new Error(`engine declarations: no module at ${entry}`)
  const values = new Set<string>()
  for (const sym of checker.getExportsOfModule(moduleSymbol)) {
    const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym
    if (target.flags & ts.SymbolFlags.Value) values.add(sym.name)
  }
  const missing = ENGINE_GLOBALS.filter((name) => !values.has(name))
  if (missing.length > 0) throw new Error(`engine declarations: the snippet globals ${missing.join(', ')} are not exported by ${entry}`)
  const globals = new Set<string>(ENGINE_GLOBALS)
  const keep = (name: string) => globals.has(name) || !values.has(name)
  const files = new Map<string, string>()
  const result = program.emit(undefined, (_name, text, _bom, _err, sources) => {
    const src = sources?.[0]
    if (src) files.set(normalize(src.fileName), text)
  }, undefined, true)
  if (result.emitSkipped) throw new Error('engine declarations: TypeScript skipped the emit')
  const sources = program.getSourceFiles().map((f) => normalize(f.fileName)).filter((f) => f.startsWith(root) && !f.endsWith('.d.ts'))
  return { text: HEADER + flattenDeclarations(ts, files, normalize(entry), keep), sources }
}
