// Jupyter's keys: command mode's D D then Z, the ✕ button's Undo toast, Y/M, J/K, O, Alt+Enter,
// run all above, and the help listing the keys.
import { expect, test, type Locator, type Page } from '@playwright/test'
import LZString from 'lz-string'

const code = (source: string) => ({ kind: 'code', source })
const link = (sources: string[]) => `/#notebook/${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, cells: sources.map(code) }))}`
const cellsOf = (page: Page) => page.getByTestId('cell')
async function editorText(cell: Locator): Promise<string> {
  return (await cell.locator('.view-line').allTextContents()).join('\n').replace(/\u00a0/g, ' ')
}
const texts = (page: Page) => cellsOf(page).evaluateAll(async (cells) => cells.map((c) => [...c.querySelectorAll('.view-line')].map((l) => l.textContent).join('\n').replace(/\u00a0/g, ' ')))

async function openThree(page: Page) {
  await page.goto(link(['println("one")', 'println("two")', 'println("three")']))
  await expect(page.locator('.monaco-editor')).toHaveCount(3, { timeout: 30_000 })
}

test('D D deletes the cell, Z brings it back where it was; the toast offers Undo too', async ({ page }) => {
  await openThree(page)
  const cells = cellsOf(page)
  await cells.nth(1).locator('.view-lines').click()
  await page.keyboard.press('Escape')
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('d')
  await page.keyboard.press('d')
  await expect(cells).toHaveCount(2)
  await expect(cells.nth(1)).toBeFocused() // the next cell is selected
  const toast = page.getByRole('status').filter({ hasText: 'Deleted cell 2' })
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible()
  await page.screenshot({ path: 'test-results/undo-toast.png' })
  await page.keyboard.press('z')
  await expect(cells).toHaveCount(3)
  expect(await texts(page)).toEqual(['println("one")', 'println("two")', 'println("three")'])
  await expect(cells.nth(1)).toBeFocused()
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0)

  // the ✕ button: its toast's Undo restores the cell, with its output
  await cells.first().getByRole('button', { name: 'Run cell' }).click()
  await expect(cells.first().getByTestId('cell-output')).toHaveText('one')
  await cells.first().hover()
  await cells.first().getByRole('button', { name: 'Delete cell' }).click()
  await expect(cells).toHaveCount(2)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(cells).toHaveCount(3)
  expect(await editorText(cells.first())).toBe('println("one")')
  await expect(cells.first().getByTestId('cell-output')).toHaveText('one')
})

test('Y and M, J and K, O, Alt+Enter and run all above', async ({ page }) => {
  await openThree(page)
  const cells = cellsOf(page)
  await cells.first().locator('.view-lines').click()
  await page.keyboard.press('Escape')
  await page.keyboard.press('j')
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(cells.nth(2)).toBeFocused()
  await page.keyboard.press('k')
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('m')
  await expect(cells.nth(1)).toHaveClass(/cell-markdown/)
  await page.keyboard.press('y')
  await expect(cells.nth(1)).toHaveClass(/cell-code/)
  await expect(cells.nth(1)).toBeFocused()

  // Shift+Enter in command mode runs the cell and selects the next
  await page.keyboard.press('Shift+Enter')
  await expect(cells.nth(1).getByTestId('cell-output')).toHaveText('two')
  await expect(cells.nth(2)).toBeFocused()
  // O collapses the output, and again shows it
  await page.keyboard.press('k')
  await page.keyboard.press('o')
  await expect(cells.nth(1).getByTestId('cell-output')).toHaveCount(0)
  await expect(cells.nth(1).getByRole('button', { name: 'Expand output' })).toBeVisible()
  await page.keyboard.press('o')
  await expect(cells.nth(1).getByTestId('cell-output')).toHaveText('two')

  // Alt+Enter while editing: run, then a new cell below to type in
  await cells.nth(2).locator('.view-lines').click()
  await page.keyboard.press('Alt+Enter')
  await expect(cells).toHaveCount(4)
  await expect(cells.nth(2).getByTestId('cell-output')).toHaveText('three')
  await expect(cells.nth(3).locator('.monaco-editor')).toHaveClass(/\bfocused\b/)

  // clear all outputs (the File menu), once nothing runs; then run the cells above (the cell's tool)
  await expect(page.getByRole('button', { name: /Stop/ })).toBeDisabled()
  await page.getByRole('button', { name: 'File ▾' }).click()
  await page.getByRole('button', { name: 'Clear all outputs' }).click()
  await expect(page.getByTestId('cell-output')).toHaveCount(0)
  await cells.nth(2).hover()
  await cells.nth(2).getByRole('button', { name: 'Run the cells above' }).click()
  await expect(cells.nth(0).getByTestId('cell-output')).toHaveText('one')
  await expect(cells.nth(1).getByTestId('cell-output')).toHaveText('two')
  await expect(cells.nth(2).getByTestId('cell-output')).toHaveCount(0)
})

test('H (or ?) and the Help button list the keys from the command table', async ({ page }) => {
  await openThree(page)
  await cellsOf(page).first().locator('.view-lines').click()
  await page.keyboard.press('Escape')
  await page.keyboard.press('h')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  for (const [label, key] of [['Undo the last cell deletion', 'Z'], ['Delete cell', 'D D'], ['Insert a cell below', 'B'], ['Make the cell code', 'Y']]) {
    await expect(help.getByRole('row', { name: new RegExp(`^${label}`) })).toContainText(key)
  }
  await help.screenshot({ path: 'test-results/help.png' })
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  await page.getByRole('button', { name: /Help/ }).click()
  await expect(help).toBeVisible()
  await help.getByRole('button', { name: 'Close' }).click()
  await expect(help).toHaveCount(0)
})
