// Links (CONTRACT.md section 3) in the browser: Share makes one that opens the same notebook and
// puts it on the clipboard; links built by hand per the contract open; ?run=1 runs; unknown query
// parameters are ignored; broken links say so and lose nothing; a link never overwrites the user's
// own notebook without asking; ?embed=1 shows the notebook without the app's chrome.
import { expect, test, type Locator, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { setCode } from './helpers.ts'

type DocCell = { kind: 'code' | 'markdown'; source: string }

const lz = (s: string) => LZString.compressToEncodedURIComponent(s)
const codeLink = (source: string, query = '') => `/${query}#code/${lz(source)}`
const notebookLink = (cells: DocCell[], query = '') => `/${query}#notebook/${lz(JSON.stringify({ v: 1, cells }))}`

const SAVED_KEY = 'simplegrad-playground:notebook'
const cellsOf = (page: Page) => page.getByTestId('cell')
/** The page's banner about a link it could not open (Monaco keeps empty role=alert regions of its own). */
const linkAlert = (page: Page) => page.getByRole('alert').filter({ hasText: /link|example/i })
const codeCells = (page: Page) => page.locator('[data-testid="cell"].cell-code')

async function waitForMonaco(page: Page): Promise<void> {
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 })
}

async function editorText(cell: Locator): Promise<string> {
  const lines = await cell.locator('.view-line').allTextContents()
  return lines.join('\n').replace(/\u00a0/g, ' ')
}

/** What a page shows: each cell's kind and text (the editor's, or the rendered markdown's). */
async function shown(page: Page): Promise<Array<[string, string]>> {
  await waitForMonaco(page)
  const out: Array<[string, string]> = []
  for (const cell of await cellsOf(page).all()) {
    const markdown = cell.getByTestId('markdown')
    if (await markdown.count()) out.push(['markdown', (await markdown.innerText()).trim()])
    else {
      await expect(cell.locator('.monaco-editor')).toBeVisible()
      out.push([(await cell.getAttribute('class'))!.includes('cell-code') ? 'code' : 'markdown', await editorText(cell)])
    }
  }
  return out
}

/** The notebook saved in this context's localStorage. */
async function savedDoc(page: Page): Promise<{ v: number; cells: DocCell[] } | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SAVED_KEY)
  return raw ? (JSON.parse(raw) as { doc: { v: number; cells: DocCell[] } }).doc : null
}

/** Makes the user's own notebook (the welcome notebook with its code cell edited) and waits for it to be saved. */
async function makeMyNotebook(page: Page, marker: string): Promise<void> {
  await page.goto('/')
  await waitForMonaco(page)
  await setCode(codeCells(page).first(), `println("${marker}")`)
  await expect.poll(async () => JSON.stringify(await savedDoc(page)), { timeout: 3_000 }).toContain(marker)
}

async function shareUrl(page: Page): Promise<string> {
  const input = page.getByTestId('share-url')
  await expect(input).toBeVisible()
  return input.inputValue()
}

test('Share makes a #notebook/ link that opens the same notebook, and copies it', async ({ page, context }) => {
  await makeMyNotebook(page, 'shared-marker')
  const before = await shown(page)
  await page.getByRole('button', { name: 'Share' }).click()
  const url = await shareUrl(page)
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#notebook\/[A-Za-z0-9+-]+$/)
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url)

  // the hash is exactly the contract's document
  const doc = await savedDoc(page)
  const json = LZString.decompressFromEncodedURIComponent(url.split('#notebook/')[1])
  expect(json).toBe(JSON.stringify({ v: 1, cells: doc!.cells.map(({ kind, source }) => ({ kind, source })) }))
  expect(JSON.parse(json).cells.map((c: DocCell) => c.kind)).toEqual(['markdown', 'code', 'markdown'])

  const other = await context.newPage()
  await other.goto(url)
  expect(await shown(other)).toEqual(before)
  await expect(other.getByRole('region', { name: 'Shared notebook' })).toContainText('shared notebook')
})

test('Share of one code cell makes a #code/ link with the exact source; Ctrl+S shares too', async ({ page, context }) => {
  await page.goto('/')
  await waitForMonaco(page)
  // the welcome notebook without its text: one code cell
  const markdownCells = page.locator('[data-testid="cell"].cell-markdown')
  for (let n = await markdownCells.count(); n > 0; n--) {
    await markdownCells.first().hover()
    await markdownCells.first().getByRole('button', { name: 'Delete cell' }).click()
    await expect(markdownCells).toHaveCount(n - 1)
  }
  await expect(cellsOf(page)).toHaveCount(1)
  const source = 'const a = Value(2.0)\nconst b = a * a   // "quotes", <tags> & ünïcödé ∂\nprintln(b)'
  await setCode(codeCells(page).first(), source)
  await expect.poll(() => editorText(codeCells(page).first())).toBe(source)

  // Ctrl+S in the editor shares (and the browser does not open its "save page" dialog)
  await codeCells(page).first().locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+S')
  const url = await shareUrl(page)
  expect(url).toMatch(/\/#code\/[A-Za-z0-9+-]+$/)
  expect(LZString.decompressFromEncodedURIComponent(url.split('#code/')[1])).toBe(source)
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url)

  // Ctrl+S outside the editor shares too
  await page.getByRole('button', { name: 'Close share panel' }).click()
  await expect(page.getByTestId('share-url')).toHaveCount(0)
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('ControlOrMeta+S')
  expect(await shareUrl(page)).toBe(url)

  const other = await context.newPage()
  await other.goto(`${url.replace('#', '?run=1#')}`)
  expect(await shown(other)).toEqual([['code', source]])
  await expect(other.getByTestId('cell-output')).toHaveText('Value(4.0)')
})

test('links built by hand per the contract open their cells', async ({ page }) => {
  const source = 'const x = Value(6.0)\nconst y = Value(2.0)\nconst z = x * y\nbackward(z)\nprintln(x.grad)   // 2.0'
  await page.goto(codeLink(source))
  expect(await shown(page)).toEqual([['code', source]])

  const cells: DocCell[] = [
    { kind: 'markdown', source: '# A title\n\nSome *text*.' },
    { kind: 'code', source: 'const t = Tensor([1.0, 2.0])\nprintln(t)' },
    { kind: 'code', source: 'println(t.shape)' },
  ]
  await page.goto(notebookLink(cells))
  expect(await shown(page)).toEqual([['markdown', 'A title\n\nSome text.'], ['code', cells[1].source], ['code', cells[2].source]])
  await page.getByRole('button', { name: 'Run all' }).click()
  await expect(codeCells(page).nth(0).getByTestId('cell-output')).toHaveText('Tensor([1.0, 2.0])')

  await page.goto('/#example/usage')
  await expect(page.getByRole('region', { name: 'Shared notebook' })).toContainText('SimpleGrad: Usage')
})

test('?run=1 runs on open, and unknown query parameters are ignored', async ({ page }) => {
  await page.goto(codeLink('println(Value(4.0))', '?run=1'))
  await expect(page.getByTestId('cell-output')).toHaveText('Value(4.0)')

  await page.goto(notebookLink([{ kind: 'code', source: 'const k = 3\nprintln(k * 2)' }, { kind: 'code', source: 'println(k + 1)' }],
    '?utm_source=docs&foo=bar&run=1&ref=x%20y&theme=dark'))
  await expect(codeCells(page).nth(0).getByTestId('cell-output')).toHaveText('6.0')
  await expect(codeCells(page).nth(1).getByTestId('cell-output')).toHaveText('4.0')
  await expect(linkAlert(page)).toHaveCount(0)

  // without run=1 nothing runs
  await page.goto(codeLink('println(Value(5.0))', '?foo=1'))
  await waitForMonaco(page)
  await page.waitForTimeout(1000)
  await expect(page.getByTestId('cell-output')).toHaveCount(0)
  await expect(linkAlert(page)).toHaveCount(0)
})

test('each broken link says so on the page and loses nothing', async ({ page }) => {
  await makeMyNotebook(page, 'my-own-notebook')
  const mine = await savedDoc(page)
  const cutOff = notebookLink([{ kind: 'code', source: 'println("a long enough notebook to cut in half")' }])
  const broken: Array<[string, RegExp]> = [
    ['/#code/garbage', /could not be decompressed/],
    ['/#code/@@@not*lz', /contains "@"/],
    [`/#notebook/${lz('{"v":1,"cells":[{"kind":"code",')}`, /not valid JSON/],
    [`/#notebook/${lz(JSON.stringify({ v: 99, cells: [] }))}`, /format v99/],
    [`/#notebook/${lz(JSON.stringify({ v: 1, cells: [{ kind: 'python', source: '' }] }))}`, /cell 1 has kind "python"/],
    [cutOff.slice(0, Math.floor(cutOff.length * 0.6)), /cut off/],
    ['/#example/no-such-example', /no-such-example.*does not exist/],
  ]
  for (const [link, message] of broken) {
    await page.goto('about:blank')
    await page.goto(link)
    await expect(linkAlert(page), link).toContainText(message)
    await expect(linkAlert(page)).toContainText('Your own notebook is safe')
    // the page shows the user's own notebook, and the saved one is unchanged
    await waitForMonaco(page)
    await expect.poll(() => editorText(codeCells(page).first())).toBe('println("my-own-notebook")')
    const back = page.getByRole('button', { name: 'Back to my notebook' })
    if (await back.count()) await back.click()
    expect(await savedDoc(page)).toEqual(mine)
  }

  // a broken link opened within the page (the hash changes) is refused the same way
  await page.goto(notebookLink([{ kind: 'code', source: 'println("shared")' }]))
  await expect.poll(() => editorText(codeCells(page).first())).toBe('println("shared")')
  await page.evaluate(() => { location.hash = '#notebook/garbage' })
  await expect(linkAlert(page)).toContainText(/could not be decompressed/)
  await expect.poll(() => editorText(codeCells(page).first())).toBe('println("my-own-notebook")')
  expect(await savedDoc(page)).toEqual(mine)
})

test('a broken link with ?run=1 does not run the user\'s own notebook', async ({ page }) => {
  await makeMyNotebook(page, 'not-to-be-run')
  await page.goto('about:blank')
  await page.goto('/?run=1#code/garbage')
  await expect(linkAlert(page)).toContainText(/could not be decompressed/)
  await waitForMonaco(page)
  await page.waitForTimeout(1500)
  await expect(page.getByTestId('cell-output')).toHaveCount(0)
})

test('a link never overwrites the saved notebook: Back to my notebook, or Keep this as my notebook', async ({ page }) => {
  await makeMyNotebook(page, 'mine-before-links')
  const mine = await savedDoc(page)
  const shared: DocCell[] = [{ kind: 'markdown', source: 'Shared text' }, { kind: 'code', source: 'println("from a link")' }]
  await page.goto(notebookLink(shared))
  const banner = page.getByRole('region', { name: 'Shared notebook' })
  await expect(banner).toContainText('Your own notebook is saved and untouched')
  expect(await shown(page)).toEqual([['markdown', 'Shared text'], ['code', 'println("from a link")']])

  // edits to the shared notebook are not saved over the user's own
  await setCode(codeCells(page).first(), 'println("edited the shared one")')
  await page.waitForTimeout(800)
  expect(await savedDoc(page)).toEqual(mine)

  // Back to my notebook
  await banner.getByRole('button', { name: 'Back to my notebook' }).click()
  await expect(banner).toHaveCount(0)
  await expect.poll(() => editorText(codeCells(page).first())).toBe('println("mine-before-links")')
  expect(new URL(page.url()).hash).toBe('')
  await page.reload()
  await waitForMonaco(page)
  await expect.poll(() => editorText(codeCells(page).first())).toBe('println("mine-before-links")')
  expect(await savedDoc(page)).toEqual(mine)

  // an example from the menu (a link within the page) is shown the same way, and saves nothing
  await page.getByRole('combobox', { name: 'Examples' }).selectOption('usage')
  await expect(banner).toContainText('SimpleGrad: Usage')
  await expect(cellsOf(page).first().getByTestId('markdown')).toContainText('Quick intro')
  await page.waitForTimeout(800)
  expect(await savedDoc(page)).toEqual(mine)
  // so is a link inside a markdown cell
  await cellsOf(page).first().getByRole('link', { name: 'linear regression' }).click()
  await expect(banner).toContainText(/linear regression/i)
  await page.waitForTimeout(800)
  expect(await savedDoc(page)).toEqual(mine)
  await banner.getByRole('button', { name: 'Back to my notebook' }).click()
  await expect.poll(() => editorText(codeCells(page).first())).toBe('println("mine-before-links")')

  // Keep this as my notebook (the edits made before keeping are kept too)
  await page.goto(notebookLink(shared))
  await expect(banner).toBeVisible()
  await setCode(codeCells(page).first(), 'println("kept and edited")')
  await expect.poll(() => editorText(codeCells(page).first())).toBe('println("kept and edited")')
  await banner.getByRole('button', { name: 'Keep this as my notebook' }).click()
  await expect(banner).toHaveCount(0)
  expect(new URL(page.url()).hash).toBe('')
  expect(await savedDoc(page)).toEqual({ v: 1, cells: [shared[0], { kind: 'code', source: 'println("kept and edited")' }] })
  // it is the user's own now: edits save, and a reload shows it
  await setCode(codeCells(page).first(), 'println("kept, then edited again")')
  await expect.poll(async () => JSON.stringify(await savedDoc(page)), { timeout: 3_000 }).toContain('kept, then edited again')
  await page.reload()
  await expect(banner).toHaveCount(0)
  expect(await shown(page)).toEqual([['markdown', 'Shared text'], ['code', 'println("kept, then edited again")']])
})

test('?embed=1 shows cells and outputs without the app\'s chrome, and links to the playground', async ({ page, context }) => {
  await makeMyNotebook(page, 'mine-under-embed')
  const mine = await savedDoc(page)
  const cells: DocCell[] = [{ kind: 'markdown', source: 'Embedded $x^2$' }, { kind: 'code', source: 'const x = Value(3.0)\nconst y = x ^ 2\nbackward(y)\nprintln(x.grad)' }]
  const link = notebookLink(cells, '?embed=1&run=1')
  await page.goto(link)
  await expect(codeCells(page).first().getByTestId('cell-output')).toHaveText('6.0')
  await expect(cellsOf(page).first().locator('.katex')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Share' })).toHaveCount(0)
  await expect(page.getByRole('toolbar', { name: 'Notebook' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Theme/ })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Shared notebook' })).toHaveCount(0)
  await expect(page.getByRole('combobox', { name: 'Examples' })).toHaveCount(0)
  await page.screenshot({ path: 'test-results/embed.png' })

  // "Open in playground": the same notebook with the whole app
  const open = page.getByRole('link', { name: /Open in playground/ })
  await expect(open).toBeVisible()
  const href = await open.getAttribute('href')
  expect(href).not.toContain('embed')
  expect(new URL(href!).hash).toBe(new URL(link, 'http://x').hash)
  const [full] = await Promise.all([context.waitForEvent('page'), open.click()])
  await expect(full.getByRole('button', { name: 'Share' })).toBeVisible()
  await expect(full.getByTestId('markdown').locator('.katex')).toBeVisible()
  expect((await shown(full))[1]).toEqual(['code', cells[1].source])
  expect(await savedDoc(page)).toEqual(mine)
})

test('?embed=1 with a broken link says so', async ({ page }) => {
  await makeMyNotebook(page, 'mine-under-broken-embed')
  await page.goto('about:blank')
  await page.goto('/?embed=1#code/garbage')
  await expect(linkAlert(page)).toContainText(/could not be decompressed/)
})
