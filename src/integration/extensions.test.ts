// The extensions in the worker's runtime: cells compiled and run as the worker runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile } from '../compiler/compile.ts'
import type { PlotSpec, WorkerToHost } from '../protocol/messages.ts'
import { createSandboxRuntime, type SandboxRuntime } from '../runtime/runtime.ts'
import { EXTENSIONS_DTS } from '../editor/extensions-dts.ts'
import '../runtime/extensions/index.ts'
import { register } from '../runtime/extensions/register.ts'

let onEndCalled = false
register(() => ({ globals: {}, onEnd: () => { onEndCalled = true } }))

const sent: WorkerToHost[] = []
let runtime: SandboxRuntime
let runId = 0
const saved = { ...console }
const NAMES = ['scatter', 'plot', 'imshow', 'progress', 'mnist', 'pad']

beforeAll(() => {
  runtime = createSandboxRuntime(globalThis as unknown as Record<string, unknown>, (m) => sent.push(m))
})
afterAll(() => {
  runtime.reset()
  Object.assign(console, saved)
})

async function run(source: string): Promise<WorkerToHost[]> {
  const compiled = compile(source, { sourceURL: `ext-${runId + 1}.ts` })
  if (!compiled.ok) throw new Error(compiled.error.message)
  const id = ++runId
  const from = sent.length
  await runtime.run({ type: 'run', runId: id, cellId: 'c', code: compiled.code, map: compiled.map })
  return sent.slice(from)
}
const plots = (ms: WorkerToHost[]) => ms.flatMap((m) => (m.type === 'plot' ? [m.plot] : []))
const xy = (p: PlotSpec) => (p.kind === 'xy' ? p : undefined)

describe('the extensions in the runtime', () => {
  it('installs every global that EXTENSIONS_DTS declares', () => {
    const g = globalThis as unknown as Record<string, unknown>
    for (const name of NAMES) {
      expect(g[name], name).toBeDefined()
      expect(EXTENSIONS_DTS).toMatch(new RegExp(`declare (function|const) ${name}\\b`))
    }
  })

  it('a scatter plot with a line added, as the linear-regression tutorial draws them', async () => {
    const out = await run(`const xs = [1, 2, 3].map((x) => Value(x))
scatter(xs, [2, 4, 6], { title: 'data', xlabel: 'x', ylabel: 'y', label: 'points' })
plot([0, 4], [0, 8], { add: true, label: 'fit' })`)
    expect(out.at(-1)).toMatchObject({ type: 'done' })
    const last = xy(plots(out).at(-1)!)!
    expect(last.marks.map((m) => [m.type, m.label, m.xs])).toEqual([['scatter', 'points', [1, 2, 3]], ['line', 'fit', [0, 4]]])
    expect(new Set(plots(out).map((p) => p.id)).size).toBe(1)
  })

  it('a plot updated in a loop sends a few messages, not one per iteration', async () => {
    const out = await run(`const curve = plot([], [], { title: 'loss' })
let i = 0
while (i < 100_000) { i++; curve.push(i, 1 / i) }
println(i)`)
    const n = Number(out.flatMap((m) => (m.type === 'print' ? m.lines : []))[0])
    expect(n).toBe(100_000)
    // Throttled by time, so the count depends on the machine; one message per push would be 100,000.
    expect(plots(out).length).toBeLessThan(100)
  })

  it('sends the last state of a live plot before the run is done', async () => {
    const out = await run(`const c = plot([0], [0])
for (let i = 0; i < 100_000; i++) c.update([0], [0])
for (let i = 1; i <= 50; i++) c.push(i, i)`)
    const done = out.findIndex((m) => m.type === 'done')
    const lastPlot = out.slice(0, done).filter((m) => m.type === 'plot').at(-1)
    const xs = lastPlot && lastPlot.type === 'plot' ? xy(lastPlot.plot)!.marks[0].xs : []
    expect(xs).toHaveLength(51)
    expect(xs.at(-1)).toBe(50)
  })

  it('calls onEnd at the end of a run (then every last state is sent at the end)', async () => {
    onEndCalled = false
    await run('1')
    expect(onEndCalled).toBe(true)
  })

  it('progress.range reports progress as a loop runs', async () => {
    const out = await run(`let s = 0
for (const i of progress.range(1000, 'sum')) s += i
println(s)`)
    const reports = out.filter((m) => m.type === 'progress')
    expect(reports[0]).toMatchObject({ type: 'progress', done: 0, total: 1000, label: 'sum' })
    expect(reports.at(-1)).toMatchObject({ done: 1000, total: 1000 })
  })

  it('imshow shows a row of 784 as 28 x 28', async () => {
    const out = await run('imshow(rand(1, 784), { title: "noise" })')
    expect(plots(out)[0]).toMatchObject({ kind: 'image', rows: 28, cols: 28, title: 'noise' })
  })

  it('an error in a plot call points at the cell\'s line', async () => {
    const out = await run(`const a = [1, 2]
scatter(a, [1])`)
    expect(out.at(-1)).toMatchObject({ type: 'error', error: { message: 'scatter: xs has 2 numbers but ys has 1; they must be the same length', line: 2 } })
  })

  it('a pad answers what is drawn with the snippet\'s function', async () => {
    const out = await run('pad((px) => ({ text: "ink " + px.sum(), bars: [1, 2] }), { title: "draw" })')
    const p = out.find((m) => m.type === 'pad')
    expect(p).toMatchObject({ type: 'pad', rows: 28, cols: 28, title: 'draw' })
    const from = sent.length
    runtime.deliver({ type: 'invoke', handle: (p as { handle: number }).handle, pixels: new Array(784).fill(0.5) })
    await new Promise((r) => setTimeout(r, 10))
    expect(sent.slice(from)).toEqual([{ type: 'result', handle: (p as { handle: number }).handle, text: 'ink 392', bars: [1, 2] }])
  })

  it('mnist.load() asks the page for the data', async () => {
    const from = sent.length
    const running = run('const data = mnist.load()')
    await running
    expect(sent.slice(from).find((m) => m.type === 'need')).toMatchObject({ type: 'need', what: 'mnist' })
  })
})
