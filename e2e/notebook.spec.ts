// The notebook in the browser: the Usage chapter reproduces every output, the keys of a notebook
// (run, run and advance, run all, Jupyter's command mode), saving across reloads and tabs,
// markdown that renders math and never runs script, moving and deleting cells, and the theme.
// Screenshots of the Usage notebook in light and dark go to test-results/.
import { expect, test, type Locator, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { usage } from '../src/examples/usage.ts'
import { setCode, waitIdle } from './helpers.ts'

type DocCell = { kind: 'code' | 'markdown'; source: string }

const notebookLink = (cells: DocCell[]) =>
  `/#notebook/${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, cells }))}`
const code = (source: string): DocCell => ({ kind: 'code', source })

const cellsOf = (page: Page) => page.getByTestId('cell')

/** The text of a cell's editor (Monaco draws spaces as no-break spaces). */
async function editorText(cell: Locator): Promise<string> {
  const lines = await cell.locator('.view-line').allTextContents()
  return lines.join('\n').replace(/\u00a0/g, ' ')
}

/** Waits until Monaco has replaced the plain editors. */
async function waitForMonaco(page: Page): Promise<void> {
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 })
}

/** Monaco marks the editor that has the keyboard focus. */
async function expectEditing(cell: Locator): Promise<void> {
  await expect(cell.locator('.monaco-editor')).toHaveClass(/\bfocused\b/)
}

/** The lines a cell printed (none when it has no output). */
async function outputLines(cell: Locator): Promise<string[]> {
  const out = cell.getByTestId('cell-output')
  if ((await out.count()) === 0) return []
  const text = await out.locator('pre.out-lines').allInnerTexts()
  return text.join('\n').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)
}

/** Sets the theme with the toolbar's toggle (it cycles system, dark, light). */
async function pickTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const toggle = page.getByRole('button', { name: /^Theme: / })
  for (let i = 0; i < 3 && (await toggle.getAttribute('aria-label')) !== `Theme: ${theme}`; i++) await toggle.click()
  await expect(toggle).toHaveAttribute('aria-label', `Theme: ${theme}`)
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

test('the Usage chapter: Run all prints every expected line, in every cell', async ({ page }) => {
  test.setTimeout(90_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.setViewportSize({ width: 1100, height: 900 })
  await page.goto('/#example/usage')
  const cells = cellsOf(page)
  await expect(cells).toHaveCount(usage.cells.length)
  await waitForMonaco(page)
  await page.getByRole('button', { name: 'Run all' }).click()
  const codeCount = usage.cells.filter((c) => c.kind === 'code').length
  await expect(page.locator('[data-testid="cell"].cell-code.status-done')).toHaveCount(codeCount, { timeout: 60_000 })
  await waitIdle(page)

  const got: string[][] = []
  const want: string[][] = []
  for (const [i, c] of usage.cells.entries()) {
    if (c.kind !== 'code' || !c.expected) continue
    got.push(await outputLines(cells.nth(i)))
    want.push(c.expected)
  }
  expect(got).toEqual(want)
  expect(want.flat().length).toBeGreaterThanOrEqual(34)
  await expect(page.locator('.out-error')).toHaveCount(0)

  for (const theme of ['light', 'dark'] as const) {
    await pickTheme(page, theme)
    await expect(page.locator(theme === 'dark' ? '.monaco-editor.vs-dark' : '.monaco-editor.vs').first()).toBeVisible()
    await page.mouse.move(0, 0)
    await page.waitForTimeout(300)
    await page.screenshot({ path: `test-results/usage-${theme}.png`, fullPage: true })
  }
  expect(errors).toEqual([])
})

test('keys: Shift+Enter runs and moves on, Ctrl+Enter runs in place, Ctrl+Shift+Enter runs all', async ({ page }) => {
  await page.goto(`/#code/${LZString.compressToEncodedURIComponent('')}`)
  const cells = cellsOf(page)
  await expect(cells).toHaveCount(1)
  await waitForMonaco(page)
  await cells.first().locator('.view-lines').click()
  await page.keyboard.type('const k = 40 + 2; println(Date.now())')
  await expect.poll(() => editorText(cells.first())).toBe('const k = 40 + 2; println(Date.now())')

  await page.keyboard.press('Shift+Enter')
  await expect(cells).toHaveCount(2)
  await expectEditing(cells.nth(1))
  await expect(cells.first().getByTestId('cell-output')).toHaveText(/^\d\.\d+e12$/)
  expect(await editorText(cells.first())).toBe('const k = 40 + 2; println(Date.now())') // no newline typed
  const firstStamp = await cells.first().getByTestId('cell-output').textContent()

  await page.keyboard.type('println(k + 1)')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(cells.nth(1).getByTestId('cell-output')).toHaveText('43.0')
  await expect(cells).toHaveCount(2) // in place: no new cell
  await expectEditing(cells.nth(1))
  expect(await editorText(cells.nth(1))).toBe('println(k + 1)')
  await expect(cells.first().getByTestId('cell-output')).toHaveText(firstStamp!) // the first did not run again

  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(cells.first().getByTestId('cell-output')).not.toHaveText(firstStamp!)
  await expect(cells.first().getByTestId('cell-output')).toHaveText(/^\d\.\d+e12$/)
  await expect(cells.nth(1).getByTestId('cell-output')).toHaveText('43.0')
  await expect(cells).toHaveCount(2)
  expect(await editorText(cells.nth(1))).toBe('println(k + 1)')
})

test('a reload keeps the notebook', async ({ page }) => {
  await page.goto('/')
  const cells = cellsOf(page)
  await waitForMonaco(page)
  const count = await cells.count()
  const cell = page.locator('[data-testid="cell"].cell-code').first()
  await setCode(cell, 'println("kept-after-reload")')
  await expect.poll(() => editorText(cell)).toBe('println("kept-after-reload")')
  await page.waitForTimeout(600) // the save is debounced
  await page.reload()
  await waitForMonaco(page)
  await expect(cells).toHaveCount(count)
  await expect.poll(() => editorText(page.locator('[data-testid="cell"].cell-code').first())).toBe('println("kept-after-reload")')
  // the user's own notebook: no banner about a shared one
  await expect(page.getByRole('button', { name: 'Back to my notebook' })).toHaveCount(0)
})

test("another tab's save shows a conflict instead of being overwritten", async ({ context }) => {
  const first = await context.newPage()
  await first.goto('/')
  await waitForMonaco(first)
  const second = await context.newPage()
  await second.goto('/')
  await waitForMonaco(second)

  await setCode(second.locator('[data-testid="cell"].cell-code').first(), 'println("from-the-second-tab")')
  const conflict = first.getByRole('alert').filter({ hasText: 'changed in another tab' })
  await expect(conflict).toBeVisible({ timeout: 5_000 })
  await expect(second.getByRole('alert').filter({ hasText: 'another tab' })).toHaveCount(0)

  // the first tab's edits no longer save over the second's
  await setCode(first.locator('[data-testid="cell"].cell-code').first(), 'println("from-the-first-tab")')
  await first.waitForTimeout(800)
  const saved = () => first.evaluate(() => localStorage.getItem('simplegrad-playground:notebook') ?? '')
  expect(await saved()).toContain('from-the-second-tab')
  expect(await saved()).not.toContain('from-the-first-tab')

  // taking the other tab's version shows it here
  await first.getByRole('button', { name: "Load the other tab's" }).click()
  await expect(conflict).toHaveCount(0)
  await expect.poll(() => editorText(first.locator('[data-testid="cell"].cell-code').first())).toBe('println("from-the-second-tab")')
  // loading it is not a save: the second tab is not told of a change
  await first.waitForTimeout(800)
  await expect(second.getByRole('alert').filter({ hasText: 'changed in another tab' })).toHaveCount(0)

  // keeping this tab's version writes it, and now the second tab is asked
  await setCode(first.locator('[data-testid="cell"].cell-code').first(), 'println("first-again")')
  await expect.poll(saved, { timeout: 3_000 }).toContain('first-again')
  await expect(second.getByRole('alert').filter({ hasText: 'changed in another tab' })).toBeVisible()
  await second.getByRole('button', { name: "Keep this tab's" }).click()
  await expect.poll(saved, { timeout: 3_000 }).toContain('from-the-second-tab')
  await expect(first.getByRole('alert').filter({ hasText: 'changed in another tab' })).toBeVisible()
})

test('command mode: Escape leaves the editor, then A, B, M, Y, D D and Enter act on the cell', async ({ page }) => {
  await page.goto(notebookLink([code('println("one")'), code('println("two")')]))
  const cells = cellsOf(page)
  await waitForMonaco(page)
  await expect(cells.nth(1).locator('.monaco-editor')).toBeVisible()
  await cells.first().locator('.view-lines').click()
  await page.keyboard.press('Escape')
  await expect(cells.first()).toBeFocused()

  await page.keyboard.press('b') // below
  await expect(cells).toHaveCount(3)
  expect(await editorText(cells.nth(0))).toBe('println("one")')
  expect(await editorText(cells.nth(1))).toBe('')
  expect(await editorText(cells.nth(2))).toBe('println("two")')
  await expect(cells.nth(1)).toBeFocused() // the new cell, still in command mode

  await page.keyboard.press('a') // above the new one
  await expect(cells).toHaveCount(4)
  await expect(cells.nth(1)).toBeFocused()
  expect(await editorText(cells.nth(2))).toBe('')

  // Enter edits the selected cell; what is typed goes into it
  await page.keyboard.press('Enter')
  await expectEditing(cells.nth(1))
  await page.keyboard.type('// typed')
  await expect.poll(() => editorText(cells.nth(1))).toBe('// typed')
  expect(await editorText(cells.nth(0))).toBe('println("one")')

  // M makes it markdown and Y code again, as in Jupyter; D D deletes it
  await page.keyboard.press('Escape')
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('m')
  await expect(cells.nth(1)).toHaveClass(/cell-markdown/)
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('m')
  await expect(cells.nth(1)).toHaveClass(/cell-markdown/) // M again keeps it markdown
  await page.keyboard.press('y')
  await expect(cells.nth(1)).toHaveClass(/cell-code/)
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('d')
  await expect(cells).toHaveCount(4) // one D does nothing
  await page.keyboard.press('d')
  await expect(cells).toHaveCount(3)
  expect(await Promise.all([0, 1, 2].map((i) => editorText(cells.nth(i))))).toEqual(['println("one")', '', 'println("two")'])

  // with suggestions open, Escape closes them and stays in the editor
  await cells.nth(2).locator('.view-lines').click()
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Val')
  await page.keyboard.press('Control+Space')
  await expect(page.locator('.suggest-widget.visible')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.locator('.suggest-widget.visible')).toHaveCount(0)
  await expectEditing(cells.nth(2))
})

test('markdown renders math and never runs script', async ({ page }) => {
  let dialogs = 0
  page.on('dialog', (d) => { dialogs++; void d.dismiss() })
  await page.goto(notebookLink([
    { kind: 'markdown', source: '# Math\n\nInline $z = x \\cdot y$ and display:\n\n$$\\frac{dz}{dx} = y$$' },
    { kind: 'markdown', source: 'An image: <img src=x onerror="window.__pwned = 1; alert(1)"> and <script>window.__pwned = 2</script> <a href="javascript:alert(1)">link</a>' },
    code('println(1)'),
  ]))
  const cells = cellsOf(page)
  const math = cells.first().getByTestId('markdown')
  await expect(math.locator('h1')).toHaveText('Math')
  await expect(math.locator('.katex').first()).toBeVisible()
  await expect(math.locator('.katex-display')).toHaveCount(1)

  const hostile = cells.nth(1).getByTestId('markdown')
  await expect(hostile).toContainText('An image:')
  await page.waitForTimeout(500) // an image that fails to load fires onerror at once
  expect(dialogs).toBe(0)
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  await expect(page.locator('[onerror]')).toHaveCount(0)
  await expect(hostile.locator('script')).toHaveCount(0)
  await expect(hostile.locator('a[href^="javascript"]')).toHaveCount(0)

  // opened for editing and closed again, it renders again
  await cells.first().getByTestId('markdown').dblclick()
  await expectEditing(cells.first())
  await page.keyboard.press('Escape')
  await expect(cells.first().getByTestId('markdown').locator('.katex').first()).toBeVisible()
  await expect(cells.first()).toBeFocused() // command mode on the rendered cell
})

test('cells move up and down and are deleted', async ({ page }) => {
  await page.goto(notebookLink([code('// A'), code('// B'), code('// C')]))
  const cells = cellsOf(page)
  await waitForMonaco(page)
  await expect(cells.locator('.monaco-editor')).toHaveCount(3)
  const order = async () => Promise.all((await cells.all()).map(editorText))
  expect(await order()).toEqual(['// A', '// B', '// C'])

  await cells.first().hover()
  await cells.first().getByRole('button', { name: 'Move cell down' }).click()
  await expect.poll(order).toEqual(['// B', '// A', '// C'])
  await cells.nth(2).hover()
  await cells.nth(2).getByRole('button', { name: 'Move cell up' }).click()
  await expect.poll(order).toEqual(['// B', '// C', '// A'])
  await cells.first().hover()
  await cells.first().getByRole('button', { name: 'Move cell up' }).click() // already first: nothing
  await expect.poll(order).toEqual(['// B', '// C', '// A'])

  await cells.nth(1).hover()
  await cells.nth(1).getByRole('button', { name: 'Delete cell' }).click()
  await expect.poll(order).toEqual(['// B', '// A'])
  await cells.first().hover()
  await cells.first().getByRole('button', { name: 'Add a cell below' }).click()
  await expect.poll(order).toEqual(['// B', '', '// A'])
  for (let n = 3; n > 0; n--) {
    await cells.first().hover()
    await cells.first().getByRole('button', { name: 'Delete cell' }).click()
    await expect(cells).toHaveCount(Math.max(n - 1, 1))
  }
  // the last cell deleted leaves one empty cell to type in
  await expect.poll(order).toEqual([''])
})

test('the theme toggle switches between dark and light', async ({ page }) => {
  await page.goto('/')
  await waitForMonaco(page)
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  await pickTheme(page, 'dark')
  await expect.poll(bg).toBe('rgb(18, 20, 26)')
  await expect(page.locator('.monaco-editor.vs-dark').first()).toBeVisible()
  await pickTheme(page, 'light')
  await expect.poll(bg).toBe('rgb(246, 247, 251)')
  await expect(page.locator('.monaco-editor.vs').first()).toBeVisible()
  // the choice is remembered
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect(page.getByRole('button', { name: 'Theme: light' })).toBeVisible()
})
