// Monaco follows the page's theme: `data-theme="dark" | "light"` on <html>, or the system's
// preference when the attribute is absent. The editor's background is transparent, so the
// page's own `--code-bg` shows through in both.
import { editor } from 'monaco-editor/editor/editor.api'

const colors = {
  'editor.background': '#00000000',
  'editorGutter.background': '#00000000',
  'editor.lineHighlightBackground': '#00000000',
}

let started = false

export function isDark(): boolean {
  const attr = document.documentElement.getAttribute('data-theme')
  if (attr === 'dark' || attr === 'light') return attr === 'dark'
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false
}

export function followTheme(): void {
  if (started) return
  started = true
  editor.defineTheme('simplegrad-light', { base: 'vs', inherit: true, rules: [], colors: { ...colors, 'editor.lineHighlightBorder': '#0000000f' } })
  editor.defineTheme('simplegrad-dark', { base: 'vs-dark', inherit: true, rules: [], colors: { ...colors, 'editor.lineHighlightBorder': '#ffffff14' } })
  const apply = () => editor.setTheme(isDark() ? 'simplegrad-dark' : 'simplegrad-light')
  apply()
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', apply)
}
