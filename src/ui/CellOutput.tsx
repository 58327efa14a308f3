// What a cell printed: its lines (as text, never HTML), the note on left-out lines, and errors;
// below them, what it drew: the progress of a long loop, plots, images and drawing pads.
import { useContext } from 'react'
import type { CellOutput as Output } from '../notebook/types.ts'
import { Services } from './context.ts'
import { DrawingPad } from './DrawingPad.tsx'
import { ImagePlot } from './ImagePlot.tsx'
import { OutputBoundary } from './OutputBoundary.tsx'
import { Plot } from './Plot.tsx'
import { ProgressView } from './Progress.tsx'
import './plots.css'

export interface CellOutputProps {
  output: Output | undefined
  /** a drawing pad's strokes: by default the notebook store's invokePad */
  onPad?: (handle: number, pixels: number[]) => void
}

export function CellOutputView({ output, onPad }: CellOutputProps) {
  const services = useContext(Services)
  if (!output) return null
  const { lines, partial, tail, omitted, error, status } = output
  const plots = output.plots ?? []
  const pads = output.pads ?? []
  const progress = output.progress
  const text = [...lines, ...(omitted || tail.length ? [] : partial ? [partial] : [])]
  const empty = text.length === 0 && tail.length === 0 && !error
  const figures = plots.length > 0 || pads.length > 0 || progress !== undefined
  const showText = !empty || (status === 'running' && !figures) || status === 'stopped'
  if (!showText && !figures) return null
  const invoke = onPad ?? ((handle: number, pixels: number[]) => services?.store.getState().invokePad(handle, pixels))
  return (
    <>
      {showText && (
        <div className="cell-output" data-testid="cell-output" data-ms={output.ms !== undefined ? Math.round(output.ms) : undefined} aria-live="polite">
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
          {status === 'running' && empty && !figures && <div className="out-running">Running…</div>}
          {status === 'stopped' && <div className="out-omitted">Stopped.</div>}
        </div>
      )}
      {figures && (
        <div className="cell-figures" data-testid="cell-figures" data-ms={output.ms !== undefined ? Math.round(output.ms) : undefined}>
          {progress && <ProgressView progress={progress} running={status === 'running'} />}
          {plots.length > 0 && (
            <div className="figure-row">
              {plots.map((p) => (
                <OutputBoundary key={p.id} resetKey={p} label="plot">
                  {p.kind === 'xy' ? <Plot spec={p} /> : <ImagePlot spec={p} />}
                </OutputBoundary>
              ))}
            </div>
          )}
          {pads.map((p) => (
            <OutputBoundary key={p.handle} resetKey={p} label="drawing pad">
              <DrawingPad handle={p.handle} rows={p.rows} cols={p.cols} title={p.title} result={p.result} onDraw={invoke} />
            </OutputBoundary>
          ))}
        </div>
      )}
    </>
  )
}
