// The keyboard shortcuts, listed from the command table (notebook/commands.ts), so the help can
// never disagree with the keys.
import { useEffect, useRef } from 'react'
import { commandList, showKey, type CommandGroup } from '../notebook/commands.ts'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const GROUPS: CommandGroup[] = ['Run', 'Cells', 'Move around', 'Notebook']

export function HelpDialog({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null
    close.current?.focus()
    return () => back?.focus?.()
  }, [])
  return (
    <div className="help-backdrop" onClick={onClose}>
      <div className="help-dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose() } }}>
        <header className="help-head">
          <h2>Keyboard shortcuts</h2>
          <button ref={close} type="button" className="btn small" onClick={onClose}>Close</button>
        </header>
        <p className="help-intro">As in Jupyter: <kbd>Esc</kbd> leaves the editor and selects the cell (command mode); <kbd>Enter</kbd> edits it again. On a number, drag it or press <kbd>Alt+↑</kbd>/<kbd>Alt+↓</kbd> to turn it.</p>
        <div className="help-grid">
          {GROUPS.map((g) => (
            <section key={g} aria-label={g}>
              <h3>{g}</h3>
              <table>
                <thead><tr><th scope="col">Command</th><th scope="col">Command mode</th><th scope="col">Editing</th></tr></thead>
                <tbody>
                  {commandList.filter((c) => c.group === g && (c.keys || c.shortcut)).map((c) => (
                    <tr key={c.id} data-command={c.id}>
                      <td>{c.label}</td>
                      <td>{(c.keys ?? []).map((k) => <kbd key={k}>{showKey(k, isMac)}</kbd>)}</td>
                      <td>{c.shortcut && <kbd>{showKey(c.shortcut, isMac)}</kbd>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}
