// What other code may ask of the cell editors, without loading Monaco: each editor's markers (type
// errors and the run error), and the run error of a cell, shown as a marked line. Keyed by cell
// id. Errors set before Monaco has loaded (or before the cell's editor exists) show when it does.

export type MarkerSeverity = 'error' | 'warning' | 'info' | 'hint'

export interface EditorMarker {
  severity: MarkerSeverity
  message: string
  /** 1-based, as Monaco counts */
  line: number
  column: number
  endLine: number
  endColumn: number
  /** 'typescript' for type checking, 'run' for the error of the last run */
  source: 'typescript' | 'run'
  code?: string
}

export interface RunError {
  line: number
  column: number
  message: string
}

/** The Monaco side (monaco-setup.ts), once loaded. */
export interface MarkerBackend {
  markers(cellId: string): EditorMarker[]
  showRunError(cellId: string, error: RunError | undefined): void
  /** resolves once every cell has been checked since its last change */
  checked(): Promise<void>
  /** while on, checks nobody asked for wait (NotebookChecker.hold) */
  hold(on: boolean): void
}

const runErrors = new Map<string, RunError>()
let backend: MarkerBackend | undefined
let connected: () => void = () => {}
const backendReady = new Promise<void>((resolve) => (connected = resolve))

/** Marks the line of a cell where its run failed (1-based line and column of the cell). */
export function setErrorMarker(cellId: string, line: number, column: number, message: string): void {
  const e = { line: Math.max(1, Math.floor(line)), column: Math.max(1, Math.floor(column)), message }
  runErrors.set(cellId, e)
  backend?.showRunError(cellId, e)
}

export function clearErrorMarker(cellId: string): void {
  if (!runErrors.delete(cellId)) return
  backend?.showRunError(cellId, undefined)
}

/** The markers of a cell's editor: type errors, warnings and hints, and the run error. */
export function getMarkers(cellId: string): EditorMarker[] {
  if (backend) return backend.markers(cellId)
  const e = runErrors.get(cellId)
  return e ? [{ severity: 'error', message: e.message, line: e.line, column: e.column, endLine: e.line, endColumn: e.column, source: 'run' }] : []
}

/** Resolves when Monaco has loaded and every cell's type check is up to date. */
export async function whenChecked(): Promise<void> {
  await backendReady
  await backend!.checked()
}

let holding = false
/** Cells are running: type checks nobody asked for wait until they end. */
export function holdChecks(on: boolean): void {
  holding = on
  backend?.hold(on)
}

/** The run error a cell should show (for an editor that has just been created). */
export function runErrorOf(cellId: string): RunError | undefined {
  return runErrors.get(cellId)
}

export function connectMarkerBackend(b: MarkerBackend): void {
  backend = b
  b.hold(holding)
  for (const [id, e] of runErrors) b.showRunError(id, e)
  connected()
}

// Browser tests read markers through the window (Playwright sets navigator.webdriver).
if (typeof window !== 'undefined' && typeof navigator !== 'undefined' && navigator.webdriver) {
  Object.assign(window, { __simplegradEditor: { getMarkers, whenChecked, setErrorMarker, clearErrorMarker } })
}
