// Cell edits that a notebook person expects to take back: deleting a cell any way (the ✕ button,
// D D, a command) keeps it, with its output and graph, so Undo (or Z) puts it back where it was.
// Also which cells have their output collapsed. A slice of the one store (store.ts composes it).
import type { GraphSnapshot } from '../protocol/messages.ts'
import type { Cell, CellOutput } from './types.ts'

export interface DeletedCell {
  cell: Cell
  index: number
  output?: CellOutput
  graph?: GraphSnapshot
  /** the empty cell made because the notebook would have had none; Undo removes it if still empty */
  placeholder?: string
  /** counts deletions, so a toast knows it is about the latest one */
  seq: number
}

export interface EditSlice {
  /** the deleted cells, the last one last (a few are kept) */
  deleted: DeletedCell[]
  /** cells whose output is collapsed */
  collapsed: Record<string, boolean>
  /** brings back the last deleted cell; its id, or null when nothing is left to undo */
  undoDelete(): string | null
  toggleOutput(id: string): void
}

/** How many deletions Undo can take back. */
export const UNDO_DEPTH = 20

interface EditState {
  cells: Cell[]
  outputs: Record<string, CellOutput>
  graphs: Record<string, GraphSnapshot>
  graphCell: string | null
  deleted: DeletedCell[]
  collapsed: Record<string, boolean>
}

let seq = 0

/** The state after deleting cell `id` (remembered for Undo). */
export function deleteCellState(s: EditState, id: string, newId: () => string): Partial<EditState> {
  const index = s.cells.findIndex((c) => c.id === id)
  if (index < 0) return {}
  const cells = s.cells.filter((c) => c.id !== id)
  const placeholder = cells.length ? undefined : newId()
  const { [id]: output, ...outputs } = s.outputs
  const { [id]: graph, ...graphs } = s.graphs
  const entry: DeletedCell = { cell: s.cells[index], index, output, graph, placeholder, seq: ++seq }
  return {
    cells: placeholder ? [{ id: placeholder, kind: 'code', source: '' }] : cells,
    outputs, graphs,
    graphCell: s.graphCell === id ? null : s.graphCell,
    deleted: [...s.deleted, entry].slice(-UNDO_DEPTH),
  }
}

/** The state after undoing the last deletion, and the restored cell's id. */
export function undoDeleteState(s: EditState): { state: Partial<EditState>; id: string | null } {
  const last = s.deleted.at(-1)
  if (!last) return { state: {}, id: null }
  let cells = s.cells
  const ph = last.placeholder && cells.find((c) => c.id === last.placeholder)
  if (ph && ph.source === '' && cells.length === 1) cells = []
  cells = cells.slice()
  cells.splice(Math.min(last.index, cells.length), 0, last.cell)
  const id = last.cell.id
  return {
    id,
    state: {
      cells,
      deleted: s.deleted.slice(0, -1),
      outputs: last.output ? { ...s.outputs, [id]: last.output } : s.outputs,
      graphs: last.graph ? { ...s.graphs, [id]: last.graph } : s.graphs,
    },
  }
}
