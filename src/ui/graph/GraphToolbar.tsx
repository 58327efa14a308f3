// The graph's tools: zoom, Fit, Predict, the gradient check and export.
import type { GraphCanvas } from '../../graph/canvas.ts'

export function GraphToolbar({ canvas, name, onCheck, predict, setPredict, canPredict }: {
  canvas: () => GraphCanvas | null; name: string; onCheck(): void; predict: boolean; setPredict(on: boolean): void; canPredict: boolean
}) {
  return (
    <div className="graph-tools" role="toolbar" aria-label="Graph view">
      <button type="button" className="graph-btn" onClick={() => canvas()?.zoomBy(1.3)} aria-label="Zoom in" title="Zoom in">+</button>
      <button type="button" className="graph-btn" onClick={() => canvas()?.zoomBy(1 / 1.3)} aria-label="Zoom out" title="Zoom out">−</button>
      <button type="button" className="graph-btn" onClick={() => canvas()?.fit()} title="Fit the whole graph in view">Fit</button>
      {canPredict && (
        <button type="button" className={`graph-btn${predict ? ' primary' : ''}`} aria-pressed={predict} onClick={() => setPredict(!predict)}
          title="Predict each step's grads before they are shown">Predict</button>
      )}
      <button type="button" className="graph-btn" onClick={onCheck}
        title="Compare each leaf's grad with a finite-difference estimate">Check gradients</button>
      <button type="button" className="graph-btn" onClick={() => canvas()?.exportSvg(name)} aria-label="Export SVG" title="Save the graph as SVG">SVG</button>
      <button type="button" className="graph-btn" onClick={() => void canvas()?.exportPng(name)} aria-label="Export PNG" title="Save the graph as PNG">PNG</button>
    </div>
  )
}
