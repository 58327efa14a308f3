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
  // the first graph warms the page up (its code is compiled on first use) and is not printed
  for (const [i, steps] of [33, 33, 186, 666, 1666].entries()) {
    const before = await page.evaluate(() => performance.getEntriesByName('graph:frame').length)
    await runInFirstCell(page, recurrence(steps))
    const nodes = 3 + 3 * steps
    await expect(graph(page)).toHaveAttribute('aria-label', `Computation graph with ${nodes} nodes`, { timeout: 60_000 })
    // the panel records its layout, its drawing, and the first frame after it (User Timing)
    await expect.poll(() => page.evaluate((n) => performance.getEntriesByName('graph:frame').length > n, before)).toBe(true)
    const [layout, draw, frame] = await page.evaluate(() => ['graph:layout', 'graph:draw', 'graph:frame'].map((name) => performance.getEntriesByName(name).at(-1)!.duration))
    if (i > 0) console.log(`${nodes} nodes: layout ${layout.toFixed(0)} ms, draw ${draw.toFixed(0)} ms, layout + first frame ${(layout + frame).toFixed(0)} ms`)
  }
  await expect(graph(page).locator('[aria-current="step"]')).toHaveCount(1)
  await page.screenshot({ path: 'test-results/graph-5000.png' })
})
