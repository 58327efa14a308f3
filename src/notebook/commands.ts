// Commands are data: an id, a label, a shortcut and what they do. Buttons, key bindings and the
// editor's actions all use these, so a command is defined once.
import type { StoreApi } from 'zustand/vanilla'
import type { NotebookState } from './store.ts'

export interface CommandContext {
  store: StoreApi<NotebookState>
  /** the cell the command acts on, when it acts on one */
  cellId?: string
  /** move the focus to a cell's editor (the UI provides it) */
  focusCell?(id: string): void
  share?(): void
}

export interface Command {
  id: string
  label: string
  /** e.g. 'Mod+Shift+Enter'; Mod is Ctrl, or Cmd on a Mac */
  shortcut?: string
  run(ctx: CommandContext): void
}

const cellIndex = (ctx: CommandContext) => ctx.store.getState().cells.findIndex((c) => c.id === ctx.cellId)

export const commands = {
  runAll: { id: 'run-all', label: 'Run all', shortcut: 'Mod+Shift+Enter', run: (ctx) => ctx.store.getState().runAll() },
  stop: { id: 'stop', label: 'Stop', run: (ctx) => ctx.store.getState().stop() },
  runCell: {
    id: 'run-cell', label: 'Run cell', shortcut: 'Mod+Enter',
    run: (ctx) => { if (ctx.cellId) ctx.store.getState().runCells([ctx.cellId]) },
  },
  runCellAndAdvance: {
    id: 'run-cell-advance', label: 'Run cell and go to the next', shortcut: 'Shift+Enter',
    run: (ctx) => {
      const s = ctx.store.getState()
      const i = cellIndex(ctx)
      if (i < 0) return
      s.runCells([s.cells[i].id])
      const next = s.cells[i + 1]?.id ?? s.addCell(i + 1, 'code')
      ctx.focusCell?.(next)
    },
  },
  addAbove: {
    id: 'add-above', label: 'Add a cell above', shortcut: 'A',
    run: (ctx) => { const id = ctx.store.getState().addCell(Math.max(0, cellIndex(ctx))); ctx.focusCell?.(id) },
  },
  addBelow: {
    id: 'add-below', label: 'Add a cell below', shortcut: 'B',
    run: (ctx) => { const id = ctx.store.getState().addCell(cellIndex(ctx) + 1); ctx.focusCell?.(id) },
  },
  deleteCell: { id: 'delete-cell', label: 'Delete cell', run: (ctx) => { if (ctx.cellId) ctx.store.getState().deleteCell(ctx.cellId) } },
  moveUp: { id: 'move-up', label: 'Move cell up', run: (ctx) => { if (ctx.cellId) ctx.store.getState().moveCell(ctx.cellId, -1) } },
  moveDown: { id: 'move-down', label: 'Move cell down', run: (ctx) => { if (ctx.cellId) ctx.store.getState().moveCell(ctx.cellId, 1) } },
  toggleKind: {
    id: 'toggle-kind', label: 'Switch between code and markdown', shortcut: 'M',
    run: (ctx) => {
      const cell = ctx.store.getState().cells.find((c) => c.id === ctx.cellId)
      if (cell) ctx.store.getState().setKind(cell.id, cell.kind === 'code' ? 'markdown' : 'code')
    },
  },
  share: { id: 'share', label: 'Share', shortcut: 'Mod+S', run: (ctx) => ctx.share?.() },
} satisfies Record<string, Command>

/** Does a keyboard event match a shortcut like 'Mod+Shift+Enter'? */
export function matches(shortcut: string, e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, mac: boolean): boolean {
  const parts = shortcut.split('+')
  const key = parts.at(-1)!
  const mod = parts.includes('Mod')
  const modDown = mac ? e.metaKey : e.ctrlKey
  return e.key.toLowerCase() === key.toLowerCase() && mod === modDown && parts.includes('Shift') === e.shiftKey && !e.altKey
}
