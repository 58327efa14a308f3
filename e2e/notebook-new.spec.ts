import { expect, test } from '@playwright/test'
import { firstCodeCell, setCode } from './helpers.ts'

test('New notebook asks before discarding, and keeps everything when declined', async ({ page }) => {
  await page.goto('/')
  await setCode(firstCodeCell(page), 'println("mine")')
  await page.waitForTimeout(700) // the debounced save
  page.once('dialog', (d) => void d.dismiss())
  await page.getByRole('button', { name: 'New' }).click()
  await expect(page.getByTestId('cell')).not.toHaveCount(1)
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('button', { name: 'New' }).click()
  await expect(page.getByTestId('cell')).toHaveCount(1)
  await page.reload()
  await expect(page.getByTestId('cell')).toHaveCount(1)
})
