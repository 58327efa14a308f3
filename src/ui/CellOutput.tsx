// What a cell printed: its lines (as text, never HTML), the note on left-out lines, and errors.
import type { CellOutput as Output } from '../notebook/types.ts'

export function CellOutputView({ output }: { output: Output | undefined }) {
  if (!output) return null
  const { lines, partial, tail, omitted, error, status } = output
  const text = [...lines, ...(omitted || tail.length ? [] : partial ? [partial] : [])]
  const empty = text.length === 0 && tail.length === 0 && !error
  if (empty && status !== 'running' && status !== 'stopped') return null
  return (
    <div className="cell-output" data-testid="cell-output" aria-live="polite">
      {text.length > 0 && <pre className="out-lines">{text.join('\n')}</pre>}
      {omitted > 0 && <div className="out-omitted">… {omitted.toLocaleString('en')} more lines not shown …</div>}
      {tail.length > 0 && <pre className="out-lines">{[...tail, ...(partial ? [partial] : [])].join('\n')}</pre>}
      {error && (
        <pre className="out-error" role="alert">
          {error.line !== undefined ? `Line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}: ` : ''}
          {error.name && error.name !== 'Error' ? `${error.name}: ` : ''}
          {error.message}
        </pre>
      )}
      {status === 'running' && empty && <div className="out-running">Running…</div>}
      {status === 'stopped' && <div className="out-omitted">Stopped.</div>}
    </div>
  )
}
