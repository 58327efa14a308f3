// Commands are data: an id, a label, its keys and what it does. Buttons, key bindings, the editor's
// keys and the keyboard-shortcut help all use these, so a command is defined once.
//
// Two kinds of keys, as in Jupyter: `shortcut` works while typing in a cell (edit mode) and, for
// notebook-wide ones, anywhere on the page; `keys` work in command mode (Esc leaves the editor and
// selects the cell). A key written 'D D' is pressed twice.
import type { StoreApi } from 'zustand/vanilla'
import type { NotebookState } from './store.ts'

export interface CommandContext {
  store: StoreApi<NotebookState>
  /** the cell the command acts on, when it acts on one */
  cellId?: string
  /** move the focus to a cell's editor (the UI provides it) */
  focusCell?(id: string): void
  /** select a cell in command mode (the UI provides it, in command mode) */
  select?(id: string): void
  /** open a cell for editing (a markdown cell shows its source) */
  edit?(id: string): void
  /** show the keyboard shortcuts */
  help?(): void
  share?(): void
}

export type CommandGroup = 'Run' | 'Cells' | 'Move around' | 'Notebook'

export interface Command {
  id: string
  label: string
  group: CommandGroup
  /** edit mode (and page-wide for notebook commands), e.g. 'Mod+Shift+Enter'; Mod is Ctrl, or Cmd on a Mac */
  shortcut?: string
  /** command mode, e.g. ['A'], ['D D'], ['ArrowUp', 'K'] */
  keys?: readonly string[]
  run(ctx: CommandContext): void
}

const cellIndex = (ctx: CommandContext) => ctx.store.getState().cells.findIndex((c) => c.id === ctx.cellId)
const near = (ctx: CommandContext, delta: number) => ctx.store.getState().cells[cellIndex(ctx) + delta]?.id
/** where the keyboard goes after a command: the selected cell in command mode, else its editor */
const goTo = (ctx: CommandContext, id: string | undefined) => {
  if (id) (ctx.select ?? ctx.focusCell)?.(id)
}

export const commands = {
  runAll: { id: 'run-all', label: 'Run all', group: 'Run', shortcut: 'Mod+Shift+Enter', run: (ctx) => ctx.store.getState().runAll() },
  runCell: {
    id: 'run-cell', label: 'Run cell', group: 'Run', shortcut: 'Mod+Enter', keys: ['Mod+Enter'],
    run: (ctx) => { if (ctx.cellId) ctx.store.getState().runCells([ctx.cellId]) },
  },
  runCellAndAdvance: {
    id: 'run-cell-advance', label: 'Run cell and go to the next', group: 'Run', shortcut: 'Shift+Enter', keys: ['Shift+Enter'],
    run: (ctx) => {
      const s = ctx.store.getState()
      const i = cellIndex(ctx)
      if (i < 0) return
      s.runCells([s.cells[i].id])
      const next = s.cells[i + 1]?.id
      if (next) goTo(ctx, next)
      else ctx.focusCell?.(s.addCell(i + 1, 'code'))
    },
  },
  runCellAndInsert: {
    id: 'run-cell-insert', label: 'Run cell and insert a cell below', group: 'Run', shortcut: 'Alt+Enter', keys: ['Alt+Enter'],
    run: (ctx) => {
      const s = ctx.store.getState()
      const i = cellIndex(ctx)
      if (i < 0) return
      s.runCells([s.cells[i].id])
      ctx.focusCell?.(s.addCell(i + 1, 'code'))
    },
  },
  runAllAbove: {
    id: 'run-all-above', label: 'Run the cells above', group: 'Run',
    run: (ctx) => {
      const s = ctx.store.getState()
      s.runCells(s.cells.slice(0, Math.max(0, cellIndex(ctx))).map((c) => c.id))
    },
  },
  stop: { id: 'stop', label: 'Stop', group: 'Run', keys: ['I I'], run: (ctx) => ctx.store.getState().stop() },
  clearOutputs: { id: 'clear-outputs', label: 'Clear all outputs', group: 'Run', run: (ctx) => ctx.store.getState().clearOutputs() },
  toggleOutput: {
    id: 'toggle-output', label: "Collapse or expand the cell's output", group: 'Cells', keys: ['O'],
    run: (ctx) => { if (ctx.cellId) ctx.store.getState().toggleOutput(ctx.cellId) },
  },
  addAbove: {
    id: 'add-above', label: 'Insert a cell above', group: 'Cells', keys: ['A'],
    run: (ctx) => goTo(ctx, ctx.store.getState().addCell(Math.max(0, cellIndex(ctx)))),
  },
  addBelow: {
    id: 'add-below', label: 'Insert a cell below', group: 'Cells', keys: ['B'],
    run: (ctx) => goTo(ctx, ctx.store.getState().addCell(cellIndex(ctx) + 1)),
  },
  deleteCell: {
    id: 'delete-cell', label: 'Delete cell', group: 'Cells', keys: ['D D'],
    run: (ctx) => {
      if (!ctx.cellId) return
      const next = near(ctx, 1) ?? near(ctx, -1)
      ctx.store.getState().deleteCell(ctx.cellId)
      if (ctx.select) ctx.select(next ?? ctx.store.getState().cells[0].id)
    },
  },
  undoDelete: {
    id: 'undo-delete', label: 'Undo the last cell deletion', group: 'Cells', keys: ['Z'],
    run: (ctx) => goTo(ctx, ctx.store.getState().undoDelete() ?? undefined),
  },
  toMarkdown: {
    id: 'to-markdown', label: 'Make the cell markdown', group: 'Cells', keys: ['M'],
    run: (ctx) => { if (ctx.cellId) ctx.store.getState().setKind(ctx.cellId, 'markdown') },
  },
  toCode: {
    id: 'to-code', label: 'Make the cell code', group: 'Cells', keys: ['Y'],
    run: (ctx) => { if (ctx.cellId) ctx.store.getState().setKind(ctx.cellId, 'code') },
  },
  toggleKind: {
    id: 'toggle-kind', label: 'Switch between code and markdown', group: 'Cells',
    run: (ctx) => {
      const cell = ctx.store.getState().cells.find((c) => c.id === ctx.cellId)
      if (cell) ctx.store.getState().setKind(cell.id, cell.kind === 'code' ? 'markdown' : 'code')
    },
  },
  moveUp: { id: 'move-up', label: 'Move cell up', group: 'Cells', run: (ctx) => { if (ctx.cellId) ctx.store.getState().moveCell(ctx.cellId, -1) } },
  moveDown: { id: 'move-down', label: 'Move cell down', group: 'Cells', run: (ctx) => { if (ctx.cellId) ctx.store.getState().moveCell(ctx.cellId, 1) } },
  edit: {
    id: 'edit', label: 'Edit the cell', group: 'Move around', keys: ['Enter'],
    run: (ctx) => { if (ctx.cellId) (ctx.edit ?? ctx.focusCell)?.(ctx.cellId) },
  },
  commandMode: { id: 'command-mode', label: 'Leave the editor (command mode)', group: 'Move around', shortcut: 'Escape', run: () => {} },
  selectAbove: { id: 'select-above', label: 'Select the cell above', group: 'Move around', keys: ['ArrowUp', 'K'], run: (ctx) => goTo(ctx, near(ctx, -1)) },
  selectBelow: { id: 'select-below', label: 'Select the cell below', group: 'Move around', keys: ['ArrowDown', 'J'], run: (ctx) => goTo(ctx, near(ctx, 1)) },
  help: { id: 'help', label: 'Show the keyboard shortcuts', group: 'Notebook', keys: ['H', '?'], run: (ctx) => ctx.help?.() },
  share: { id: 'share', label: 'Share', group: 'Notebook', shortcut: 'Mod+S', run: (ctx) => ctx.share?.() },
} satisfies Record<string, Command>

export const commandList: readonly Command[] = Object.values(commands)

interface KeyLike { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }

/** Does a keyboard event match a shortcut like 'Mod+Shift+Enter'? */
export function matches(shortcut: string, e: KeyLike, mac: boolean): boolean {
  const parts = shortcut.split('+')
  const key = parts.at(-1)!
  const mod = parts.includes('Mod')
  const modDown = mac ? e.metaKey : e.ctrlKey
  return e.key.toLowerCase() === key.toLowerCase() && mod === modDown && parts.includes('Shift') === e.shiftKey && parts.includes('Alt') === e.altKey
}

/** A key as the command table writes it: 'A', 'Shift+Enter', '?' (a typed symbol carries no Shift). */
export function keyName(e: KeyLike, mac: boolean): string {
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key
  const symbol = e.key.length === 1 && !/[a-z0-9]/i.test(e.key)
  const mods = [(mac ? e.metaKey : e.ctrlKey) && 'Mod', e.altKey && 'Alt', e.shiftKey && !symbol && 'Shift'].filter(Boolean)
  return [...mods, key].join('+')
}

/**
 * The command a key runs in command mode. `pending` is the first key of a two-key command
 * ('D' of 'D D') pressed just before; the result says which key is pending now.
 */
export function commandModeKey(name: string, pending: string | null): { command?: Command; pending: string | null } {
  let starts = false
  for (const c of commandList) {
    for (const k of c.keys ?? []) {
      const [first, second] = k.split(' ')
      if (second === undefined ? name === first : pending === first && name === second) return { command: c, pending: null }
      if (second !== undefined && name === first) starts = true
    }
  }
  return { pending: starts ? name : null }
}

/** How a key is shown in the help: Mod as Ctrl (⌘ on a Mac), arrows as arrows. */
export function showKey(k: string, mac: boolean): string {
  const names: Record<string, string> = { Mod: mac ? '⌘' : 'Ctrl', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Alt: mac ? '⌥' : 'Alt' }
  return k.split(' ').map((press) => press.split('+').map((p) => names[p] ?? p).join('+')).join(' ')
}
