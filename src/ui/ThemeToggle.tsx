// Light and dark follow the system until the user picks one; the choice is remembered.
import { useEffect, useState } from 'react'
import { readViewParams } from '../notebook/embed.ts'

type Theme = 'light' | 'dark' | 'system'
const KEY = 'simplegrad-playground:theme'

export function ThemeToggle() {
  // A link's ?theme= wins for this page; only a click here is remembered.
  const [theme, setTheme] = useState<Theme>(() => readViewParams(location.search, location.hash).theme ?? (localStorage.getItem(KEY) as Theme | null) ?? 'system')
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') root.removeAttribute('data-theme')
    else root.setAttribute('data-theme', theme)
  }, [theme])
  const next: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' }
  const icon = theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'
  return (
    <button type="button" className="btn icon" onClick={() => {
      setTheme(next[theme])
      localStorage.setItem(KEY, next[theme])
    }} aria-label={`Theme: ${theme}`} title={`Theme: ${theme} (click to change)`}>
      {icon}
    </button>
  )
}
