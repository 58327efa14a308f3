// REPL semantics for the type checker. Each code cell is checked as one file: the top-level
// declarations of the cells above it, each cell's in a block nested in the previous one's, then
// the cell itself in the innermost block. So a later cell sees earlier names, and declaring a name
// again shadows it, as running it replaces it, with the right type in each cell:
//
//   {                                   // cell 1's declarations
//   const x = Value(4.0)
//   {                                   // cell 2's declarations
//   const x = Tensor([2.0, 3.0])
//   {                                   // the cell being checked
//   const y = x * x                     // x is the Tensor
//   }}}
//   export {}                           // a module: top-level await, no names leak across files
//
// Only declarations are copied from earlier cells (not their other statements), operators
// rewritten as in the cell (op-rewrite.ts). Positions map back to the cell, or to the earlier
// cell that a copied declaration came from.
import { rewriteOperators, type Rewrite, type TsApi } from './op-rewrite.ts'

export interface NotebookCell {
  uri: string
  text: string
}

interface PreludePiece {
  /** range in the composite */
  start: number
  end: number
  uri: string
  /** where the copied text starts in that cell's rewritten text */
  genStart: number
  rewrite: Rewrite
}

export interface Composite {
  uri: string
  /** the text that the language service reads */
  text: string
  /** the cell's rewritten text is text[start, end) */
  start: number
  end: number
  rewrite: Rewrite
  prelude: PreludePiece[]
}

export interface CellOffset {
  uri: string
  offset: number
}

export class NotebookFiles {
  private cells: NotebookCell[] = []
  private rewrites = new Map<string, Rewrite>()
  private declarations = new Map<string, Array<{ start: number; end: number }>>()
  private composites = new Map<string, { key: string; composite: Composite; version: number }>()
  private notebookVersion = 0

  constructor(private readonly ts: TsApi) {}

  /** The code cells in notebook order (markdown cells left out). */
  setNotebook(cells: readonly NotebookCell[]): void {
    const same = cells.length === this.cells.length && cells.every((c, i) => c.uri === this.cells[i].uri && c.text === this.cells[i].text)
    if (same) return
    this.cells = cells.map((c) => ({ ...c }))
    this.notebookVersion++
    const live = new Set(cells.map((c) => c.text))
    for (const t of this.rewrites.keys()) if (!live.has(t)) this.rewrites.delete(t)
    for (const t of this.declarations.keys()) if (!live.has(t)) this.declarations.delete(t)
    const uris = new Set(cells.map((c) => c.uri))
    for (const u of this.composites.keys()) if (!uris.has(u)) this.composites.delete(u)
  }

  /** The notebook's copy of a cell's text. */
  textOf(uri: string): string | undefined {
    return this.cells.find((c) => c.uri === uri)?.text
  }

  isCell(uri: string): boolean {
    return this.cells.some((c) => c.uri === uri) || /^file:\/\/\/cells\//.test(uri)
  }

  /** The composite for a cell whose current text is `text` (its own model may be newer than the notebook's copy). */
  composite(uri: string, text: string): Composite {
    const key = `${this.notebookVersion}\u0000${text}`
    const cached = this.composites.get(uri)
    if (cached?.key === key) return cached.composite
    const composite = this.build(uri, text)
    const version = cached && cached.composite.text === composite.text ? cached.version : (cached?.version ?? 0) + 1
    this.composites.set(uri, { key, composite, version })
    return composite
  }

  /** Changes whenever the composite's text does. */
  version(uri: string, text: string): number {
    this.composite(uri, text)
    return this.composites.get(uri)!.version
  }

  /** The composite last built for `uri`, if any (to map positions in another cell's file). */
  lastComposite(uri: string): Composite | undefined {
    return this.composites.get(uri)?.composite
  }

  private rewrite(text: string): Rewrite {
    let r = this.rewrites.get(text)
    if (!r) this.rewrites.set(text, (r = rewriteOperators(this.ts, text)))
    return r
  }

  /** The ranges of a cell's top-level declarations in its rewritten text, with their doc comments. */
  private topLevelDeclarations(text: string): Array<{ start: number; end: number }> {
    let d = this.declarations.get(text)
    if (d) return d
    const ts = this.ts
    const gen = this.rewrite(text).text
    const sf = ts.createSourceFile('cell.ts', gen, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
    d = sf.statements
      .filter((s) => ts.isVariableStatement(s) || ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)
        || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s))
      .map((s) => ({ start: s.pos, end: s.end }))
    this.declarations.set(text, d)
    return d
  }

  private build(uri: string, text: string): Composite {
    const index = this.cells.findIndex((c) => c.uri === uri)
    const earlier = index >= 0 ? this.cells.slice(0, index) : this.cells.filter((c) => c.uri !== uri)
    const prelude: PreludePiece[] = []
    let out = ''
    for (const cell of earlier) {
      out += '{\n'
      const rewrite = this.rewrite(cell.text)
      for (const d of this.topLevelDeclarations(cell.text)) {
        prelude.push({ start: out.length, end: out.length + (d.end - d.start), uri: cell.uri, genStart: d.start, rewrite })
        out += rewrite.text.slice(d.start, d.end) + '\n'
      }
    }
    out += '{\n'
    const rewrite = this.rewrite(text)
    const start = out.length
    out += rewrite.text
    const end = out.length
    out += `\n${'}'.repeat(earlier.length + 1)}\nexport {}\n`
    return { uri, text: out, start, end, rewrite, prelude }
  }
}

/** The composite offset of a cell offset. */
export function toComposite(c: Composite, offset: number): number {
  return c.start + c.rewrite.map.toGenerated(offset)
}

/** Where a composite offset comes from: the cell itself, or an earlier cell's declaration. */
export function fromComposite(c: Composite, g: number, side: 'start' | 'end' = 'start'): CellOffset | undefined {
  if (g >= c.start && g <= c.end) return { uri: c.uri, offset: c.rewrite.map.toOriginal(g - c.start, side) }
  const p = c.prelude.find((q) => g >= q.start && g <= q.end)
  if (!p) return undefined
  return { uri: p.uri, offset: p.rewrite.map.toOriginal(p.genStart + (g - p.start), side) }
}

/** A composite span as a span of one cell, or undefined when it is not all in one. */
export function spanFromComposite(c: Composite, start: number, length: number): { uri: string; start: number; length: number } | undefined {
  const a = fromComposite(c, start, 'start')
  const b = fromComposite(c, start + length, 'end')
  if (!a || !b || a.uri !== b.uri || b.offset < a.offset) return undefined
  return { uri: a.uri, start: a.offset, length: b.offset - a.offset }
}
