// The language features of a cell, in the cell's own positions. The language service reads each
// cell as its composite (composite.ts: earlier cells' declarations, then the cell with operators
// rewritten); these wrappers map positions in and results out, hide the operator functions, and
// say "Operator '*' cannot be applied to types 'Value' and 'Tensor'" where the checker would
// say that no overload of `__op_mul` matches.
import type * as TS from 'typescript'
import { spanFromComposite, toComposite, type Composite, type NotebookFiles } from './composite.ts'
import { OPERATOR_PREFIX, type OperatorCall, type TsApi } from './op-rewrite.ts'

/** "declared but never read" and its kin: a REPL cell declares names for later cells. */
const UNUSED = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205])
const NO_OVERLOAD = 2769
const OPERATOR_TYPES = 2365

type Span = { start: number; length: number }

export class CellFeatures {
  private parsed = new Map<string, { text: string; diagnostics: TS.Diagnostic[] }>()

  constructor(
    private readonly ts: TsApi,
    private readonly ls: () => TS.LanguageService,
    private readonly files: NotebookFiles,
    /** the current text of a cell's model, or undefined when `uri` is not a cell */
    private readonly cellText: (uri: string) => string | undefined,
  ) {}

  composite(uri: string): Composite | undefined {
    const text = this.cellText(uri)
    return text === undefined || !this.files.isCell(uri) ? undefined : this.files.composite(uri, text)
  }

  /** Syntax errors come from the cell alone, so they are exactly where the cell has them. */
  syntacticDiagnostics(uri: string): TS.Diagnostic[] | undefined {
    const text = this.cellText(uri)
    if (text === undefined || !this.files.isCell(uri)) return undefined
    const cached = this.parsed.get(uri)
    if (cached?.text === text) return cached.diagnostics
    const sf = this.ts.createSourceFile(uri, text, this.ts.ScriptTarget.Latest, false, this.ts.ScriptKind.TS)
    const diagnostics = (sf as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? []
    this.parsed.set(uri, { text, diagnostics })
    return diagnostics
  }

  semanticDiagnostics(uri: string): TS.Diagnostic[] | undefined {
    const c = this.composite(uri)
    return c && this.mapDiagnostics(c, this.ls().getSemanticDiagnostics(uri))
  }

  suggestionDiagnostics(uri: string): TS.Diagnostic[] | undefined {
    const c = this.composite(uri)
    return c && this.mapDiagnostics(c, this.ls().getSuggestionDiagnostics(uri))
  }

  quickInfo(uri: string, offset: number): TS.QuickInfo | undefined {
    const c = this.composite(uri)
    if (!c) return undefined
    const info = this.ls().getQuickInfoAtPosition(uri, toComposite(c, offset))
    if (!info || this.ts.displayPartsToString(info.displayParts).includes(OPERATOR_PREFIX)) return undefined
    const span = this.ownSpan(c, info.textSpan)
    return span && { ...info, textSpan: span }
  }

  completions(uri: string, offset: number, options?: TS.GetCompletionsAtPositionOptions): TS.CompletionInfo | undefined {
    const c = this.composite(uri)
    if (!c) return undefined
    const info = this.ls().getCompletionsAtPosition(uri, toComposite(c, offset), options)
    if (!info) return undefined
    const entries = info.entries.filter((e) => !e.name.startsWith(OPERATOR_PREFIX)).map((e) => {
      if (!e.replacementSpan) return e
      const replacementSpan = this.ownSpan(c, e.replacementSpan)
      return replacementSpan ? { ...e, replacementSpan } : { ...e, replacementSpan: undefined }
    })
    const optionalReplacementSpan = info.optionalReplacementSpan && this.ownSpan(c, info.optionalReplacementSpan)
    return { ...info, entries, optionalReplacementSpan }
  }

  completionDetails(uri: string, offset: number, name: string, ...rest: unknown[]): TS.CompletionEntryDetails | undefined {
    const c = this.composite(uri)
    if (!c) return undefined
    const details = (this.ls().getCompletionEntryDetails as (...a: unknown[]) => TS.CompletionEntryDetails | undefined)(
      uri, toComposite(c, offset), name, ...rest)
    return details && { ...details, codeActions: undefined }
  }

  /** Inside an operator's operands, the help of the call around the operator. */
  signatureHelp(uri: string, offset: number, options?: TS.SignatureHelpItemsOptions): TS.SignatureHelpItems | undefined {
    const c = this.composite(uri)
    if (!c) return undefined
    let g = toComposite(c, offset)
    for (let depth = 0; depth < 50; depth++) {
      const help = this.ls().getSignatureHelpItems(uri, g, depth === 0 ? options : { triggerReason: { kind: 'invoked' } })
      if (!help) return undefined
      const name = this.ts.displayPartsToString(help.items[0]?.prefixDisplayParts ?? [])
      if (!name.includes(OPERATOR_PREFIX)) return { ...help, applicableSpan: this.ownSpan(c, help.applicableSpan) ?? help.applicableSpan }
      const call = innermostCall(c, g)
      if (!call) return undefined
      g = c.start + call.genStart
    }
    return undefined
  }

  definitions(uri: string, offset: number): TS.DefinitionInfo[] | undefined {
    const c = this.composite(uri)
    return c && this.mapLocations(uri, this.ls().getDefinitionAtPosition(uri, toComposite(c, offset)))
  }

  references(uri: string, offset: number): TS.ReferenceEntry[] | undefined {
    const c = this.composite(uri)
    return c && this.mapLocations(uri, this.ls().getReferencesAtPosition(uri, toComposite(c, offset)))
  }

  highlights(uri: string, offset: number, filesToSearch: string[]): TS.DocumentHighlights[] | undefined {
    const c = this.composite(uri)
    if (!c) return undefined
    const found = this.ls().getDocumentHighlights(uri, toComposite(c, offset), filesToSearch) ?? []
    return found.filter((h) => h.fileName === uri).map((h) => ({
      ...h,
      highlightSpans: h.highlightSpans.flatMap((s) => {
        const textSpan = this.ownSpan(c, s.textSpan)
        return textSpan ? [{ ...s, textSpan, contextSpan: undefined }] : []
      }),
    }))
  }

  renameInfo(uri: string, offset: number, options?: TS.UserPreferences): TS.RenameInfo | undefined {
    const c = this.composite(uri)
    if (!c) return undefined
    const info = this.ls().getRenameInfo(uri, toComposite(c, offset), options)
    if (!info.canRename) return info
    const triggerSpan = this.ownSpan(c, info.triggerSpan)
    return triggerSpan ? { ...info, triggerSpan } : { canRename: false, localizedErrorMessage: 'This name cannot be renamed here.' }
  }

  renameLocations(uri: string, offset: number, inStrings: boolean, inComments: boolean, prefixSuffix: boolean): TS.RenameLocation[] | undefined {
    const c = this.composite(uri)
    if (!c) return undefined
    const found = this.ls().findRenameLocations(uri, toComposite(c, offset), inStrings, inComments, prefixSuffix as false)
    return this.mapLocations(uri, found)
  }

  codeFixes(uri: string, start: number, end: number, codes: number[], format: TS.FormatCodeSettings, prefs: TS.UserPreferences = {}): TS.CodeFixAction[] {
    const c = this.composite(uri)
    if (!c) return []
    const fixes = this.ls().getCodeFixesAtPosition(uri, toComposite(c, start), toComposite(c, end), codes, format, prefs)
    return fixes.flatMap((fix) => {
      const changes = fix.changes.map((fc) => ({
        ...fc,
        textChanges: fc.textChanges.map((tc) => ({ ...tc, span: fc.fileName === uri ? this.exactSpan(c, tc.span) : undefined })),
      }))
      if (changes.some((fc) => fc.textChanges.some((tc) => !tc.span))) return []
      return [{ ...fix, changes: changes as TS.FileTextChanges[], commands: undefined }]
    })
  }

  private mapDiagnostics(c: Composite, diagnostics: readonly TS.Diagnostic[]): TS.Diagnostic[] {
    const out: TS.Diagnostic[] = []
    const seen = new Set<string>()
    for (const d of diagnostics) {
      if (d.start === undefined || UNUSED.has(d.code)) continue
      let gs = d.start - c.start, ge = gs + (d.length ?? 0)
      if (gs < 0 || d.start + (d.length ?? 0) > c.end) continue // an earlier cell's, or the wrapper's
      const call = d.code === NO_OVERLOAD ? this.failingCall(c, d.start, d.start + (d.length ?? 0)) : undefined
      if (call) [gs, ge] = [call.genStart, call.genEnd]
      // Text that the rewrite inserted (the copy of `a` in `a = __op_add(a, b)`) says it twice.
      if (!call && !touchesCopy(c, gs, ge)) continue
      const start = c.rewrite.map.toOriginal(gs, 'start')
      const end = Math.max(start, c.rewrite.map.toOriginal(ge, 'end'))
      const mapped: TS.Diagnostic = { ...d, start, length: end - start, relatedInformation: this.mapRelated(d.relatedInformation) }
      if (call && d.code === NO_OVERLOAD) {
        mapped.code = OPERATOR_TYPES
        mapped.messageText = this.operatorMessage(c, call)
        mapped.relatedInformation = undefined
      }
      const key = `${mapped.start}:${mapped.length}:${mapped.code}:${this.ts.flattenDiagnosticMessageText(mapped.messageText, '\n')}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(mapped)
    }
    return out
  }

  private mapRelated(related: TS.DiagnosticRelatedInformation[] | undefined): TS.DiagnosticRelatedInformation[] | undefined {
    return related?.flatMap((r) => {
      if (!r.file || r.start === undefined || !this.files.isCell(r.file.fileName)) return [r]
      const c = this.files.lastComposite(r.file.fileName)
      const span = c && spanFromComposite(c, r.start, r.length ?? 0)
      return span ? [{ ...r, file: { fileName: span.uri } as TS.SourceFile, start: span.start, length: span.length }] : []
    })
  }

  /**
   * The operator whose overloads failed, for a "No overload matches" error: TypeScript puts it on
   * the argument that failed (or on the call itself).
   */
  private failingCall(c: Composite, start: number, end: number): OperatorCall | undefined {
    const sf = this.ls().getProgram()?.getSourceFile(c.uri)
    const node = sf && findNode(this.ts, sf, start, end)
    if (!node) return undefined
    const isOp = (n: TS.Node): n is TS.CallExpression => this.ts.isCallExpression(n) && this.ts.isIdentifier(n.expression)
      && n.expression.text.startsWith(OPERATOR_PREFIX)
    const target = node.parent && isOp(node.parent) && node.parent.arguments.includes(node as TS.Expression) ? node.parent
      : isOp(node) ? node : undefined
    if (!target) return undefined
    const gs = target.getStart(sf) - c.start, ge = target.end - c.start
    return c.rewrite.calls.find((k) => k.genStart === gs && k.genEnd === ge)
  }

  private operatorMessage(c: Composite, call: OperatorCall): string {
    const program = this.ls().getProgram()
    const sf = program?.getSourceFile(c.uri)
    const node = sf && findCall(this.ts, sf, c.start + call.genStart, c.start + call.genEnd)
    const op = call.op === '-' && node?.arguments.length === 1 ? '-' : call.op
    if (!program || !node) return `Operator '${op}' cannot be applied to these operands.`
    const checker = program.getTypeChecker()
    const types = node.arguments.map((a) => `'${checker.typeToString(checker.getTypeAtLocation(a))}'`)
    return types.length === 1
      ? `Operator '${op}' cannot be applied to type ${types[0]}.`
      : `Operator '${op}' cannot be applied to types ${types[0]} and ${types[1]}.`
  }

  /** A span of the composite inside this cell, in the cell's positions. */
  private ownSpan(c: Composite, span: Span): Span | undefined {
    const s = spanFromComposite(c, span.start, span.length)
    return s && s.uri === c.uri ? { start: s.start, length: s.length } : undefined
  }

  /** As ownSpan, but only for text copied unchanged from the cell (safe to edit). */
  private exactSpan(c: Composite, span: Span): Span | undefined {
    const g = span.start - c.start
    return g >= 0 && c.rewrite.map.isCopied(g, g + span.length) ? this.ownSpan(c, span) : undefined
  }

  private mapLocations<T extends { fileName: string; textSpan: Span; contextSpan?: Span }>(uri: string, found: readonly T[] | undefined): T[] | undefined {
    if (!found) return undefined
    const seen = new Set<string>()
    return found.flatMap((loc) => {
      const c = this.files.isCell(loc.fileName) ? (loc.fileName === uri ? this.composite(uri) : this.files.lastComposite(loc.fileName)) : undefined
      if (!this.files.isCell(loc.fileName)) return [loc]
      const span = c && spanFromComposite(c, loc.textSpan.start, loc.textSpan.length)
      if (!span || seen.has(`${span.uri}:${span.start}`)) return []
      seen.add(`${span.uri}:${span.start}`)
      return [{ ...loc, fileName: span.uri, textSpan: { start: span.start, length: span.length }, contextSpan: undefined }]
    })
  }
}

function touchesCopy(c: Composite, g: number, gEnd: number): boolean {
  return c.rewrite.map.pieces.some((p) => p.kind === 'copy' && p.g < Math.max(gEnd, g + 1) && g < p.gEnd)
}

function innermostCall(c: Composite, g: number): OperatorCall | undefined {
  let best: OperatorCall | undefined
  for (const k of c.rewrite.calls) {
    if (c.start + k.genStart < g && g <= c.start + k.genEnd && (!best || k.genEnd - k.genStart < best.genEnd - best.genStart)) best = k
  }
  return best
}

/** The outermost node with exactly this span (its parent pointers are set by the program). */
function findNode(ts: TsApi, sf: TS.SourceFile, start: number, end: number, test: (n: TS.Node) => boolean = () => true): TS.Node | undefined {
  let found: TS.Node | undefined
  const visit = (n: TS.Node): void => {
    if (found || n.end < end || n.pos > start) return
    if (n.getStart(sf) === start && n.end === end && test(n)) found = n
    else ts.forEachChild(n, visit)
  }
  visit(sf)
  return found
}

function findCall(ts: TsApi, sf: TS.SourceFile, start: number, end: number): TS.CallExpression | undefined {
  return findNode(ts, sf, start, end, (n) => ts.isCallExpression(n)) as TS.CallExpression | undefined
}

