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

export function CodeEditor({ value, onChange, onKey, register, ariaLabel }: EditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => register(() => ref.current?.focus()), [register])
  useEffect(() => {
    const el = ref.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${el.scrollHeight + 2}px`
  }, [value])
  return (
    <textarea
      ref={ref}
      className="code-editor"
      spellCheck={false}
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
