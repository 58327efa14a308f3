// The engine's declarations for the editor, generated from its source at build time: TypeScript
// emits a declaration file per engine module (doc comments included, `@internal` members left
// out), and dts-flatten.ts makes one global script of them. Runs in Node (the Vite plugin in
// scripts/editor-dts-plugin.ts, and tests), with the `typescript` package passed in.
import { flattenDeclarations } from './dts-flatten.ts'
import type { TsApi } from './op-rewrite.ts'

export interface EngineDeclarations {
  /** one global script: every export of the entry is a global */
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
  const files = new Map<string, string>()
  const result = program.emit(undefined, (_name, text, _bom, _err, sources) => {
    const src = sources?.[0]
    if (src) files.set(normalize(src.fileName), text)
  }, undefined, true)
  if (result.emitSkipped) throw new Error('engine declarations: TypeScript skipped the emit')
  const sources = program.getSourceFiles().map((f) => normalize(f.fileName)).filter((f) => f.startsWith(root) && !f.endsWith('.d.ts'))
  return { text: HEADER + flattenDeclarations(ts, files, normalize(entry)), sources }
}
