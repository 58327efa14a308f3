// `npm run bench`: every benchmark, printed as one table (medians; see each file for the method).
import { scalarBench } from './scalar.ts'
import { tensorBench } from './tensor.ts'
import { wasmStepBench } from './wasm-step.ts'
import type { Row } from './stats.ts'

async function main(): Promise<void> {
  const only = process.argv[2]
  const suites: Array<[string, () => Row[] | Promise<Row[]>]> = [
    ['scalar', scalarBench],
    ['tensor', tensorBench],
    ['step', wasmStepBench],
  ]
  const extra = await import('./extra.ts').catch(() => null)
  if (extra) suites.push(...extra.suites)
  const rows: Row[] = []
  for (const [name, run] of suites) {
    if (only && only !== name) continue
    process.stderr.write(`running ${name}…\n`)
    rows.push(...(await run()))
  }
  console.log(`\nNode ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`)
  console.log('| benchmark | ours | baseline | ratio |')
  console.log('|---|---|---|---|')
  for (const r of rows) console.log(`| ${r.name} | ${r.value} | ${r.baseline ?? ''} | ${r.ratio ?? ''} |`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
