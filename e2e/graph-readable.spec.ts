import { expect, test } from '@playwright/test'
import { runInFirstCell } from './helpers.ts'
import { graph, inView, neuronSnippet, status } from './graph-helpers.ts'

test.use({ viewport: { width: 1280, height: 720 } })

test('the neuron opens readable: node text at least 11 px as rendered, at 1280×720', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, neuronSnippet())
  const nodes = graph(page).locator('[data-testid="graph-node"]')
  await expect(nodes.first()).toBeVisible()
  // every text of every node in view: its rendered height (the font's box) and its font size as drawn
  const sizes = await graph(page).evaluate((svg) => {
    const box = svg.getBoundingClientRect()
    const out: { text: string; height: number; px: number }[] = []
    for (const t of svg.querySelectorAll<SVGTextElement>('[data-testid="graph-node"] text')) {
      const r = t.getBoundingClientRect()
      if (!t.textContent || r.width === 0 || r.bottom < box.top || r.top > box.bottom || r.right < box.left || r.left > box.right) continue
      // the font size in CSS pixels as drawn: the element's font size times the zoom on it
      const ctm = t.getScreenCTM()!
      out.push({ text: t.textContent, height: r.height, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b) })
    }
    return out
  })
  expect(sizes.length).toBeGreaterThan(10)
  const smallest = Math.min(...sizes.map((s) => s.px))
  console.log(`neuron at 1280×720: ${sizes.length} node texts in view, smallest font ${smallest.toFixed(1)} px, smallest text box ${Math.min(...sizes.map((s) => s.height)).toFixed(1)} px high`)
  expect(smallest).toBeGreaterThanOrEqual(11)
  // the graph does not fit at that size: it opens framed on the stepper's node (the last step's),
  // with the minimap and Fit for the rest
  expect(await inView(page, graph(page).locator('[aria-current="step"]'))).toBe(true)
  await expect(page.getByRole('img', { name: /Overview of the whole graph/ })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Fit' })).toBeVisible()
})

test('the step\'s node carries aria-current and stays in view at every step of the neuron', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, neuronSnippet())
  await expect(graph(page).locator('[data-testid="graph-node"]').first()).toBeVisible()
  await page.getByRole('button', { name: 'First step' }).click()
  const [, n] = await status(page)
  const current = graph(page).locator('[aria-current="step"]')
  await expect(current).toHaveCount(0)
  for (let k = 1; k <= n; k++) {
    await page.getByRole('button', { name: 'Step forward' }).click()
    expect(await status(page)).toEqual([k, n])
    await expect(current).toHaveCount(1)
    await expect(current).toHaveAttribute('data-testid', 'graph-node')
    // the view pans to it (a short animation)
    await expect.poll(() => inView(page, current), { message: `step ${k}` }).toBe(true)
    if (k === Math.ceil(n / 2)) {
      await page.waitForTimeout(300)
      await page.screenshot({ path: 'test-results/graph-neuron-mid-backward.png' })
    }
  }
  // the line that made the step's node is marked in the editor
  await expect(page.locator('.sg-graph-line')).toHaveCount(1)
})
