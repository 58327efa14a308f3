// The graph room's fixtures are snapshots made by the real engine and the worker's runtime,
// running the bundled examples (src/examples/): this test makes them again and compares them with
// the committed JSON in src/graph/fixtures/. After a change to the engine or the snapshot format,
// `npm run fixtures` writes them anew.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { compile } from '../compiler/compile.ts'
import { linearRegression } from '../examples/linear-regression.ts'
import { usage } from '../examples/usage.ts'
import type { ExampleNotebook } from '../examples/types.ts'
import type { GraphSnapshot } from '../protocol/messages.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'
import '../runtime/extensions/index.ts'
import { FIXTURE_NAMES, type FixtureName } from '../graph/fixtures.ts'

const code = (nb: ExampleNotebook) => nb.cells.filter((c) => c.kind === 'code').map((c) => c.source)
/** The cells of a notebook up to and including the first one that contains `marker`. */
function upTo(nb: ExampleNotebook, marker: string): string[] {
  const cells = code(nb)
  const i = cells.findIndex((c) => c.includes(marker))
  if (i === -1) throw new Error(`no cell of ${nb.id} contains ${JSON.stringify(marker)}`)
  return cells.slice(0, i + 1)
}

/** Each fixture: the cells to run (the graph is the last one a cell sent). */
const RECIPES: Record<FixtureName, () => string[]> = {
  xy: () => upTo(usage, 'println(x.grad) // dz/dx = y = 2'),
  'xy-draw': () => [...upTo(usage, 'println(x.grad) // dz/dx = y = 2').slice(0, -1), 'draw(z)'],
  neuron: () => upTo(usage, 'println(weight1.grad) // dloss/dweight1'),
  // backward twice without zero_grad: the grads accumulate
  'neuron-twice': () => [...upTo(usage, 'println(weight1.grad) // dloss/dweight1'), 'backward(loss)'],
  // one node used twice, and every Value op (made of the examples' Values)
  square: () => [...upTo(usage, 'println(x.grad) // dz/dx = y = 2').slice(0, -1), 'const sq = x * x\nbackward(sq)'],
  'all-ops': () => [...upTo(usage, 'println(x.grad) // dz/dx = y = 2').slice(0, -1),
    'const a = Value(0.7)\nconst b = Value(1.3)\nconst out = sigmoid(relu(log(exp(a / b))) + tanh(b) ^ 3)\nbackward(out)'],
  tensor: () => upTo(usage, 'println(weights1.grad)'),
  'linear-regression': () => upTo(linearRegression, 'backward(loss)'),
}

const FILE = (name: string) => fileURLToPath(new URL(`../graph/fixtures/${name}.json`, import.meta.url))

async function snapshotOf(sources: string[]): Promise<GraphSnapshot> {
  let last: GraphSnapshot | null = null
  const runtime = createSandboxRuntime(globalThis as unknown as Record<string, unknown>, (m) => {
    if (m.type === 'graph') last = m.snapshot
    if (m.type === 'error') throw new Error(m.error.message)
  })
  try {
    for (const [i, source] of sources.entries()) {
      const compiled = compile(source, { sourceURL: `fixture-${i}.ts` })
      if (!compiled.ok) throw new Error(compiled.error.message)
      last = null
      await runtime.run({ type: 'run', runId: i + 1, cellId: `c${i}`, code: compiled.code, map: compiled.map })
    }
  } finally {
    runtime.reset()
  }
  if (!last) throw new Error('the last cell sent no graph')
  return last
}

describe('graph fixtures, made by the engine from the examples', () => {
  const saved = { ...console }
  afterAll(() => Object.assign(console, saved))

  it.each(FIXTURE_NAMES)('%s is current', async (name) => {
    const json = JSON.stringify(await snapshotOf(RECIPES[name]()))
    if (process.env.UPDATE_GRAPH_FIXTURES) writeFileSync(FILE(name), json + '\n')
    expect(existsSync(FILE(name)), `${FILE(name)}: run npm run fixtures`).toBe(true)
    expect(JSON.parse(readFileSync(FILE(name), 'utf8'))).toEqual(JSON.parse(json))
  }, 60_000)
})
