// A cell's editor: Monaco, which knows SimpleGrad's types (src/editor/), once it has loaded; the
// plain textarea editor until then, so the page is readable and runnable at once. Same props as
// CodeEditor, plus the cell's id and language.
//
// Monaco waits while cells run (a ?run=1 link starts them as the page opens): evaluating it and
// making the editors took about half a second of the main thread, and on a two-core machine that
// made the sandbox's first run about 15% slower. It loads once the cells are done, after
// WAIT_LIMIT_MS at most (a loop that never ends), or at once when someone clicks or types in a cell.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import { loadCellEditors, type CellEditor, type CellLanguage } from '../editor/index.ts'
import { CodeEditor, type EditorProps } from './CodeEditor.tsx'
import { useNotebook } from './context.ts'

type Setup = Awaited<ReturnType<typeof loadCellEditors>>

export interface MonacoEditorProps extends EditorProps {
  /** Names the cell's model and keys its markers (setErrorMarker, getMarkers in src/editor/). */
  cellId?: string
  /** 'markdown' for a markdown cell; TypeScript otherwise. */
  language?: CellLanguage
  /** wrap long lines (the embed view) */
  wrap?: boolean
  /** a number in the cell was scrubbed */
  onScrub?(): void
}

let loaded: Setup | undefined
let anonymous = 0

// Well past a ?run=1 tutorial's training on a busy machine (it ends about 2.2 s after the page
// opens here); until then a click or a key brings Monaco anyway.
export const WAIT_LIMIT_MS = 8000

// The gate, shared by every cell: once open, all editors load.
let gateOpen = false
let gateDeadline: number | undefined
const gateListeners = new Set<() => void>()
function openGate(): void {
  if (gateOpen) return
  gateOpen = true
  for (const l of gateListeners) l()
}
const subscribeGate = (l: () => void) => {
  gateListeners.add(l)
  return () => gateListeners.delete(l)
}
const gateState = () => gateOpen

/** True once Monaco may load: no cell is running, the wait ran out, or someone used an editor. */
function useGate(): boolean {
  const open = useSyncExternalStore(subscribeGate, gateState)
  const busy = useNotebook((s) => s.current !== null || s.queue.length > 0)
  useEffect(() => {
    if (open) return
    if (!busy) return openGate()
    gateDeadline ??= performance.now() + WAIT_LIMIT_MS
    const t = setTimeout(openGate, gateDeadline - performance.now())
    return () => clearTimeout(t)
  }, [open, busy])
  return open
}

export function MonacoCodeEditor(props: MonacoEditorProps) {
  const [setup, setSetup] = useState<Setup | undefined>(loaded)
  const fallback = useRef<HTMLDivElement>(null)
  const focusAt = useRef<number | undefined>(undefined)
  const open = useGate()
  useEffect(() => {
    if (setup || !open) return
    let live = true
    loadCellEditors().then((s) => {
      loaded = s
      if (!live) return
      // Keep the caret where it was if the user is typing in the plain editor.
      const ta = fallback.current?.querySelector('textarea')
      if (ta && document.activeElement === ta) focusAt.current = ta.selectionStart
      setSetup(s)
    }, (err: unknown) => console.warn('The code editor did not load; keeping the plain one.', err))
    return () => {
      live = false
    }
  }, [setup, open])

  if (!setup) {
    return (
      <div ref={fallback} style={{ display: 'contents' }} onPointerDown={openGate} onKeyDown={openGate}>
        <CodeEditor value={props.value} onChange={props.onChange} onKey={props.onKey} register={props.register} ariaLabel={props.ariaLabel} wrap={props.wrap} />
      </div>
    )
  }
  return <MonacoHost setup={setup} props={props} focusAt={focusAt} />
}

function MonacoHost({ setup, props, focusAt }: { setup: Setup; props: MonacoEditorProps; focusAt: { current: number | undefined } }) {
  const container = useRef<HTMLDivElement>(null)
  const latest = useRef(props)
  const [anonymousId] = useState(() => `editor-${++anonymous}`)
  const id = props.cellId ?? anonymousId
  const [handle, setHandle] = useState<CellEditor | undefined>(undefined)
  const { value, language = 'typescript', ariaLabel, register } = props

  useLayoutEffect(() => {
    latest.current = props
  })

  useEffect(() => {
    const p = latest.current
    const h = setup.createCellEditor(container.current!, {
      cellId: id,
      value: p.value,
      language: p.language ?? 'typescript',
      ariaLabel: p.ariaLabel,
      onChange: (v) => latest.current.onChange(v),
      onKey: (e) => latest.current.onKey(e),
      wrap: p.wrap,
      onScrub: () => latest.current.onScrub?.(),
    })
    setHandle(h)
    if (focusAt.current !== undefined) {
      h.focus(focusAt.current)
      focusAt.current = undefined
    }
    return () => {
      h.dispose()
      setHandle(undefined)
    }
  }, [setup, id, focusAt])

  useEffect(() => handle?.setValue(value), [handle, value])
  useEffect(() => handle?.setLanguage(language), [handle, language])
  useEffect(() => handle?.setAriaLabel(ariaLabel), [handle, ariaLabel])
  useEffect(() => (handle ? register(() => handle.focus()) : undefined), [handle, register])

  // The height the editor will have, so that the page does not jump when it appears.
  const lines = value.split('\n').length
  return <div ref={container} className="sg-monaco" style={{ height: lines * 21 + 20 }} />
}
