import { expect, test } from '@playwright/test'
import { runInFirstCell } from './helpers.ts'
import { graph } from './graph-helpers.ts'

// Layout and first frame in the browser, for graphs of about 100 to 5,000 nodes that nothing
// folds (a recurrence: x = tanh(x·w + c), again and again, 3 nodes a step), so every node is laid
// out and drawn. Printed, not asserted (timings belong in the bench); the README quotes them.
const recurrence = (steps: number) => `const w = Value(0.9)
const c = Value(0.1)
let x = Value(0.5)
for (let i = 0; i < ${steps}; i++) x = tanh(x * w + c)
backward(x)`

test.use({ viewport: { width: 1280, height: 720 } })

test('layout and first frame of 100 to 5,000 nodes, and a look at 5,000', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/')
  for (const steps of [33, 186, 666, 1666]) {
    await runInFirstCell(page, recurrence(steps))
    const nodes = 3 + 3 * steps
    await expect(graph(page)).toHaveAttribute('aria-label', `Computation graph with ${nodes} nodes`, { timeout: 60_000 })
    // the frame after the draw: the browser has painted it
    const frame = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))))
    const [layout, draw] = await page.evaluate(() => ['graph:layout', 'graph:draw'].map((name) => performance.getEntriesByName(name).at(-1)!))
    const painted = frame - draw.startTime
    console.log(`${nodes} nodes: layout ${layout.duration.toFixed(0)} ms, draw ${draw.duration.toFixed(0)} ms, layout + first frame ≤ ${(layout.duration + painted).toFixed(0)} ms`)
  }
  await expect(graph(page).locator('[aria-current="step"]')).toHaveCount(1)
  await page.screenshot({ path: 'test-results/graph-5000.png' })
})
