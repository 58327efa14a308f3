// The toolbar: run, stop, share, and the page's settings.
import { commands } from '../notebook/commands.ts'
import { useNotebook, useServices } from './context.ts'
import { ThemeToggle } from './ThemeToggle.tsx'

export function Toolbar({ extra }: { extra?: React.ReactNode }) {
  const services = useServices()
  const busy = useNotebook((s) => s.current !== null || s.queue.length > 0)
  const ctx = services.ctx()
  return (
    <header className="toolbar" role="toolbar" aria-label="Notebook">
      <h1 className="brand">
        <span className="logo" aria-hidden="true">∂</span>
        <span>SimpleGrad <span className="brand-light">Playground</span></span>
      </h1>
      <div className="toolbar-actions">
        <button type="button" className="btn primary" onClick={() => commands.runAll.run(ctx)} title="Run all (Ctrl+Shift+Enter)">
          ▶▶ Run all
        </button>
        <button type="button" className="btn" onClick={() => commands.stop.run(ctx)} disabled={!busy} title="Stop: ends the sandbox at once">
          ■ Stop
        </button>
        {extra}
      </div>
      <div className="toolbar-end">
        <ThemeToggle />
      </div>
    </header>
  )
}
