// How fast cells compile, and what compiling costs the code that runs.
//
// (a) compile time: median over a few of the seed's cells (warm, as in a session);
// (b) a numeric loop, `for (let i = 0; i < n; i++) s += a[i] * b[i]` over Float64Arrays of a million
//     entries, compiled vs. the same source uncompiled (types stripped only), both run as the worker
//     runs a cell: `new AsyncFunction('__sg', code)(runtime)`, timed inside the cell around the loop;
// (c) the same loop over arrays the compiler knows nothing about, so each operator goes through the
//     runtime's dispatch (and V8 cannot keep `s` unboxed in the loop it optimises mid-run), then the
//     same again with the arrays annotated `: Float64Array`, which the compiler trusts;
// (d) Value arithmetic by operators vs. by method calls.
// The loop runs once per cell, as a cell's loop does, so V8 optimises it while it runs; whether that
// lands early or late makes single runs bimodal, hence 21 interleaved runs and both median and best.
// Every run is a first run of fresh source (see `timed`).
// Run under Node after `tsc -p tsconfig.bench.json` (imports keep their .ts, which tsc rewrites).
import { pathToFileURL } from 'node:url'
import { transform } from 'sucrase'
import * as engine from '../src/engine/index.ts'
import { compile } from '../src/compiler/compile.ts'
import { createRuntime } from '../src/runtime/operators.ts'
import { codeSources } from '../src/examples/index.ts'
import { TRAINING } from '../src/examples/linear-regression.ts'
import { NEURON, NEURON_BACKWARD, TENSOR_NETWORK, TENSOR_NETWORK_BACKWARD, usage } from '../src/examples/usage.ts'

export interface BenchRow {
  name: string
  value: string
  baseline?: string
}

type CellFn = (rt: unknown) => Promise<unknown>
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => CellFn

// The examples' own cells (src/examples/), joined as a session would have them.
const SEED_CELLS = [
  codeSources(usage).slice(0, 4).join('\n'),
  `${NEURON.source}\n${NEURON_BACKWARD.source}`,
  `${TENSOR_NETWORK.source}\n${TENSOR_NETWORK_BACKWARD.source}`,
  TRAINING.source,
]

const N = 1_000_000
const loopCell = (arrays: string) => `
const n: number = ${N}
${arrays}
for (let i = 0; i < n; i++) { a[i] = (i % 7) * 0.5; b[i] = (i % 5) * 0.25 }
const t0 = performance.now()
let s = 0
for (let i = 0; i < n; i++) s += a[i] * b[i]
benchLoopTime(performance.now() - t0, s)
`
const KNOWN = loopCell('const a = new Float64Array(n), b = new Float64Array(n)')
const OPAQUE = loopCell('const a = makeArray(n), b = makeArray(n)')
const ANNOTATED = loopCell('const a: Float64Array = makeArray(n), b: Float64Array = makeArray(n)')

const valueCell = (body: string) => `
const m = Value(0.5), c = Value(0.1)
const xs = [1, 2, 3, 4, 5, 6, 7, 8]
const t0 = performance.now()
for (let step = 0; step < 2000; step++) {
  let loss = Value(0)
  for (const x of xs) ${body}
}
benchLoopTime(performance.now() - t0, 0)
`
const VALUE_OPS = valueCell('loss += (m * x + c - 2 * x) ^ 2')
const VALUE_METHODS = valueCell('loss = loss.add(m.mul(x).add(c).sub(Value(2).mul(x)).pow(2))')

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 2)} ms`

export async function compileBench(): Promise<BenchRow[]> {
  const g = globalThis as Record<string, unknown>
  const globals: Record<string, unknown> = {
    ...engine,
    println: () => {},
    heights: Array.from({ length: 80 }, (_, i) => 40 + (i % 50)),
    skills: Array.from({ length: 80 }, (_, i) => 90 + (i % 50) * 2),
    makeArray: (n: number) => new Float64Array(n),
    benchLoopTime: (t: number) => { loopTimes.push(t) },
  }
  const loopTimes: number[] = []
  const saved = new Map<string, PropertyDescriptor | undefined>()
  const declared = new Set<string>()
  for (const [k, v] of Object.entries(globals)) {
    saved.set(k, Object.getOwnPropertyDescriptor(g, k))
    Object.defineProperty(g, k, { value: v, writable: true, configurable: true })
  }
  const runtime = createRuntime(g)

  const compiled = (source: string) => {
    const r = compile(source)
    if (!r.ok) throw new Error(`compile: ${r.error.line}:${r.error.column} ${r.error.message}`)
    r.declared.forEach((d) => declared.add(d))
    return r.code
  }
  const uncompiled = (source: string) => transform(source, { transforms: ['typescript'] }).code
  /**
   * Runs a cell as the worker does and returns the time it reported for its loop. A unique comment
   * makes every run a first run: V8 caches functions made from identical source, with their
   * optimised code, which would time the cache instead.
   */
  let runs = 0
  const timed = async (code: string) => {
    loopTimes.length = 0
    await new AsyncFunction('__sg', `${code}\n// run ${++runs}`)(runtime)
    return loopTimes[0]
  }
  /** Interleaved runs of two cells, a b b a a b ... (what runs second pays more GC): [median a, median b, best a, best b]. */
  const compare = async (a: string, b: string, runs: number) => {
    const ta: number[] = [], tb: number[] = []
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        ta.push(await timed(a))
        tb.push(await timed(b))
      } else {
        tb.push(await timed(b))
        ta.push(await timed(a))
      }
    }
    return [median(ta), median(tb), Math.min(...ta), Math.min(...tb)]
  }
  const loopRows = async (name: string, source: string) => {
    const [c, u, cBest, uBest] = await compare(compiled(source), uncompiled(source), 21)
    return [
      { name: `${name}, compiled (median of 21)`, value: ms(c), baseline: `${ms(u)} uncompiled` },
      { name: `${name}: compiled / uncompiled`, value: (c / u).toFixed(2), baseline: `best of 21: ${ms(cBest)} / ${ms(uBest)} = ${(cBest / uBest).toFixed(2)}` },
    ]
  }

  try {
    const rows: BenchRow[] = []
    // (a) compile time
    for (const c of SEED_CELLS) for (let i = 0; i < 5; i++) compiled(c)
    const perCell = SEED_CELLS.map((c) => {
      const t: number[] = []
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now()
        compiled(c)
        t.push(performance.now() - t0)
      }
      return median(t)
    })
    rows.push({ name: `compile: median per cell over ${SEED_CELLS.length} seed cells`, value: ms(median(perCell)), baseline: `slowest cell ${ms(Math.max(...perCell))}` })

    // (b) the numeric loop, compiled vs. uncompiled
    rows.push(...await loopRows(`numeric loop, ${N / 1e6}M s += a[i] * b[i] over Float64Arrays`, KNOWN))
    // (c) arrays the compiler cannot see into: every operator is a runtime call; then annotated
    rows.push(...await loopRows('the same over arrays of unknown type', OPAQUE))
    rows.push(...await loopRows('the same over arrays annotated : Float64Array', ANNOTATED))

    // (d) Values: operators (compiled) vs. method calls (uncompiled)
    const [ops, methods] = await compare(compiled(VALUE_OPS), uncompiled(VALUE_METHODS), 15)
    rows.push({ name: 'Value arithmetic, 16k loss += (m * x + c - 2 * x) ^ 2, operators (median of 15)', value: ms(ops), baseline: `${ms(methods)} with method calls` })
    return rows
  } finally {
    for (const name of declared) delete g[name]
    for (const [k, d] of saved) {
      if (d === undefined) delete g[k]
      else Object.defineProperty(g, k, d)
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await compileBench()) console.log(`${row.name}: ${row.value}${row.baseline ? ` (${row.baseline})` : ''}`)
}
