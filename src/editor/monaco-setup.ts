// Monaco for the notebook's cells, loaded after the page (index.ts imports this lazily): the
// workers, the engine's declarations and the snippet globals, the type checker (checker.ts), the
// light and dark themes, and one editor per cell with its own model.
import { markedLine, onLineMark } from './line-mark.ts'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/typescript/register'
import 'monaco-editor/languages/definitions/markdown/register'
import { editor, Uri, type IDisposable } from 'monaco-editor/editor/editor.api'
import { typescriptDefaults } from 'monaco-editor/languages/features/typescript/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import engineDeclarations from 'virtual:simplegrad-engine-dts'
import TsWorker from './ts.worker.ts?worker'
import { NotebookChecker, TS_OWNER } from './checker.ts'
import { cellUri, ENGINE_LIB, SNIPPET_COMPILER_OPTIONS, SNIPPET_LIB } from './compiler-options.ts'
import { connectMarkerBackend, runErrorOf, type EditorMarker, type RunError } from './markers.ts'
import { OPERATORS_DTS, RUNTIME_DTS } from './snippet-lib.ts'
import { followTheme } from './theme.ts'
import { attachScrub } from './scrub.ts'
import { connectEditBackend } from './edits.ts'
import './monaco-editor.css'

export type CellLanguage = 'typescript' | 'markdown'

export interface CellEditorOptions {
  cellId: string
  value: string
  language: CellLanguage
  ariaLabel: string
  onChange(value: string): void
  /** the notebook's keys (run, run and advance, run all); true when handled */
  onKey(e: KeyboardEvent): boolean
  /** wrap long lines (the embed view, where a cell may be narrow) */
  wrap?: boolean
  /** a number in the cell was turned (scrubbed): the cell's text has already changed */
  onScrub?(): void
}

export interface CellEditor {
  focus(offset?: number): void
  setValue(value: string): void
  setLanguage(language: CellLanguage): void
  setAriaLabel(label: string): void
  dispose(): void
}

const RUN_OWNER = 'run'

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
}

typescriptDefaults.setCompilerOptions({ ...SNIPPET_COMPILER_OPTIONS, lib: [...SNIPPET_COMPILER_OPTIONS.lib] })
typescriptDefaults.setModeConfiguration({
  completionItems: true, hovers: true, definitions: true, references: true, documentHighlights: true, rename: true,
  signatureHelp: true, codeActions: true,
  // checker.ts checks cells in notebook order; outline, formatting and inlay hints are not mapped to cells
  diagnostics: false, documentSymbols: false, documentRangeFormattingEdits: false, onTypeFormattingEdits: false, inlayHints: false,
})
typescriptDefaults.setExtraLibs([
  { content: engineDeclarations, filePath: ENGINE_LIB },
  { content: RUNTIME_DTS + OPERATORS_DTS, filePath: SNIPPET_LIB },
])

followTheme()

const checker = new NotebookChecker()
const cells = new Map<string, { model: editor.ITextModel; editor: editor.IStandaloneCodeEditor; runError: editor.IEditorDecorationsCollection }>()

connectMarkerBackend({
  markers(cellId) {
    const cell = cells.get(cellId)
    if (!cell || cell.model.isDisposed()) return []
    return editor.getModelMarkers({ resource: cell.model.uri }).map(toEditorMarker)
  },
  showRunError(cellId, e) {
    const cell = cells.get(cellId)
    if (cell) showRunError(cell.model, cell.runError, e)
  },
  checked: () => checker.checked(),
  hold: (on) => checker.hold(on),
})

connectEditBackend({
  replace(cellId, start, end, text, undoStop) {
    const cell = cells.get(cellId)
    if (!cell || cell.model.isDisposed()) return false
    const { model } = cell
    if (undoStop === 'before') cell.editor.pushUndoStop()
    const range = rangeOf(model, start, end)
    cell.editor.executeEdits('scrub', [{ range, text, forceMoveMarkers: true }])
    if (undoStop === 'after') cell.editor.pushUndoStop()
    return true
  },
})

function rangeOf(model: editor.ITextModel, start: number, end: number) {
  const a = model.getPositionAt(start), b = model.getPositionAt(end)
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column }
}

export function createCellEditor(container: HTMLElement, opts: CellEditorOptions): CellEditor {
  const uri = Uri.parse(cellUri(opts.cellId))
  editor.getModel(uri)?.dispose()
  const model = editor.createModel(opts.value, opts.language, uri)
  model.updateOptions({ tabSize: 2, insertSpaces: true })
  const ed = editor.create(container, {
    model,
    ariaLabel: opts.ariaLabel,
    automaticLayout: true,
    fixedOverflowWidgets: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    scrollbar: { vertical: 'hidden', verticalScrollbarSize: 0, horizontalScrollbarSize: 8, alwaysConsumeMouseWheel: false },
    overviewRulerLanes: 0,
    overviewRulerBorder: false,
    hideCursorInOverviewRuler: true,
    lineNumbers: 'on',
    lineNumbersMinChars: 2,
    lineDecorationsWidth: 10,
    glyphMargin: false,
    folding: false,
    renderLineHighlightOnlyWhenFocus: true,
    stickyScroll: { enabled: false },
    // No lightbulb: it asks the TypeScript worker for code actions at every editor's start and on
    // every marker change, which on a notebook link that runs at once starts the worker (0.6 s of
    // CPU) beside the training. Quick fixes stay on the error's hover and on Ctrl+. (asked for).
    lightbulb: { enabled: editor.ShowLightbulbIconMode.Off },
    padding: { top: 10, bottom: 10 },
    fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace',
    fontSize: 14,
    lineHeight: 21,
    wordWrap: opts.language === 'markdown' || opts.wrap ? 'on' : 'off',
    wrappingIndent: 'indent',
    tabSize: 2,
  })
  const runError = ed.createDecorationsCollection()
  cells.set(opts.cellId, { model, editor: ed, runError })
  // the graph's mark: the line that made the node the stepper is on (src/editor/line-mark.ts)
  const graphMark = ed.createDecorationsCollection()
  const showMark = (line: number | null) => graphMark.set(line === null || line > model.getLineCount() ? [] : [{
    range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 },
    options: { isWholeLine: true, className: 'sg-graph-line', linesDecorationsClassName: 'sg-graph-gutter' },
  }])
  showMark(markedLine(opts.cellId))

  // Grow with the content, as the cells of a notebook do.
  const fit = () => {
    const height = ed.getContentHeight()
    container.style.height = `${height}px`
    ed.layout({ width: container.clientWidth, height })
  }
  // The values this editor has reported and the notebook may not have caught up with: a `value`
  // prop equal to one of them is an echo, not a change from outside (which would undo typing).
  const reported: string[] = []
  const disposables: IDisposable[] = [
    onLineMark(opts.cellId, showMark),
    ed.onDidContentSizeChange(fit),
    model.onDidChangeContent(() => {
      const value = model.getValue()
      reported.push(value)
      if (reported.length > 100) reported.shift()
      opts.onChange(value)
    }),
    ed.onKeyDown((e) => {
      if (opts.onKey(e.browserEvent)) {
        e.preventDefault()
        e.stopPropagation()
      }
    }),
    attachScrub(ed, model, container, () => opts.onScrub?.()),
  ]
  fit()
  checker.add(model, container)
  showRunError(model, runError, runErrorOf(opts.cellId))

  return {
    focus(offset) {
      ed.focus()
      if (offset !== undefined) ed.setPosition(model.getPositionAt(offset))
    },
    setValue(value) {
      if (value === model.getValue()) {
        reported.length = 0
        return
      }
      if (reported.includes(value)) return
      reported.length = 0
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null)
    },
    setLanguage(language) {
      if (model.getLanguageId() === language) return
      editor.setModelLanguage(model, language)
      ed.updateOptions({ wordWrap: language === 'markdown' || opts.wrap ? 'on' : 'off' })
      if (language !== 'typescript') editor.setModelMarkers(model, TS_OWNER, [])
      checker.orderMayHaveChanged()
    },
    setAriaLabel(label) {
      ed.updateOptions({ ariaLabel: label })
      checker.orderMayHaveChanged()
    },
    dispose() {
      for (const d of disposables) d.dispose()
      checker.remove(model.uri.toString())
      if (cells.get(opts.cellId)?.model === model) cells.delete(opts.cellId)
      ed.dispose()
      model.dispose()
    },
  }
}

function showRunError(model: editor.ITextModel, decorations: editor.IEditorDecorationsCollection, e: RunError | undefined): void {
  if (!e || model.isDisposed()) {
    if (!model.isDisposed()) editor.setModelMarkers(model, RUN_OWNER, [])
    decorations.clear()
    return
  }
  const line = Math.min(e.line, model.getLineCount())
  const column = Math.min(e.column, model.getLineMaxColumn(line))
  const endColumn = Math.max(column + 1, model.getLineMaxColumn(line))
  editor.setModelMarkers(model, RUN_OWNER, [{
    severity: 8, // MarkerSeverity.Error
    message: e.message,
    startLineNumber: line, startColumn: column, endLineNumber: line, endColumn,
    source: 'run',
  }])
  decorations.set([{
    range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 },
    options: { isWholeLine: true, className: 'sg-run-error-line', linesDecorationsClassName: 'sg-run-error-gutter' },
  }])
}

function toEditorMarker(m: editor.IMarker): EditorMarker {
  const severity = m.severity >= 8 ? 'error' : m.severity >= 4 ? 'warning' : m.severity >= 2 ? 'info' : 'hint'
  const code = typeof m.code === 'string' ? m.code : m.code?.value
  return {
    severity, message: m.message, line: m.startLineNumber, column: m.startColumn, endLine: m.endLineNumber, endColumn: m.endColumn,
    source: m.owner === RUN_OWNER ? 'run' : 'typescript', code,
  }
}
