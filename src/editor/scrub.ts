// Numbers you can turn: in a code cell, hovering a number literal marks it (and its hover says
// how); dragging it left or right, or Alt+↑ / Alt+↓ with the caret on it (Shift: ten steps),
// changes it. Each change is an ordinary edit (one drag is one undo step) and calls `onScrub`,
// which re-runs the cell. A plain click still places the caret; a double-click selects the number.
import { editor, Range, type IDisposable } from 'monaco-editor/editor/editor.api'
import { nudged, numberAt, type NumberLiteral } from './literals.ts'

/** pixels of horizontal drag per step */
const PX_PER_STEP = 6
const DOUBLE_CLICK_MS = 500
const HOVER = { value: '**Drag** left or right to change this number, or put the caret on it and press **Alt+↑ / Alt+↓** (with Shift: ten steps). The cell runs again as it changes.' }

export function attachScrub(ed: editor.IStandaloneCodeEditor, model: editor.ITextModel, container: HTMLElement, onScrub: () => void): IDisposable {
  const marks = ed.createDecorationsCollection()
  let hovered: NumberLiteral | null = null
  let dragging = false
  let lastClick: { start: number; at: number } | null = null
  const isCode = () => model.getLanguageId() === 'typescript'
  const rangeOf = (start: number, end: number) => Range.fromPositions(model.getPositionAt(start), model.getPositionAt(end))
  const mark = (lit: NumberLiteral | null, active = false) => {
    hovered = lit
    marks.set(lit ? [{ range: rangeOf(lit.start, lit.end), options: { inlineClassName: active ? 'sg-scrub sg-scrub-active' : 'sg-scrub', hoverMessage: active ? undefined : HOVER } }] : [])
  }
  const literalAt = (x: number, y: number): NumberLiteral | null => {
    const t = ed.getTargetAtClientPoint(x, y)
    if (!t?.position || t.type !== editor.MouseTargetType.CONTENT_TEXT) return null
    return numberAt(model.getValue(), model.getOffsetAt(t.position))
  }
  const replace = (start: number, end: number, text: string) => {
    ed.executeEdits('scrub', [{ range: rangeOf(start, end), text, forceMoveMarkers: true }])
  }

  const onMove = (e: PointerEvent) => {
    if (dragging || !isCode()) return
    const lit = literalAt(e.clientX, e.clientY)
    if (lit?.start !== hovered?.start || lit?.text !== hovered?.text) mark(lit)
  }
  const onLeave = () => {
    if (!dragging) mark(null)
  }
  const onDown = (e: PointerEvent) => {
    if (e.button !== 0 || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || !isCode()) return
    const lit = literalAt(e.clientX, e.clientY)
    if (!lit) return
    // Monaco would start a text selection: this press is ours.
    e.preventDefault()
    e.stopPropagation()
    // a double-click selects the whole number, to type over it
    if (lastClick && lastClick.start === lit.start && e.timeStamp - lastClick.at < DOUBLE_CLICK_MS) {
      lastClick = null
      ed.setSelection(rangeOf(lit.start, lit.end))
      ed.focus()
      return
    }
    const clickAt = ed.getTargetAtClientPoint(e.clientX, e.clientY)?.position
    const startX = e.clientX
    let steps = 0
    let end = lit.end
    dragging = true
    mark(lit, true)
    document.body.classList.add('sg-scrubbing')
    ed.pushUndoStop()
    const move = (ev: PointerEvent) => {
      const k = Math.round((ev.clientX - startX) / PX_PER_STEP)
      if (k === steps) return
      steps = k
      const text = nudged(lit, k)
      replace(lit.start, end, text)
      end = lit.start + text.length
      mark({ ...lit, end, text }, true)
      onScrub()
    }
    const up = () => {
      removeEventListener('pointermove', move, true)
      removeEventListener('pointerup', up, true)
      removeEventListener('pointercancel', up, true)
      document.body.classList.remove('sg-scrubbing')
      dragging = false
      ed.pushUndoStop()
      mark(null)
      lastClick = steps === 0 ? { start: lit.start, at: e.timeStamp } : null
      if (steps === 0 && clickAt) {
        ed.setPosition(clickAt)
        ed.focus()
      }
    }
    addEventListener('pointermove', move, true)
    addEventListener('pointerup', up, true)
    addEventListener('pointercancel', up, true)
  }
  container.addEventListener('pointermove', onMove)
  container.addEventListener('pointerleave', onLeave)
  container.addEventListener('pointerdown', onDown, true)

  const keys = ed.onKeyDown((e) => {
    const k = e.browserEvent
    if (!k.altKey || k.ctrlKey || k.metaKey || (k.key !== 'ArrowUp' && k.key !== 'ArrowDown') || !isCode()) return
    const sel = ed.getSelection()
    if (!sel || !sel.isEmpty()) return
    const offset = model.getOffsetAt(sel.getPosition())
    const lit = numberAt(model.getValue(), offset)
    if (!lit) return
    // Alt+↑ / Alt+↓ move a line elsewhere; on a number they turn it.
    e.preventDefault()
    e.stopPropagation()
    const text = nudged(lit, (k.key === 'ArrowUp' ? 1 : -1) * (k.shiftKey ? 10 : 1))
    ed.pushUndoStop()
    replace(lit.start, lit.end, text)
    ed.pushUndoStop()
    ed.setPosition(model.getPositionAt(Math.min(offset, lit.start + text.length)))
    onScrub()
  })

  return {
    dispose() {
      container.removeEventListener('pointermove', onMove)
      container.removeEventListener('pointerleave', onLeave)
      container.removeEventListener('pointerdown', onDown, true)
      keys.dispose()
      marks.clear()
    },
  }
}
