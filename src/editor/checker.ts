// Type checking on the page's side: tells the TypeScript worker the notebook's code cells in
// order, asks it for each cell's diagnostics and shows them as markers. It replaces Monaco's own
// diagnostics adapter, because a cell's errors depend on the cells above it: after a change, the
// changed cell and every code cell below it are checked again. Notebook order is the order of the
// editors in the document.
import type * as TS from 'typescript'
import { editor as monacoEditor, MarkerSeverity, MarkerTag, type editor, type IDisposable } from 'monaco-editor/editor/editor.api'
import { getTypeScriptWorker, type TypeScriptWorker } from 'monaco-editor/languages/features/typescript/register'
import type { NotebookCell } from './composite.ts'

export const TS_OWNER = 'typescript'
const DEBOUNCE_MS = 200

interface Entry {
  model: editor.ITextModel
  element: HTMLElement
  listener: IDisposable
}

type SimpleGradWorker = TypeScriptWorker & { setNotebook(cells: NotebookCell[]): Promise<void> }

export class NotebookChecker {
  private entries = new Map<string, Entry>()
  private order: string[] = []
  private dirtyFrom = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private running: Promise<void> | undefined
  private idleWaiters: Array<() => void> = []
  private held = false
  /** checks nobody asked for, waiting for the hold to end */
  private waiting = false
  /** the check on its way was asked for (an edit), so a hold does not stop it */
  private asked = false

  add(model: editor.ITextModel, element: HTMLElement): void {
    const uri = model.uri.toString()
    this.remove(uri)
    const listener = model.onDidChangeContent(() => this.changed(uri))
    this.entries.set(uri, { model, element, listener })
    const i = this.currentOrder().indexOf(uri)
    this.schedule(i < 0 ? 0 : i, 'auto') // a new editor's first check: nobody asked for it
  }

  /**
   * While cells run, checks nobody asked for (editors just opened, as when a link runs its
   * notebook on load) wait: on a two-core machine the TypeScript worker's start (0.6 s of CPU)
   * otherwise runs beside the sandbox's training. An edit is still checked at once.
   */
  hold(on: boolean): void {
    this.held = on
    if (on && this.timer !== undefined && !this.asked) {
      clearTimeout(this.timer)
      this.timer = undefined
      this.waiting = true
    }
    if (!on && this.waiting) {
      this.waiting = false
      this.schedule(this.dirtyFrom, 'auto')
    }
  }

  remove(uri: string): void {
    const e = this.entries.get(uri)
    if (!e) return
    e.listener.dispose()
    this.entries.delete(uri)
    if (!e.model.isDisposed()) monacoEditor.setModelMarkers(e.model, TS_OWNER, [])
    this.schedule(0, 'auto')
  }

  /** The cells may have moved (or changed between code and markdown). */
  orderMayHaveChanged(): void {
    const order = this.currentOrder()
    if (order.join('\n') !== this.order.join('\n')) this.schedule(0, 'auto')
  }

  changed(uri: string): void {
    const i = this.currentOrder().indexOf(uri)
    this.schedule(i < 0 ? 0 : i)
  }

  /** Resolves when nothing is waiting to be checked. */
  checked(): Promise<void> {
    if (this.timer === undefined && !this.running && !this.waiting) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private currentOrder(): string[] {
    const code = [...this.entries].filter(([, e]) => e.model.getLanguageId() === 'typescript' && !e.model.isDisposed())
    code.sort(([, a], [, b]) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
    return code.map(([uri]) => uri)
  }

  /** `edit`: a person typed in a cell; `auto`: editors came, went or moved (they may wait for a run). */
  private schedule(from: number, why: 'edit' | 'auto' = 'edit'): void {
    this.dirtyFrom = Math.min(this.dirtyFrom, from)
    if (why === 'auto' && this.held) {
      this.waiting = true
      return
    }
    this.waiting = false
    this.asked = why === 'edit' || (this.timer !== undefined && this.asked)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.run()
    }, DEBOUNCE_MS)
  }

  private async run(): Promise<void> {
    while (this.running) await this.running
    if (this.timer !== undefined) return // a later run is on its way
    this.running = this.check()
      .catch((err: unknown) => console.warn('type check failed', err))
      .finally(() => (this.running = undefined))
    await this.running
    if (this.timer === undefined && !this.running && this.dirtyFrom === Infinity) {
      for (const w of this.idleWaiters.splice(0)) w()
    }
  }

  private async check(): Promise<void> {
    const order = this.currentOrder()
    const from = order.join('\n') === this.order.join('\n') ? this.dirtyFrom : 0
    this.order = order
    this.dirtyFrom = Infinity
    const models = order.map((uri) => this.entries.get(uri)!.model)
    if (models.length === 0) return
    const worker = await workerFor(models)
    await worker.setNotebook(models.map((m) => ({ uri: m.uri.toString(), text: m.getValue() })))
    for (const model of models.slice(from)) {
      if (model.isDisposed()) continue
      const uri = model.uri.toString()
      const version = model.getVersionId()
      const found = await Promise.all([worker.getSyntacticDiagnostics(uri), worker.getSemanticDiagnostics(uri), worker.getSuggestionDiagnostics(uri)])
      if (model.isDisposed() || model.getVersionId() !== version) continue // it changed: a new run checks it
      const diagnostics = found.flat() as unknown as TS.Diagnostic[]
      monacoEditor.setModelMarkers(model, TS_OWNER, diagnostics.map((d) => toMarker(model, d)))
    }
  }
}

/** Monaco's TypeScript mode starts when the first TypeScript model exists; wait for it. */
async function workerFor(models: editor.ITextModel[]): Promise<SimpleGradWorker> {
  for (let attempt = 0; ; attempt++) {
    try {
      const get = await getTypeScriptWorker()
      return (await get(...models.map((m) => m.uri))) as SimpleGradWorker
    } catch (err) {
      if (attempt > 50) throw err
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

function toMarker(model: editor.ITextModel, d: TS.Diagnostic): editor.IMarkerData {
  const start = model.getPositionAt(d.start ?? 0)
  const end = model.getPositionAt((d.start ?? 0) + (d.length ?? 0))
  const tags: MarkerTag[] = []
  if (d.reportsUnnecessary) tags.push(MarkerTag.Unnecessary)
  if (d.reportsDeprecated) tags.push(MarkerTag.Deprecated)
  return {
    severity: [MarkerSeverity.Warning, MarkerSeverity.Error, MarkerSeverity.Hint, MarkerSeverity.Info][d.category] ?? MarkerSeverity.Error,
    startLineNumber: start.lineNumber,
    startColumn: start.column,
    endLineNumber: end.lineNumber,
    endColumn: end.column,
    message: flatten(d.messageText),
    code: String(d.code),
    tags,
  }
}

function flatten(m: string | TS.DiagnosticMessageChain, indent = 0): string {
  if (typeof m === 'string') return m
  const lines = ['  '.repeat(indent) + m.messageText]
  for (const next of m.next ?? []) lines.push(flatten(next, indent + 1))
  return lines.join('\n')
}
