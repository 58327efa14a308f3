// The notebook's document and run state, as the store keeps them.
import type { ErrorInfo, PlotSpec } from '../protocol/messages.ts'

import type { CellKind } from './notebook-doc.ts'

export type { CellKind, NotebookDoc } from './notebook-doc.ts'

export interface Cell {
  id: string
  kind: CellKind
  source: string
}

export type RunStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'stopped'

export interface CellOutput {
  status: RunStatus
  /** the first lines printed (all of them, for most cells) */
  lines: string[]
  /** text printed after the last newline */
  partial: string
  /** the last lines, once a cell has printed more than the head keeps */
  tail: string[]
  /** how many lines between head and tail were left out */
  omitted: number
  error?: ErrorInfo
  /** run time in milliseconds, once done */
  ms?: number
  /** plots, in the order they were first drawn; a plot with the same id replaces its earlier self */
  plots: PlotSpec[]
  /** the last progress report of a long loop, while it runs */
  progress?: { done: number; total: number; label?: string; unit?: string; elapsed: number }
  /** drawing pads, and the snippet's last answer for each */
  pads: Array<{ handle: number; rows: number; cols: number; title?: string; result?: { text: string; bars?: number[] } }>
}

export const emptyOutput = (status: RunStatus = 'idle'): CellOutput => ({
  status, lines: [], partial: '', tail: [], omitted: 0, plots: [], pads: [],
})
