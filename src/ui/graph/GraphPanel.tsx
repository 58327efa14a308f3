// The graph panel: the last graph a cell sent, or an invitation to make one. It reads the store;
// the drawing itself lives in graph/ (layout, replay, rendering), the parts in this folder.
import { useMemo } from 'react'
import { useNotebook } from '../context.ts'
import { SnapshotView } from './SnapshotView.tsx'
import '../graph.css'

export function GraphPanel() {
  const graphs = useNotebook((s) => s.graphs)
  const graphCell = useNotebook((s) => s.graphCell)
  const cells = useNotebook((s) => s.cells)
  const step = useNotebook((s) => s.step)
  const setStep = useNotebook((s) => s.setStep)
  const showGraph = useNotebook((s) => s.showGraph)
  const snap = graphCell ? graphs[graphCell] : undefined
  const withGraphs = cells.filter((c) => graphs[c.id])
  const at = cells.findIndex((c) => c.id === graphCell)
  const source = at === -1 ? '' : cells[at].source
  const laterText = at === -1 ? '' : cells.slice(at + 1).filter((c) => c.kind === 'code').map((c) => c.source).join('\n\u0000')
  const later = useMemo(() => (laterText ? laterText.split('\n\u0000') : []), [laterText])

  if (!snap || !graphCell) {
    return (
      <section className="graph-panel graph-empty" aria-label="Graph">
        <div className="graph-empty-art" aria-hidden="true">
          <span>x</span><i>×</i><span>y</span><b>→</b><span>z</span>
        </div>
        <p>Run a cell that calls <code>backward(...)</code> or <code>draw(...)</code> to see its graph.</p>
        <p className="graph-muted">Then step through backpropagation one node at a time.</p>
      </section>
    )
  }
  return (
    <SnapshotView key={graphCell} snap={snap} cellId={graphCell} source={source} later={later} step={step} setStep={setStep}
      picker={withGraphs.length > 1 ? (
        <label className="graph-picker">
          <span className="graph-muted">Cell</span>
          <select aria-label="Show the graph of cell" value={graphCell ?? ''} onChange={(e) => showGraph(e.target.value)}>
            {withGraphs.map((c) => <option key={c.id} value={c.id}>{`Cell ${cells.indexOf(c) + 1}`}</option>)}
          </select>
        </label>
      ) : null} />
  )
}
