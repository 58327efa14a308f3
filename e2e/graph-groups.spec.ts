import { expect, test } from '@playwright/test'
import { setCode, firstCodeCell, waitIdle } from './helpers.ts'
import { graph, inView, linearRegressionCells } from './graph-helpers.ts'

test.use({ viewport: { width: 1280, height: 720 } })

test('the linear-regression loss shows its shape on one screen: a sum of 80 like terms', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/?run=1#example/linear-regression')
  const groups = graph(page).locator('[data-testid="graph-group"]')
  await expect(groups).toHaveCount(2, { timeout: 90_000 })
  await waitIdle(page)
  const terms = groups.filter({ hasText: '×80 terms' })
  const sum = groups.filter({ hasText: 'sum of 80 terms' })
  await expect(terms).toContainText('(x·m_guess + b_guess − y)²')
  await expect(terms).toHaveAttribute('data-count', '640')
  await expect(sum).toHaveAttribute('data-count', '81')
  for (const label of ['m_guess', 'b_guess', 'loss']) {
    const el = graph(page).locator(`[data-testid="graph-node"][data-label="${label}"]`)
    await expect(el).toBeVisible()
    expect(await inView(page, el), label).toBe(true)
  }
  expect(await inView(page, terms)).toBe(true)
  expect(await inView(page, sum)).toBe(true)
  // the parameters were zeroed before each backward: no notice about accumulated grads
  await expect(page.getByTestId('accumulation-notice')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/graph-linear-regression.png' })

  // a click opens the terms; Fold closes them again
  await terms.click()
  await expect(terms).toHaveCount(0)
  await expect(page.getByText('Opened: 80 terms')).toBeVisible()
  // a big graph now: the part near the view is drawn, with the minimap for the rest
  expect(await graph(page).locator('[data-testid="graph-node"]').count()).toBeGreaterThan(10)
  await expect(page.getByRole('img', { name: /Overview of the whole graph/ })).toBeVisible()
  await page.getByRole('button', { name: 'Fold' }).click()
  await expect(groups).toHaveCount(2)
})

test('the stepper opens the term it enters, and keeps its node in view', async ({ page }) => {
  await page.goto('/')
  const cells = linearRegressionCells()
  // the tutorial's cells in one, with one iteration instead of 100,000: the same graph
  await setCode(firstCodeCell(page), cells.join('\n').replace('progress.range(100_000', 'progress.range(1'))
  await firstCodeCell(page).getByRole('button', { name: 'Run cell' }).click()
  const groups = graph(page).locator('[data-testid="graph-group"]')
  await expect(groups).toHaveCount(2, { timeout: 30_000 })
  await page.getByRole('button', { name: 'First step' }).click()
  for (let k = 0; k < 3; k++) await page.getByRole('button', { name: 'Step forward' }).click()
  const current = graph(page).locator('[aria-current="step"]')
  await expect(current).toHaveAttribute('data-testid', 'graph-node')
  await expect.poll(() => inView(page, current)).toBe(true)
  await expect(groups.filter({ hasText: '×79 terms' })).toHaveCount(1)
})
