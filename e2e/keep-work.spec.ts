// Storage is optional and nothing is lost (issue 10): where localStorage throws (an embed framed by
// another site with third-party storage blocked) or is full, the page works and says that nothing
// is kept; "keep this tab's" never saves a shared notebook; changes to a shared notebook are kept
// aside when another link opens, and offered again, after a reload too.
import { expect, test, type Locator, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { setCode } from './helpers.ts'

const lz = (s: string) => LZString.compressToEncodedURIComponent(s)
const SAVED_KEY = 'simplegrad-playground:notebook'
const codeCells = (page: Page) => page.locator('[data-testid="cell"].cell-code')
const savingAlert = (page: Page) => page.getByRole('alert', { name: 'Saving' })

async function waitForMonaco(page: Page): Promise<void> {
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 })
}
async function editorText(cell: Locator): Promise<string> {
  return (await cell.locator('.view-line').allTextContents()).join('\n').replace(/\u00a0/g, ' ')
}
const saved = (page: Page) => page.evaluate((key) => localStorage.getItem(key) ?? '', SAVED_KEY)

/** localStorage as a frame sees it with third-party storage blocked: touching it throws. */
const BLOCK_STORAGE = () => {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError')
    },
  })
}

test.describe('storage the browser refuses', () => {
  test('the embed view draws, and says nothing is kept', async ({ page }) => {
    await page.addInitScript(BLOCK_STORAGE)
    await page.goto('/?embed=1#example/usage')
    await expect(savingAlert(page)).toContainText('nothing you change will be kept')
    await expect(page.getByRole('button', { name: /Run all$/ })).toBeVisible()
    await expect(page.getByTestId('cell').first()).toBeVisible()
  })

  test('the app draws, works in memory, and offers the notebook as a file', async ({ page }) => {
    await page.addInitScript(BLOCK_STORAGE)
    await page.goto('/')
    await waitForMonaco(page)
    await expect(savingAlert(page)).toContainText('nothing you change will be kept')
    await setCode(codeCells(page).first(), 'println("only in memory")')
    await codeCells(page).first().getByRole('button', { name: 'Run cell' }).click()
    await expect(codeCells(page).first().getByTestId('cell-output')).toContainText('only in memory')
    const download = page.waitForEvent('download')
    await savingAlert(page).getByRole('button', { name: 'Download the notebook' }).click()
    const file = await download
    const text = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((s) => {
        let out = ''
        s.on('data', (d: Buffer) => (out += d.toString()))
        s.on('end', () => resolve(out))
        s.on('error', reject)
      })
    })
    // a Jupyter notebook, which File → Open a file reads back
    expect(file.suggestedFilename()).toMatch(/\.ipynb$/)
    const sources = (JSON.parse(text) as { cells: Array<{ source: string | string[] }> }).cells.map((c) => [c.source].flat().join(''))
    expect(sources).toContain('println("only in memory")')
    await page.screenshot({ path: 'test-results/storage-blocked.png' })
  })
})

test('a save that fails (storage full) says so on the page', async ({ page }) => {
  await page.addInitScript((key) => {
    const setItem = Storage.prototype.setItem
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === key && v.includes('too big to keep')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      return setItem.call(this, k, v)
    }
  }, SAVED_KEY)
  await page.goto('/')
  await waitForMonaco(page)
  await setCode(codeCells(page).first(), 'println("too big to keep")')
  await expect(savingAlert(page)).toContainText('could not be saved', { timeout: 5_000 })
  await expect(savingAlert(page).getByRole('button', { name: 'Download the notebook' })).toBeVisible()
  // a later save that fits takes the warning down
  await setCode(codeCells(page).first(), 'println("small")')
  await expect(savingAlert(page)).toHaveCount(0, { timeout: 5_000 })
  expect(await saved(page)).toContain('small')
})

test('"keep this tab\'s" saves the user\'s own notebook, not the shared one on screen', async ({ context }) => {
  const first = await context.newPage()
  await first.goto('/')
  await waitForMonaco(first)
  await setCode(codeCells(first).first(), 'println("my-own-notebook")')
  await expect.poll(() => saved(first), { timeout: 3_000 }).toContain('my-own-notebook')

  const second = await context.newPage()
  await second.goto('/')
  await waitForMonaco(second)
  await setCode(codeCells(second).first(), 'println("from-the-second-tab")')
  const conflict = first.getByRole('alert').filter({ hasText: 'changed in another tab' })
  await expect(conflict).toBeVisible({ timeout: 5_000 })

  // the first tab opens a shared link, then answers
  await first.evaluate((hash) => (location.hash = hash), `#code/${lz('println("a-shared-link")')}`)
  await expect.poll(() => editorText(codeCells(first).first())).toBe('println("a-shared-link")')
  await first.getByRole('button', { name: "Keep this tab's" }).click()
  await expect.poll(() => saved(first), { timeout: 3_000 }).toContain('my-own-notebook')
  await first.waitForTimeout(800)
  expect(await saved(first)).not.toContain('a-shared-link')
  await expect.poll(() => editorText(codeCells(first).first())).toBe('println("a-shared-link")')
})

test('changes to a shared notebook are kept aside when another link opens, and offered again after a reload', async ({ page }) => {
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(`/#code/${lz('println("shared")')}`)
  await waitForMonaco(page)
  await setCode(codeCells(page).first(), 'println("shared, and my changes")')
  await expect(page.getByRole('region', { name: 'Shared notebook' })).toContainText('You changed it')

  // another link opens at once, and the changes are offered
  await page.getByRole('combobox', { name: 'Examples' }).selectOption('usage')
  await expect(page.getByRole('region', { name: 'Shared notebook' })).toContainText('SimpleGrad: Usage')
  const kept = page.getByRole('region', { name: 'Kept changes' })
  await expect(kept).toContainText('Your changes to a shared notebook (“println("shared, and my changes")”) are kept.')

  // still there after a reload, and opened again they can be kept as the user's own
  await page.waitForTimeout(600)
  await page.reload()
  await kept.getByRole('button', { name: 'Open my changes' }).click()
  await expect.poll(() => editorText(codeCells(page).first())).toBe('println("shared, and my changes")')
  await expect(kept).toHaveCount(0)
  await page.screenshot({ path: 'test-results/kept-changes.png' })
  await page.getByRole('button', { name: 'Keep this as my notebook' }).click()
  await expect.poll(() => saved(page), { timeout: 3_000 }).toContain('shared, and my changes')
  expect(dialogs).toEqual([])
})
