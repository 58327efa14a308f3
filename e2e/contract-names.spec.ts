// CONTRACT.md §4 finds buttons by their names, and Playwright matches a name as a substring: a
// second button whose name contains "Run all" or "Stop" would break every outside test. Each
// contract name must find exactly one button (Run cell: one in each cell).
import { expect, test } from '@playwright/test'
import { NEURON, NEURON_BACKWARD } from '../src/examples/usage.ts'
import { runInFirstCell, waitIdle } from './helpers.ts'

const PAGE_BUTTONS = ['Run all', 'Stop', 'Share', 'First step', 'Step back', 'Step forward', 'Last step', 'Play', 'Predict']

test('every button the contract names is found once, and Run cell once in each cell', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, `${NEURON.source}\n${NEURON_BACKWARD.source}`)
  await waitIdle(page)
  await expect(page.locator('svg[data-testid="graph"]')).toBeVisible({ timeout: 30_000 })
  for (const name of PAGE_BUTTONS) {
    await expect(page.getByRole('button', { name }), name).toHaveCount(1)
  }
  const cells = page.getByTestId('cell')
  const n = await cells.count()
  expect(n).toBeGreaterThan(1)
  for (let i = 0; i < n; i++) {
    const cell = cells.nth(i)
    if (await cell.evaluate((el) => el.classList.contains('cell-code'))) {
      await expect(cell.getByRole('button', { name: 'Run cell' })).toHaveCount(1)
    }
  }
})
