// Monaco's TypeScript worker, taught SimpleGrad: each cell is read as its composite (earlier
// cells' declarations, then the cell with operators rewritten into overloaded calls; see
// composite.ts and op-rewrite.ts), and every feature maps positions back to the cell
// (cell-features.ts). Files that are not cells (the engine's declarations) are served as Monaco
// serves them. Started by MonacoEnvironment.getWorker for the label 'typescript'.
import type * as TS from 'typescript'
import { initialize } from 'monaco-editor/internal/common/initialize'
import { typescript as ts } from 'monaco-editor/languages/features/typescript/lib/typescriptServices'
import { TypeScriptWorker } from 'monaco-editor/languages/features/typescript/tsWorker'
import { CellFeatures } from './cell-features.ts'
import { NotebookFiles, type NotebookCell } from './composite.ts'

const clear = (d: TS.Diagnostic[] | undefined) => d && TypeScriptWorker.clearFiles(d)

export class SimpleGradWorker extends TypeScriptWorker {
  private readonly files = new NotebookFiles(ts)
  private readonly cells = new CellFeatures(ts, () => this.getLanguageService(), this.files, (uri) => this.cellText(uri))

  /** Called from the page (diagnostics.ts): the code cells in notebook order. */
  setNotebook(cells: NotebookCell[]): void {
    this.files.setNotebook(cells)
  }

  private cellText(uri: string): string | undefined {
    if (!this.files.isCell(uri)) return undefined
    return this._getModel(uri)?.getValue() ?? this.files.textOf(uri)
  }

  // --- what the language service reads
  override _getScriptText(fileName: string): string | undefined {
    const text = this.cellText(fileName)
    return text === undefined ? super._getScriptText(fileName) : this.files.composite(fileName, text).text
  }

  override getScriptVersion(fileName: string): string {
    const text = this.cellText(fileName)
    return text === undefined ? super.getScriptVersion(fileName) : `cell-${this.files.version(fileName, text)}`
  }

  // --- features, in the cell's positions
  override async getSyntacticDiagnostics(f: string) { return clear(this.cells.syntacticDiagnostics(f)) ?? super.getSyntacticDiagnostics(f) }
  override async getSemanticDiagnostics(f: string) { return clear(this.cells.semanticDiagnostics(f)) ?? super.getSemanticDiagnostics(f) }
  override async getSuggestionDiagnostics(f: string) { return clear(this.cells.suggestionDiagnostics(f)) ?? super.getSuggestionDiagnostics(f) }
  override async getQuickInfoAtPosition(f: string, p: number) { return this.isCell(f) ? this.cells.quickInfo(f, p) : super.getQuickInfoAtPosition(f, p) }
  override async getCompletionsAtPosition(f: string, p: number) { return this.isCell(f) ? this.cells.completions(f, p) : super.getCompletionsAtPosition(f, p) }
  override async getCompletionEntryDetails(f: string, p: number, entry: string) {
    return this.isCell(f) ? this.cells.completionDetails(f, p, entry, undefined, undefined, undefined, undefined) : super.getCompletionEntryDetails(f, p, entry)
  }
  override async getSignatureHelpItems(f: string, p: number, options: unknown) {
    return this.isCell(f) ? this.cells.signatureHelp(f, p, options as TS.SignatureHelpItemsOptions) : super.getSignatureHelpItems(f, p, options)
  }
  override async getDocumentHighlights(f: string, p: number, files: string[]) { return this.isCell(f) ? this.cells.highlights(f, p, files) : super.getDocumentHighlights(f, p, files) }
  override async getDefinitionAtPosition(f: string, p: number) { return this.isCell(f) ? this.cells.definitions(f, p) : super.getDefinitionAtPosition(f, p) }
  override async getReferencesAtPosition(f: string, p: number) { return this.isCell(f) ? this.cells.references(f, p) : super.getReferencesAtPosition(f, p) }
  override async getRenameInfo(f: string, p: number, options: unknown) { return this.isCell(f) ? this.cells.renameInfo(f, p, options as TS.UserPreferences) : super.getRenameInfo(f, p, options) }
  override async findRenameLocations(f: string, p: number, inStrings: boolean, inComments: boolean, prefixSuffix: boolean) {
    return this.isCell(f) ? this.cells.renameLocations(f, p, inStrings, inComments, prefixSuffix) : super.findRenameLocations(f, p, inStrings, inComments, prefixSuffix)
  }
  override async getCodeFixesAtPosition(f: string, start: number, end: number, codes: number[], format: unknown) {
    return this.isCell(f) ? this.cells.codeFixes(f, start, end, codes, format as TS.FormatCodeSettings) : super.getCodeFixesAtPosition(f, start, end, codes, format)
  }
  // Outline, formatting, inlay hints and emit are off for cells (the page turns them off too).
  override async getNavigationTree(f: string) { return this.isCell(f) ? undefined : super.getNavigationTree(f) }
  override async getFormattingEditsForDocument(f: string, o: unknown) { return this.isCell(f) ? [] : super.getFormattingEditsForDocument(f, o) }
  override async getFormattingEditsForRange(f: string, s: number, e: number, o: unknown) { return this.isCell(f) ? [] : super.getFormattingEditsForRange(f, s, e, o) }
  override async getFormattingEditsAfterKeystroke(f: string, p: number, ch: string, o: unknown) { return this.isCell(f) ? [] : super.getFormattingEditsAfterKeystroke(f, p, ch, o) }
  override async provideInlayHints(f: string, s: number, e: number) { return this.isCell(f) ? [] : super.provideInlayHints(f, s, e) }
  override async getEmitOutput(f: string, dts?: boolean, force?: boolean) {
    return this.isCell(f) ? { outputFiles: [], emitSkipped: true } : super.getEmitOutput(f, dts, force)
  }

  private isCell(f: string): boolean {
    return this.files.isCell(f)
  }
}

// As Monaco's ts.worker.js: the first message starts the worker protocol, which then receives
// the create data (compiler options, extra libs).
self.onmessage = () => {
  initialize((ctx, createData) => new SimpleGradWorker(ctx, createData))
}
