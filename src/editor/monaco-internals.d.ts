// Types for the parts of monaco-editor 0.57 that ship without declarations and that the
// TypeScript worker (ts.worker.ts) builds on.
declare module 'monaco-editor/internal/common/initialize' {
  export function initialize(create: (ctx: unknown, createData: unknown) => unknown): void
}

declare module 'monaco-editor/languages/features/typescript/lib/typescriptServices' {
  /** Monaco's own TypeScript (5.9): the compiler API, as the `typescript` package declares it. */
  export const typescript: typeof import('typescript')
}

declare module 'monaco-editor/languages/features/typescript/tsWorker' {
  type TS = typeof import('typescript')
  type Async<T> = Promise<T>
  /** Monaco's language service host and its methods, called by the editor through the worker proxy. */
  export class TypeScriptWorker {
    constructor(ctx: unknown, createData: unknown)
    static clearFiles(diagnostics: readonly import('typescript').Diagnostic[]): import('typescript').Diagnostic[]
    getLanguageService(): import('typescript').LanguageService
    _getModel(fileName: string): { getValue(): string; version: number } | null
    _getScriptText(fileName: string): string | undefined
    getScriptVersion(fileName: string): string
    getSyntacticDiagnostics(fileName: string): Async<import('typescript').Diagnostic[]>
    getSemanticDiagnostics(fileName: string): Async<import('typescript').Diagnostic[]>
    getSuggestionDiagnostics(fileName: string): Async<import('typescript').Diagnostic[]>
    getCompletionsAtPosition(fileName: string, position: number): Async<unknown>
    getCompletionEntryDetails(fileName: string, position: number, entry: string): Async<unknown>
    getSignatureHelpItems(fileName: string, position: number, options: unknown): Async<unknown>
    getQuickInfoAtPosition(fileName: string, position: number): Async<unknown>
    getDocumentHighlights(fileName: string, position: number, filesToSearch: string[]): Async<unknown>
    getDefinitionAtPosition(fileName: string, position: number): Async<unknown>
    getReferencesAtPosition(fileName: string, position: number): Async<unknown>
    getNavigationTree(fileName: string): Async<unknown>
    getFormattingEditsForDocument(fileName: string, options: unknown): Async<unknown[]>
    getFormattingEditsForRange(fileName: string, start: number, end: number, options: unknown): Async<unknown[]>
    getFormattingEditsAfterKeystroke(fileName: string, position: number, ch: string, options: unknown): Async<unknown[]>
    findRenameLocations(fileName: string, position: number, inStrings: boolean, inComments: boolean, prefixSuffix: boolean): Async<unknown>
    getRenameInfo(fileName: string, position: number, options: unknown): Async<unknown>
    getEmitOutput(fileName: string, emitOnlyDtsFiles?: boolean, forceDtsEmit?: boolean): Async<unknown>
    getCodeFixesAtPosition(fileName: string, start: number, end: number, errorCodes: number[], formatOptions: unknown): Async<unknown>
    provideInlayHints(fileName: string, start: number, end: number): Async<unknown>
  }
  export type { TS }
}
