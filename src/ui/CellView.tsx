// One cell: its run button and status, its editor (or rendered markdown), its tools and output.
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { clearErrorMarker, setErrorMarker } from '../editor/index.ts'
import { commandModeKey, commands, keyName, matches, type CommandContext } from '../notebook/commands.ts'
import type { Cell } from '../notebook/types.ts'
import { MonacoCodeEditor } from './MonacoCodeEditor.tsx'
import { CellOutputView } from './CellOutput.tsx'
import { OutputBoundary } from './OutputBoundary.tsx'
import { MarkdownView } from './MarkdownView.tsx'
import { useNotebook, useServices } from './context.ts'
import { useUi } from './ui-context.ts'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export const CellView = memo(function CellView({ cell, index }: { cell: Cell; index: number }) {
  const services = useServices()
  const output = useNotebook((s) => s.outputs[cell.id])
  const collapsed = useNotebook((s) => s.collapsed[cell.id] === true)
  const ui = useUi()
  const ctx = services.ctx(cell.id)
  const status = output?.status ?? 'idle'
  // A markdown cell shows its rendering until it is opened for editing (double-click or Enter).
  const [editing, setEditing] = useState(cell.source.trim() === '')
  const isMarkdown = cell.kind === 'markdown'
  const article = useRef<HTMLElement>(null)
  /** the first key of a two-key command (D of D D) was pressed in command mode */
  const pendingKey = useRef<string | null>(null)
  // An error with a line is also marked in the editor, on that line.
  const error = output?.error
  useEffect(() => {
    if (error?.line !== undefined) setErrorMarker(cell.id, error.line, error.column ?? 1, error.message)
    else clearErrorMarker(cell.id)
  }, [cell.id, error])
  const onKey = useCallback((e: KeyboardEvent) => {
    if (isMarkdown && (matches('Shift+Enter', e, isMac) || matches('Mod+Enter', e, isMac) || e.key === 'Escape')) {
      setEditing(false)
      if (matches('Shift+Enter', e, isMac)) commands.runCellAndAdvance.run(services.ctx(cell.id))
      else requestAnimationFrame(() => article.current?.focus()) // the rendered cell, in command mode
      return true
    }
    for (const c of [commands.runAll, commands.runCellAndAdvance, commands.runCell, commands.runCellAndInsert, commands.share]) {
      if (c.shortcut && matches(c.shortcut, e, isMac)) {
        c.run(services.ctx(cell.id))
        return true
      }
    }
    return false
  }, [services, cell.id, isMarkdown])
  // Command mode, as in Jupyter: Escape in the editor (when the editor has no use for it: Monaco
  // stops the keys it handles, such as Escape closing its suggestions) selects the cell itself;
  // then the command table's `keys` apply (A, B, D D, Z, M, Y, Enter, J/K and the arrows, O, H...).
  const onCellKey = (e: ReactKeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement
    const self = e.currentTarget
    if (e.defaultPrevented) return
    if (e.key === 'Escape' && target !== self && target.closest('.sg-monaco, .code-editor') && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey) {
      e.preventDefault()
      self.focus()
      return
    }
    const commandMode = target === self || target.dataset.testid === 'markdown'
    if (!commandMode || ['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) return
    // (Ctrl+Shift+Enter, run all, is the page's own key, wherever the focus is.)
    const { command, pending } = commandModeKey(keyName(e.nativeEvent, isMac), pendingKey.current)
    pendingKey.current = pending
    if (pending) e.preventDefault()
    if (!command) return
    e.preventDefault()
    const select = (id: string | undefined) => {
      if (!id) return
      // at once, so that the next key already reaches it; a cell just made exists a frame later
      const find = () => document.querySelector<HTMLElement>(`[data-testid="cell"][data-cell-id="${CSS.escape(id)}"]`)
      const el = find()
      if (el) el.focus()
      else requestAnimationFrame(() => find()?.focus())
    }
    const here: CommandContext = {
      ...services.ctx(cell.id),
      select,
      edit: (id) => {
        if (id === cell.id && isMarkdown) setEditing(true)
        services.focusCell(id)
      },
      help: ui.openHelp,
    }
    command.run(here)
    // Commands that change the cell keep it selected (its editor may have been replaced).
    if (command === commands.toMarkdown || command === commands.toCode || command === commands.toggleOutput) select(cell.id)
  }
  const register = useCallback((focus: () => void) => services.registerEditor(cell.id, focus), [services, cell.id])
  const setSource = useCallback((v: string) => services.store.getState().setSource(cell.id, v), [services, cell.id])
  const onScrub = useCallback(() => services.liveRun?.(cell.id), [services, cell.id])
  const hasOutput = output !== undefined && output.status !== 'idle'

  return (
    <article ref={article} tabIndex={-1} onKeyDown={onCellKey} className={`cell cell-${cell.kind} status-${status}`} data-testid="cell" data-cell-id={cell.id} aria-label={`Cell ${index + 1}`}>
      <div className="cell-gutter">
        {cell.kind === 'code' && (
          <button type="button" className="icon-btn run-btn" aria-label="Run cell" title="Run cell (Ctrl+Enter; Shift+Enter runs and moves on)" onClick={() => commands.runCell.run(ctx)}>
            {status === 'running' ? <span className="spinner" aria-hidden="true" /> : '▶'}
          </button>
        )}
        <span className="cell-status" aria-hidden="true">{statusMark(status)}</span>
      </div>
      <div className="cell-body">
        <div className="cell-tools" role="toolbar" aria-label="Cell tools">
          <button type="button" className="tool" onClick={() => commands.toggleKind.run(ctx)} title="Switch between code and markdown">{cell.kind === 'code' ? 'TS' : 'MD'}</button>
          <button type="button" className="tool" aria-label="Move cell up" onClick={() => commands.moveUp.run(ctx)}>↑</button>
          <button type="button" className="tool" aria-label="Move cell down" onClick={() => commands.moveDown.run(ctx)}>↓</button>
          <button type="button" className="tool" aria-label="Add a cell below" onClick={() => commands.addBelow.run(ctx)}>+</button>
          {index > 0 && <button type="button" className="tool" aria-label="Run the cells above" title="Run the cells above this one" onClick={() => commands.runAllAbove.run(ctx)}>⤒</button>}
          {cell.kind === 'code' && hasOutput && (
            <button type="button" className="tool" aria-label={collapsed ? 'Expand output' : 'Collapse output'} title={`${collapsed ? 'Expand' : 'Collapse'} output (O)`} onClick={() => commands.toggleOutput.run(ctx)}>
              {collapsed ? '▸' : '▾'}
            </button>
          )}
          <button type="button" className="tool" aria-label="Delete cell" onClick={() => commands.deleteCell.run(ctx)}>✕</button>
        </div>
        {isMarkdown && !editing ? (
          <MarkdownView
            source={cell.source}
            tabIndex={0}
            role="article"
            aria-label={`Cell ${index + 1} text (double-click or press Enter to edit)`}
            onDoubleClick={() => { setEditing(true); services.focusCell(cell.id) }}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); setEditing(true); services.focusCell(cell.id) } }}
          />
        ) : (
          <MonacoCodeEditor cellId={cell.id} language={isMarkdown ? 'markdown' : 'typescript'} value={cell.source} onChange={setSource} onKey={onKey} register={register}
            ariaLabel={`Cell ${index + 1} ${isMarkdown ? 'markdown' : 'code'}`} wrap={ui.embed} onScrub={onScrub} />
        )}
        {cell.kind === 'code' && (collapsed && hasOutput ? (
          <button type="button" className="output-collapsed" onClick={() => commands.toggleOutput.run(ctx)}>
            Output hidden · show
          </button>
        ) : <OutputBoundary resetKey={output} label="cell output"><CellOutputView output={output} /></OutputBoundary>)}
      </div>
    </article>
  )
})

function statusMark(s: string): string {
  return s === 'done' ? '✓' : s === 'error' ? '!' : s === 'queued' ? '…' : ''
}
