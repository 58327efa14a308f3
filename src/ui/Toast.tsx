// After a cell is deleted (any way), a toast says so with a button named Undo, for a few seconds.
import { useEffect, useRef, useState } from 'react'
import { commands } from '../notebook/commands.ts'
import { useNotebook, useServices } from './context.ts'

export const TOAST_MS = 8000

export function UndoToast() {
  const services = useServices()
  const last = useNotebook((s) => s.deleted.at(-1))
  const seen = useRef(0)
  const [visible, setVisible] = useState<number | null>(null)
  useEffect(() => {
    if (!last || last.seq <= seen.current) return
    seen.current = last.seq
    setVisible(last.seq)
    const seq = last.seq
    const t = setTimeout(() => setVisible((v) => (v === seq ? null : v)), TOAST_MS)
    return () => clearTimeout(t)
  }, [last])
  if (!last || visible !== last.seq) return null
  const what = last.cell.kind === 'markdown' ? 'text cell' : 'cell'
  const undo = () => {
    setVisible(null)
    commands.undoDelete.run({
      ...services.ctx(),
      select: (id) => requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="cell"][data-cell-id="${CSS.escape(id)}"]`)?.focus()),
    })
  }
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>Deleted {what} {last.index + 1}.</span>
      <button type="button" className="btn small primary" onClick={undo} title="Bring the cell back (Z in command mode)">Undo</button>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setVisible(null)}>×</button>
    </div>
  )
}
