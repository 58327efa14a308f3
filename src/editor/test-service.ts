// For tests in Node: the editor's checking of a notebook with the `typescript` package instead of
// Monaco's worker: the same composites, declarations and feature mapping.
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { CellFeatures } from './cell-features.ts'
import { cellUri, ENGINE_LIB, SNIPPET_COMPILER_OPTIONS, SNIPPET_LIB } from './compiler-options.ts'
import { NotebookFiles } from './composite.ts'
import { generateEngineDeclarations } from './dts-gen.ts'
import { OPERATORS_DTS, RUNTIME_DTS } from './snippet-lib.ts'

let engine: string | undefined
export const engineDeclarations = () => (engine ??= generateEngineDeclarations(ts, `${process.cwd()}/src/engine/index.ts`).text)

export interface TestNotebook {
  features: CellFeatures
  uris: string[]
  /** replace a cell's text (and the notebook's copy of it) */
  edit(index: number, text: string): void
  /** the errors of one cell as `line:column message` */
  errors(index: number): string[]
  /** the hover text at the first occurrence of `needle` in a cell (plus `at` characters) */
  hover(index: number, needle: string, at?: number): string | undefined
}

export function testNotebook(cells: string[]): TestNotebook {
  const texts = new Map<string, string>()
  const uris = cells.map((_, i) => cellUri(`c${i}`))
  uris.forEach((u, i) => texts.set(u, cells[i]))
  const files = new NotebookFiles(ts)
  const sync = () => files.setNotebook(uris.map((uri) => ({ uri, text: texts.get(uri)! })))
  sync()
  const libs = new Map([[ENGINE_LIB, engineDeclarations()], [SNIPPET_LIB, RUNTIME_DTS + OPERATORS_DTS]])
  const options = ts.convertCompilerOptionsFromJson({ ...SNIPPET_COMPILER_OPTIONS, target: 'esnext', module: 'esnext' }, '').options
  const read = (f: string): string | undefined => {
    const cell = texts.get(f)
    if (cell !== undefined) return files.composite(f, cell).text
    if (libs.has(f)) return libs.get(f)
    try {
      return readFileSync(f, 'utf8')
    } catch {
      return undefined
    }
  }
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...uris, ...libs.keys()],
    getScriptVersion: (f) => (texts.has(f) ? String(files.version(f, texts.get(f)!)) : '1'),
    getScriptSnapshot: (f) => {
      const t = read(f)
      return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t)
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => read(f) !== undefined,
    readFile: read,
  }
  const ls = ts.createLanguageService(host)
  const features = new CellFeatures(ts, () => ls, files, (u) => texts.get(u))
  const lineCol = (text: string, offset: number) => {
    const before = text.slice(0, offset).split('\n')
    return `${before.length}:${before.at(-1)!.length + 1}`
  }
  return {
    features,
    uris,
    edit(index, text) {
      texts.set(uris[index], text)
      sync()
    },
    errors(index) {
      const uri = uris[index]
      const all = [...features.syntacticDiagnostics(uri)!, ...features.semanticDiagnostics(uri)!]
      return all.map((d) => `${lineCol(texts.get(uri)!, d.start!)} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
    },
    hover(index, needle, at = 0) {
      const text = texts.get(uris[index])!
      const i = text.indexOf(needle)
      if (i < 0) throw new Error(`no ${needle} in cell ${index}`)
      const info = features.quickInfo(uris[index], i + at)
      return info && ts.displayPartsToString(info.displayParts)
    },
  }
}
