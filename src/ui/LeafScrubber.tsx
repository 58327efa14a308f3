// Clicking a leaf of the graph (a Value made from a number) offers to turn the number that made
// it: a small scrubber beside the node, dragged or moved with the arrow keys. Each change is an
// edit of the cell's editor (undoable there) and re-runs the cell, so the graph follows. The graph
// panel is wrapped from the outside: clicks on its nodes are read here by their test hooks.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { editCellText, findLeafLiteral, nudged, type NumberLiteral } from '../editor/index.ts'
import { nodeLines } from '../graph/source-lines.ts'
import { useNotebook, useServices } from './context.ts'

interface Target {
  cellId: string
  label: string
  lit: Pick<NumberLiteral, 'start' | 'text' | 'decimals' | 'step'>
  x: number
  y: number
}

const PX_PER_STEP = 6

export function LeafScrubber({ children }: { children: ReactNode }) {
  const services = useServices()
  const graphCell = useNotebook((s) => s.graphCell)
  const [target, setTargetState] = useState<Target | null>(null)
  // the newest target, for a drag's handlers (state in their closure would be stale)
  const current = useRef<Target | null>(null)
  const setTarget = (t: Target | null) => {
    current.current = t
    setTargetState(t)
  }
  const slider = useRef<HTMLSpanElement>(null)
  const opened = target ? `${target.cellId}:${target.lit.start}` : null
  useEffect(() => {
    if (opened) slider.current?.focus({ preventScroll: true })
  }, [opened])
  const [note, setNote] = useState<{ text: string; x: number; y: number } | null>(null)
  const box = useRef<HTMLDivElement>(null)

  const onClick = (e: React.MouseEvent) => {
    const el = (e.target as Element).closest?.('[data-testid="graph-node"]')
    const s = services.store.getState()
    if (!el || !box.current || !graphCell) return
    const node = s.graphs[graphCell]?.nodes[Number(el.getAttribute('data-id'))]
    const cell = s.cells.find((c) => c.id === graphCell)
    const r = el.getBoundingClientRect(), b = box.current.getBoundingClientRect()
    // below the node, so the nodes whose grads change stay in view (the graph's hover card is
    // hidden meanwhile, see features.css)
    const at = { x: Math.min(Math.max(8, r.left - b.left), b.width - 250), y: Math.min(r.bottom - b.top + 6, b.height - 70) }
    if (!node || !cell) return
    if (node.op !== '' || typeof node.data !== 'number') {
      setTarget(null)
      return
    }
    // the line that made the node, as the graph marks it in the editor (0: not in this cell)
    const line = nodeLines(s.graphs[graphCell]!, cell.source)[node.id]
    const lit = findLeafLiteral(cell.source, { label: node.label, data: node.data, line: line > 0 ? line : undefined })
    if (!lit) {
      setTarget(null)
      setNote({ text: `The number behind ${node.label || 'this leaf'} is not written in this cell.`, ...at })
      return
    }
    setNote(null)
    setTarget({ cellId: cell.id, label: node.label, lit, ...at })
  }

  const change = (steps: number, undoStop: 'before' | 'none') => {
    const target = current.current
    if (!target || steps === 0) return
    const { lit } = target
    const text = nudged({ value: Number(lit.text), decimals: lit.decimals, step: lit.step }, steps)
    const end = lit.start + lit.text.length
    if (!editCellText(target.cellId, lit.start, end, text, undoStop)) {
      const s = services.store.getState()
      const src = s.cells.find((c) => c.id === target.cellId)?.source ?? ''
      s.setSource(target.cellId, src.slice(0, lit.start) + text + src.slice(end))
    }
    setTarget({ ...target, lit: { ...lit, text } })
    services.liveRun?.(target.cellId)
  }

  return (
    <div ref={box} className={`leaf-scrub-host${target ? ' scrubbing' : ''}`} onClick={onClick}>
      {children}
      {target && (
        <div className="leaf-scrub" style={{ left: target.x, top: target.y }} role="group" aria-label={`Change ${target.label || 'the number'}`} onClick={(e) => e.stopPropagation()}>
          <span className="leaf-scrub-name">{target.label || 'value'} =</span>
          <button type="button" className="icon-btn" aria-label="Smaller" onClick={() => change(-1, 'before')}>−</button>
          <span
            className="leaf-scrub-value" role="slider" tabIndex={0} ref={slider}
            aria-label={`${target.label || 'number'} in the code`} aria-valuenow={Number(target.lit.text)} aria-valuetext={target.lit.text}
            title="Drag left or right, or use the arrow keys (Shift: ten steps)"
            onKeyDown={(e) => {
              const k = e.shiftKey || e.key.startsWith('Page') ? 10 : 1
              const dir = e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'PageUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' || e.key === 'PageDown' ? -1 : 0
              if (dir) {
                e.preventDefault()
                change(dir * k, 'before')
              } else if (e.key === 'Escape') setTarget(null)
            }}
            onPointerDown={(e) => {
              const el = e.currentTarget
              el.setPointerCapture(e.pointerId)
              const x0 = e.clientX
              let done = 0
              const move = (ev: PointerEvent) => {
                const k = Math.round((ev.clientX - x0) / PX_PER_STEP)
                if (k !== done) {
                  change(k - done, done === 0 ? 'before' : 'none')
                  done = k
                }
              }
              const up = () => {
                el.removeEventListener('pointermove', move)
                el.removeEventListener('pointerup', up)
              }
              el.addEventListener('pointermove', move)
              el.addEventListener('pointerup', up)
            }}
          >{target.lit.text}</span>
          <button type="button" className="icon-btn" aria-label="Larger" onClick={() => change(1, 'before')}>+</button>
          <button type="button" className="toast-close" aria-label="Close" onClick={() => setTarget(null)}>×</button>
        </div>
      )}
      {note && !target && (
        <div className="leaf-scrub leaf-note" role="status" style={{ left: note.x, top: note.y }} onClick={() => setNote(null)}>{note.text}</div>
      )}
    </div>
  )
}
