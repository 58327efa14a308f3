import { expect, test } from '@playwright/test'
import { runInFirstCell } from './helpers.ts'

test('a snippet with operators runs and prints Julia-style output', async ({ page }) => {
  await page.goto('/')
  const cell = await runInFirstCell(page, 'const x = Value(6.0)\nconst y = Value(2.0)\nconst z = x * y\nbackward(z)\nprintln(x.grad)\nprintln(z)')
  await expect(cell.getByTestId('cell-output')).toHaveText(/2\.0\s*Value\(12\.0\)/)
})
