// Suites that belong to other rooms (the sandbox's compile benchmark), listed in one place.
import { compileBench } from './compile-bench.ts'
import { graphBench } from './graph.ts'
import type { Row } from './stats.ts'

export const suites: Array<[string, () => Row[] | Promise<Row[]>]> = [
  ['graph', graphBench],
  ['compile', async () => (await compileBench()).map((r) => ({ name: r.name, value: r.value, baseline: r.baseline }))],
]
