import { expect, test } from '@playwright/test'

test('the playground opens without errors', async ({ page }) => {
  const errors: string[] = []
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto('/')
  await expect(page.getByRole('heading', { name: /SimpleGrad Playground/ })).toBeVisible()
  expect(errors).toEqual([])
})
