// While a long loop runs, the worker's runtime refreshes the graph panel about once a second: for
// Values it reads the clock only after about 20,000 nodes of backward calls, for Tensors at every
// call. The clock is a stand-in that jumps, so that the test takes no real second.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compile } from '../compiler/compile.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'
import type { WorkerToHost } from '../protocol/messages.ts'

afterEach(() => vi.restoreAllMocks())

/** How many graph messages a cell sends before it is done, with a clock that moves `step` ms a read. */
async function liveGraphs(source: string, step: number): Promise<number> {
  let now = 0
  vi.spyOn(performance, 'now').mockImplementation(() => (now += step))
  const sent: WorkerToHost[] = []
  const runtime = createSandboxRuntime(globalThis as unknown as Record<string, unknown>, (m) => { sent.push(m) })
  try {
    const compiled = compile(source, { sourceURL: 'live.ts' })
    if (!compiled.ok) throw new Error(compiled.error.message)
    await runtime.run({ type: 'run', runId: 1, cellId: 'c1', code: compiled.code, map: compiled.map })
  } finally {
    runtime.reset()
  }
  const error = sent.find((m) => m.type === 'error')
  if (error) throw new Error(JSON.stringify(error))
  // the last graph is the one sent at the end of the cell
  return sent.filter((m) => m.type === 'graph').length - 1
}

describe('live graphs', () => {
  it('come while a loop of small Value graphs runs, though the clock is not read at every call', async () => {
    // 3,000 calls of 9 nodes: one clock read per ~2,200 calls. Each read is a second later, and a
    // refresh that took a second waits 50 (LIVE_GRAPH_SHARE): a read at every call would send ~60.
    const n = await liveGraphs(`const w = Value(0.5)
for (let i = 0; i < 3000; i++) {
  w.grad = 0
  const loss = (w * 2 - 1) ^ 2
  backward(loss)
  w.data -= w.grad * 0.01
}`, 1000)
    expect(n).toBeGreaterThanOrEqual(1)
    expect(n).toBeLessThanOrEqual(2)
  })

  it('come for a loop of Tensor calls, whose clock is read at every call', async () => {
    // 120 calls of 3 nodes, far fewer than 20,000: only reading at every call sends any
    const n = await liveGraphs(`const W = Tensor([[0.5, -1], [2, 0.25]])
for (let i = 0; i < 120; i++) {
  W.grad = zeros(2, 2)
  backward(sum(W * W))
  W.data = W.data - W.grad * 0.1
}`, 1000)
    expect(n).toBeGreaterThanOrEqual(2)
  })
})
