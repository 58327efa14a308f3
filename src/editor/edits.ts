// Changing a cell's text from outside its editor (the graph's number scrubber) as an ordinary
// edit of that editor, so Ctrl+Z takes it back. Monaco loads late, so the editors connect here
// when they exist; without one, the caller changes the notebook's source itself.
export interface EditBackend {
  /** replace [start, end) of the cell's text; false when the cell has no editor */
  replace(cellId: string, start: number, end: number, text: string, undoStop: 'before' | 'after' | 'none'): boolean
}

let backend: EditBackend | undefined

export function connectEditBackend(b: EditBackend): void {
  backend = b
}

export function editCellText(cellId: string, start: number, end: number, text: string, undoStop: 'before' | 'after' | 'none' = 'none'): boolean {
  return backend?.replace(cellId, start, end, text, undoStop) ?? false
}
