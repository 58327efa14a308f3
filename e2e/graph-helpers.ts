// What the graph's browser tests share: the examples' snippets (imported, never copied), and
// questions a person would ask of the page (is this node in view? how big is its text?).
import { expect, type Locator, type Page } from '@playwright/test'
import { linearRegression } from '../src/examples/linear-regression.ts'
import { NEURON, NEURON_BACKWARD } from '../src/examples/usage.ts'

const codeOf = (cells: { kind: string; source: string }[]) => cells.filter((c) => c.kind === 'code').map((c) => c.source)

/** The usage example's neuron, then its backward cell, as one snippet. */
export const neuronSnippet = (): string => `${NEURON.source}\n\n${NEURON_BACKWARD.source}`

/** The linear-regression tutorial's cells up to its training loop. */
export function linearRegressionCells(): string[] {
  const cells = codeOf(linearRegression.cells)
  return cells.slice(0, cells.findIndex((c) => c.includes('backward(loss)')) + 1)
}

export const graph = (page: Page): Locator => page.locator('svg[data-testid="graph"]')

/** Is the element's box inside the graph's visible box? */
export async function inView(page: Page, el: Locator): Promise<boolean> {
  const [a, b] = await Promise.all([el.boundingBox(), graph(page).boundingBox()])
  if (!a || !b) return false
  return a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5
}

/** "Step k of n" as [k, n]. */
export async function status(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('step-status').textContent()) ?? ''
  const m = /^Step (\d+) of (\d+)$/.exec(text.trim())
  expect(m, `step status "${text}"`).not.toBeNull()
  return [Number(m![1]), Number(m![2])]
}
