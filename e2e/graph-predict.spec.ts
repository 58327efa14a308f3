import { expect, test } from '@playwright/test'
import { runInFirstCell } from './helpers.ts'
import { graph, neuronSnippet, status } from './graph-helpers.ts'

test('predict mode: a right answer, a wrong one, and stepping on without answering, by keyboard', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, neuronSnippet())
  await expect(graph(page).locator('[data-testid="graph-node"]').first()).toBeVisible()
  await page.getByRole('button', { name: 'First step' }).click()
  await page.getByRole('button', { name: 'Predict' }).click()
  await page.getByRole('button', { name: 'Step forward' }).click()

  // step 1 seeds the output: loss.grad = 1, typed and checked with Enter
  const inputs = page.getByTestId('predict-input')
  await expect(inputs).toHaveCount(1)
  await inputs.first().fill('1')
  await inputs.first().press('Enter')
  await expect(page.getByTestId('predict-result')).toHaveAttribute('data-correct', 'true')
  await expect(graph(page).locator('[data-label="loss"]')).toHaveAttribute('data-grad', '1')

  // the arrow key steps on; step 2 (the square) asks for one grad; a wrong answer shows the rule
  await page.keyboard.press('ArrowRight')
  expect((await status(page))[0]).toBe(2)
  await expect(inputs).toHaveCount(1)
  await expect(page.locator('.graph-sentences')).toHaveCount(0)
  await inputs.first().fill('0.5')
  await page.getByRole('button', { name: 'Check', exact: true }).click()
  await expect(page.getByTestId('predict-result')).toHaveAttribute('data-correct', 'false')
  await expect(page.locator('.graph-sentences')).toContainText('.grad += 2.0 ×')
  await expect(page.getByText('Score: 1 of 2 steps right')).toBeVisible()

  // stepping on without answering is allowed
  await page.getByRole('button', { name: 'Step forward' }).click()
  await page.getByRole('button', { name: 'Step forward' }).click()
  expect((await status(page))[0]).toBe(4)
  await expect(page.getByTestId('predict-result')).toHaveCount(0)
  // the last step: the answers are the seed's printed grads (a mul node: input and weight)
  await page.getByRole('button', { name: 'Last step' }).click()
  const names = await inputs.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
  expect(names.length).toBe(2)
})
