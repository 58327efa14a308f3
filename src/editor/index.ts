// The editor room's surface for the UI. Monaco itself loads on demand (loadCellEditors), so the
// page is readable and runnable before it arrives; the marker functions work at any time.
export { setErrorMarker, clearErrorMarker, getMarkers, holdChecks, whenChecked, type EditorMarker, type MarkerSeverity } from './markers.ts'
export type { CellEditor, CellEditorOptions, CellLanguage } from './monaco-setup.ts'
export { editCellText } from './edits.ts'
export { findLeafLiteral, nudged, numberAt, type NumberLiteral, type LeafInfo } from './literals.ts'

type Setup = typeof import('./monaco-setup.ts')
let loading: Promise<Setup> | undefined

/** Loads Monaco and its TypeScript support once; resolves to `createCellEditor`. */
export function loadCellEditors(): Promise<Setup> {
  loading ??= import('./monaco-setup.ts')
  return loading
}
