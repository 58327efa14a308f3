import { expect, type Locator, type Page } from '@playwright/test'

/** Types code into a cell's editor (the textarea until Monaco has loaded, or Monaco). */
export async function setCode(cell: Locator, code: string): Promise<void> {
  // Wait for Monaco: typing into the textarea while Monaco replaces it would be lost.
  const monaco = cell.locator('.monaco-editor')
  await monaco.waitFor({ state: 'visible', timeout: 20_000 }).catch(() => {})
  if (await monaco.count()) {
    // Paste, as a person would with a long snippet (typed brackets would auto-close).
    const page = cell.page()
    await monaco.click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.evaluate((text) => navigator.clipboard.writeText(text), code)
    await page.keyboard.press('ControlOrMeta+V')
  } else {
    await cell.locator('textarea').fill(code)
  }
}

/** The first code cell (a fresh page opens the welcome notebook, which starts with text). */
export function firstCodeCell(page: Page): Locator {
  return page.locator('[data-testid="cell"].cell-code').first()
}

/** Puts code in the first code cell and runs it; returns the cell. */
export async function runInFirstCell(page: Page, code: string): Promise<Locator> {
  const cell = firstCodeCell(page)
  await setCode(cell, code)
  await cell.getByRole('button', { name: 'Run cell' }).click()
  return cell
}

export async function waitIdle(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /Stop/ })).toBeDisabled({ timeout: 30_000 })
}
