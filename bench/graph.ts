// Graph layout: the layered layout of src/graph/layout.ts against the dagre layout it replaced
// (bench/dagre-layout.ts), side by side on the same snapshots. The snapshots are made by the real
// engine and the worker's snapshot code: a linear-regression loss of p points (9 nodes a point),
// of about 100, 560, 2,000 and 5,000 nodes, every node drawn (no groups), as the old panel drew
// them, timed as CPU time (user + system, medians). The grouped view (what the panel now opens with) is timed too. Drawing the first frame is
// the browser's part: e2e/graph-perf.spec.ts prints it.
import { backward, setBackwardObserver, Value, type ValueNode } from '../src/engine/index.ts'
import type { GraphSnapshot } from '../src/protocol/messages.ts'
import { BackwardRecorder } from '../src/runtime/snapshot.ts'
import { findGroups } from '../src/graph/groups.ts'
import { layoutGraph } from '../src/graph/layout.ts'
import { fullView, groupedView } from '../src/graph/view.ts'
import { dagreLayout, fullView as oldView } from './dagre-layout.ts'
import { median, type Row } from './stats.ts'

/** The tutorial's loss over p made-up points, as the snippet builds it, and its snapshot. */
export function lossSnapshot(points: number): GraphSnapshot {
  const rec = new BackwardRecorder()
  setBackwardObserver(rec.observe)
  try {
    const m = Value(0.5), b = Value(0.1)
    m.label = 'm'
    b.label = 'b'
    let loss: ValueNode = Value(0)
    for (let i = 0; i < points; i++) {
      const pred = Value(40 + ((i * 37) % 51)).mul(m).add(b)
      pred.label = 'pred'
      loss = loss.add(pred.sub(Value(90 + ((i * 53) % 101))).pow(2))
      loss.label = 'loss'
    }
    backward(loss)
    // built before the observer goes: a call's numbers are refused once it is forgotten
    return rec.build()!
  } finally {
    setBackwardObserver(null)
  }
}

/** CPU milliseconds of f (user + system): steadier than wall time on a shared machine. */
function cpu(f: () => void): number {
  const c0 = process.cpuUsage()
  f()
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1000
}

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`

export function graphBench(): Row[] {
  const rows: Row[] = []
  for (const size of [100, 560, 2000, 5000]) {
    const s = lossSnapshot(Math.round((size - 3) / 9))
    const runs = size > 1000 ? 5 : 11
    // alternated, after a warm-up of each
    layoutGraph(fullView(s), { dir: 'TB' })
    dagreLayout(oldView(s), size > 1500 ? { ranker: 'longest-path' } : {})
    const ours: number[] = [], old: number[] = [], grouped: number[] = []
    for (let r = 0; r < runs; r++) {
      ours.push(cpu(() => layoutGraph(fullView(s), { dir: 'TB' })))
      // the old panel's options: the faster ranker above 1,500 drawn elements (in a worker)
      old.push(cpu(() => dagreLayout(oldView(s), size > 1500 ? { ranker: 'longest-path' } : {})))
      grouped.push(cpu(() => layoutGraph(groupedView(s, findGroups(s)), { dir: 'TB' })))
    }
    const [a, b] = [median(ours), median(old)]
    rows.push({ name: `graph: layout of ${s.nodes.length.toLocaleString('en')} nodes, all drawn (layered vs dagre)`, value: ms(a), baseline: ms(b), ratio: `${(b / a).toFixed(1)}× faster` })
    rows.push({ name: `graph: the same, grouped as the panel opens it (groups found + layout)`, value: ms(median(grouped)) })
  }
  return rows
}
