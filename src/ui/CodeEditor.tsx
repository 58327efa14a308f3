// A cell's editor. Plain text for now; the Monaco editor replaces it with the same props.
import { useEffect, useRef } from 'react'

export interface EditorProps {
  value: string
  onChange(value: string): void
  /** keys the notebook handles (run, run and advance, run all); return true if handled */
  onKey(e: KeyboardEvent): boolean
  register(focus: () => void): () => void
  ariaLabel: string
}

interface PlainEditorProps extends EditorProps {
  /** wrap long lines, as Monaco does in the embed view */
  wrap?: boolean
}

export function CodeEditor({ value, onChange, onKey, register, ariaLabel, wrap = false }: PlainEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => register(() => ref.current?.focus()), [register])
  useEffect(() => {
    const el = ref.current
    if (!el) return
    el.style.height = 'auto'
    // Lines wrap only where Monaco's do (the embed view): Monaco replaces this editor, and the
    // cell keeps its height then.
    // (offsetHeight - clientHeight is the horizontal scrollbar, when a line is too long.)
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight + 2}px`
  }, [value, wrap])
  return (
    <textarea
      ref={ref}
      className="code-editor"
      spellCheck={false}
      wrap={wrap ? 'soft' : 'off'}
      aria-label={ariaLabel}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (onKey(e.nativeEvent)) e.preventDefault()
        else if (e.key === 'Tab') {
          e.preventDefault()
          const el = e.currentTarget
          const { selectionStart: s, selectionEnd: t } = el
          onChange(el.value.slice(0, s) + '  ' + el.value.slice(t))
          requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2))
        }
      }}
    />
  )
}
