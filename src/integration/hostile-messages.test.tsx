// @vitest-environment jsdom
// Messages the real runtime sends (the usage example, plots, images, pads, progress, Tensor
// graphs), then the same with one field at its worst, through the door, into the store and onto
// the page's renderers (a cell's output and the graph panel). The schema and the relay accept
// every real message unchanged; whatever the door lets through is drawn without a renderer
// throwing (no error boundary has to step in); nothing throws at all.
import fc from 'fast-check'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import { compile } from '../compiler/compile.ts'
import { usage } from '../examples/usage.ts'
import { createNotebookStore, type NotebookEnv, type NotebookState } from '../notebook/store.ts'
import type { WorkerToHost } from '../protocol/messages.ts'
import { RELAY_JS, relayShapes } from '../protocol/relay.ts'
import { parseWorkerMessage } from '../protocol/schema.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'
import '../runtime/extensions/index.ts'
import { CellOutputView } from '../ui/CellOutput.tsx'
import { Services } from '../ui/context.ts'
import { GraphPanel } from '../ui/GraphPanel.tsx'
import { OutputBoundary } from '../ui/OutputBoundary.tsx'
import { paths, setAt } from '../protocol/mutants.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const relayCopy = new Function(`${RELAY_JS}; return relayCopy`)() as (shapes: unknown, m: unknown) => unknown
const SHAPES = relayShapes()

const EXTRA = [
  `const h = scatter([1, 2, 3], [3, 1, 2], { label: 'a', color: 'crimson', title: 't' })
plot([1, 2, 3], { label: 'b', add: true })
imshow([[0, 1, 0.5], [1, 0, 0.25]])
for (const i of progress.range(3)) print(i)
println()
pad((px: number[]) => px.length)`,
  `const w = Tensor([[1, -2], [3, 4]])
const x = Tensor([[0.5, 1]])
const loss = sum(relu(x * w))
backward(loss)
draw(loss)`,
  `const big = Tensor(zeros(30, 30))
backward(sum(big))
throw new Error('and an error')`,
]

const real: WorkerToHost[] = []
const saved = { ...console }
beforeAll(async () => {
  const runtime = createSandboxRuntime(globalThis as unknown as Record<string, unknown>, (m) => real.push(m))
  const sources = [...usage.cells.filter((c) => c.kind === 'code').map((c) => c.source), ...EXTRA]
  for (const [i, source] of sources.entries()) {
    const c = compile(source, { sourceURL: `h-${i}.ts` })
    if (!c.ok) throw new Error(c.error.message)
    await runtime.run({ type: 'run', runId: i + 1, cellId: 'c', code: c.code, map: c.map })
  }
  runtime.reset()
  Object.assign(console, saved)
}, 60_000)
afterAll(() => Object.assign(console, saved))

/** A store with one code cell whose run is in progress, and the page's renderers drawing it. */
function page(): { store: StoreApi<NotebookState>; host: HTMLElement; root: Root; runId: number } {
  let runId = 0
  const env: NotebookEnv = {
    compile: () => ({ ok: true, code: '', map: { lines: [] } }),
    send: (r) => { runId = r.runId },
    kill() {}, provide() {}, invoke() {}, newId: () => 'cell',
  }
  const store = createNotebookStore(env)
  store.getState().runCells(['cell'])
  const host = document.createElement('div')
  document.body.append(host)
  const root = createRoot(host)
  const render = () => root.render(
    <Services.Provider value={{ store, ctx: () => ({ store }), focusCell() {}, registerEditor: () => () => {} }}>
      <OutputBoundary resetKey={store.getState().outputs.cell}><CellOutputView output={store.getState().outputs.cell} /></OutputBoundary>
      <OutputBoundary resetKey={store.getState().graphs}><GraphPanel /></OutputBoundary>
    </Services.Provider>,
  )
  act(render)
  store.subscribe(() => act(render))
  return { store, host, root, runId }
}

const nasty = fc.oneof(
  fc.constantFrom(-2, -1, 0, 0.5, 5, NaN, Infinity, -Infinity, 2 ** 31, 1e308, '', 'url(http://evil.test/)', null, undefined, [], {}, [5], [NaN, -1],
    { rows: 2, cols: 2, grid: [] }, { rows: 0, cols: 0, min: 0, max: 0, mean: 0, grid: [], gridRows: 0, gridCols: 0 }),
  fc.double(),
  fc.integer({ min: -3, max: 40 }),
  fc.array(fc.double(), { maxLength: 5 }),
)

describe('real messages and their mutants, through the door to the renderers', () => {
  it('the runtime sent every kind of message, and each passes the door and the relay unchanged', () => {
    const types = new Set(real.map((m) => m.type))
    for (const t of ['print', 'error', 'done', 'graph', 'plot', 'progress', 'pad']) expect(types, t).toContain(t)
    for (const m of real) {
      expect(parseWorkerMessage(m), m.type).toEqual(m)
      expect(relayCopy(SHAPES, m), m.type).toEqual(m)
    }
  })

  it('what passes is drawn without any renderer failing, whatever one field holds', () => {
    const graphsAndPlots = real.filter((m) => m.type === 'graph' || m.type === 'plot' || m.type === 'pad' || m.type === 'progress' || m.type === 'print')
    let drawn = 0
    const p = page()
    fc.assert(fc.property(fc.constantFrom(...graphsAndPlots).chain((m) => fc.tuple(fc.constant(m), fc.constantFrom(...paths(m, 4)), nasty)), ([m, path, value]) => {
      const x = setAt(m, path, value)
      const checked = parseWorkerMessage(relayCopy(SHAPES, x))
      if (!checked || !('runId' in checked)) return
      drawn++
      act(() => p.store.getState().receive({ ...checked, runId: p.runId }))
      expect(p.host.querySelector('[data-testid="output-failed"]')).toBeNull()
    }), { numRuns: 400 })
    expect(drawn).toBeGreaterThan(25)
    act(() => p.root.unmount())
  }, 120_000)
})
