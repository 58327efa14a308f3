// The bundled examples, by id: what `#example/<id>` opens.
import type { ExampleNotebook } from './types.ts'
import { linearRegression } from './linear-regression.ts'
import { mnistTutorial } from './mnist.ts'
import { usage } from './usage.ts'
import { welcome } from './welcome.ts'

export type { ExampleCell, ExampleNotebook } from './types.ts'

export const examples: ExampleNotebook[] = [welcome, usage, linearRegression, mnistTutorial]

/** The sources of a notebook's code cells, in order. */
export const codeSources = (nb: ExampleNotebook): string[] => nb.cells.filter((c) => c.kind === 'code').map((c) => c.source)

/** The example with this id (ids are lower case; the lookup ignores case), or undefined. */
export function exampleById(id: string): ExampleNotebook | undefined {
  const key = id.toLowerCase()
  return examples.find((e) => e.id === key)
}
