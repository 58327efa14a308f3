// Layout timings for synthetic graphs of 100 to 5,000 nodes (linear-regression terms).
// Opt-in, since it takes seconds: GRAPH_TIMINGS=1 npx vitest run src/graph/timing.test.ts
// Drawing is timed in the browser: e2e/graph.spec.ts prints the panel's User Timing entries.
import { describe, expect, it } from 'vitest'
import { syntheticGraph } from './fixtures.ts'
import { layoutGraph } from './layout.ts'
import { fullView, summaryView } from './view.ts'

describe.runIf(process.env.GRAPH_TIMINGS)('layout timings', () => {
  it('prints layout times', () => {
    layoutGraph(fullView(syntheticGraph(100))) // warm up
    for (const size of [100, 560, 2000, 5000]) {
      const s = syntheticGraph(size)
      const opts = size > 1000 ? { ranker: 'longest-path' as const } : {}
      const t0 = performance.now()
      const l = layoutGraph(fullView(s), opts)
      const t1 = performance.now()
      layoutGraph(summaryView(s))
      const t2 = performance.now()
      console.log(`${s.nodes.length} nodes: full layout ${(t1 - t0).toFixed(0)} ms (${l.width}×${l.height} px), summary ${(t2 - t1).toFixed(0)} ms`)
      expect(l.cards).toHaveLength(s.nodes.length)
    }
  }, 120_000)
})
