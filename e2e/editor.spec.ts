// The Monaco cell editor: it knows SimpleGrad's types and operators, earlier cells' names, the
// notebook's keys and the page's theme.
import { expect, test, type Locator, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { NEURON as NEURON_CELL, NEURON_BACKWARD, usage } from '../src/examples/usage.ts'

const USAGE = usage.cells.filter((c) => c.kind === 'code').map((c) => c.source)

interface Marker { severity: string; message: string; line: number; source: string }
interface EditorHooks {
  getMarkers(cellId: string): Marker[]
  whenChecked(): Promise<void>
}

const NEURON = `${NEURON_CELL.source}\n\n${NEURON_BACKWARD.source}`

const codeLink = (source: string) => `/#code/${LZString.compressToEncodedURIComponent(source)}`
const notebookLink = (sources: string[]) =>
  `/#notebook/${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, cells: sources.map((source) => ({ kind: 'code', source })) }))}`

async function openWithMonaco(page: Page, url: string): Promise<Locator> {
  await page.goto(url)
  const cells = page.locator('[data-testid="cell"]')
  await expect(cells.first().locator('.monaco-editor')).toBeVisible({ timeout: 30_000 })
  return cells
}

/** The markers of each cell once every cell has its editor and the type checker has caught up. */
async function markersOf(page: Page, cells: Locator): Promise<Marker[][]> {
  await expect(cells.locator('.monaco-editor')).toHaveCount(await cells.count(), { timeout: 30_000 })
  const ids = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-id') ?? ''))
  return page.evaluate(async (ids) => {
    const hooks = (window as unknown as { __simplegradEditor: EditorHooks }).__simplegradEditor
    await hooks.whenChecked()
    return ids.map((id) => hooks.getMarkers(id))
  }, ids)
}

/** The middle of the first occurrence of `text` on a rendered line of an editor. */
async function pointAt(editor: Locator, line: string, text: string): Promise<{ x: number; y: number }> {
  const box = await editor.locator('.view-line', { hasText: line }).evaluate((el, text) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    let offset = (el.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(text)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent!.length
      if (offset < len) {
        const r = document.createRange()
        r.setStart(n, offset)
        r.setEnd(n, offset + 1)
        const b = r.getBoundingClientRect()
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 }
      }
      offset -= len
    }
    throw new Error(`no ${text} in ${el.textContent}`)
  }, text)
  return box
}

/** Moves the mouse onto `text` of `line` (after leaving it, so the hover opens anew) until the hover says `says`. */
async function hoverShows(page: Page, editor: Locator, [line, text]: [string, string], says: string): Promise<void> {
  const hover = page.locator('.monaco-hover:not(.hidden)')
  await expect(async () => {
    const { x, y } = await pointAt(editor, line, text)
    await page.mouse.move(x - 40, y + 60)
    await page.mouse.move(x, y)
    await expect(hover).toContainText(says, { timeout: 3_000 })
  }).toPass({ timeout: 30_000 })
}

test('typed with the keyboard, x * y on two Values is a Value', async ({ page }) => {
  const cells = await openWithMonaco(page, codeLink('// scratch'))
  const editor = cells.first().locator('.monaco-editor')
  await markersOf(page, cells) // the TypeScript worker has started: suggestions come at once
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  for (const line of ['const x = Value(6.0)', 'const y = Value(2.0)', 'const z = x * y']) {
    await page.keyboard.type(line)
    await page.keyboard.press('Escape') // close the suggestions before Enter
    // with no suggestions open, Escape leaves the editor for command mode; Enter comes back
    if (!/\bfocused\b/.test((await editor.getAttribute('class')) ?? '')) await page.keyboard.press('Enter')
    if (!line.startsWith('const z')) await page.keyboard.press('Enter')
  }
  await expect(editor.locator('.view-line', { hasText: 'const z = x * y' })).toBeVisible()
  await expect(async () => { // suggestions may open late: close them
    await page.keyboard.press('Escape')
    await expect(page.locator('.suggest-widget.visible')).toHaveCount(0, { timeout: 500 })
    await page.waitForTimeout(500)
    await expect(page.locator('.suggest-widget.visible')).toHaveCount(0, { timeout: 100 })
  }).toPass({ timeout: 10_000 })
  expect((await markersOf(page, cells))[0].filter((m) => m.severity === 'error')).toEqual([])

  await hoverShows(page, editor, ['const z = x * y', 'z'], 'const z: Value')
  await page.waitForTimeout(300) // the hover fades in
  await page.screenshot({ path: 'test-results/editor.png' })
})

test('the neuron example, written with operators, has no type errors', async ({ page }) => {
  const cells = await openWithMonaco(page, notebookLink([NEURON, 'const bad = weight1 * Tensor([1.0, 2.0])']))
  const [neuron, bad] = await markersOf(page, cells)
  expect(neuron.filter((m) => m.severity === 'error' || m.severity === 'warning')).toEqual([])
  await expect(cells.first().locator('.squiggly-error')).toHaveCount(0)
  // The second cell sees the first cell's names, and its own mistake is caught.
  expect(bad.map((m) => m.message)).toEqual(["Operator '*' cannot be applied to types 'Value' and 'Tensor'."])
  await expect(cells.nth(1).locator('.squiggly-error')).toHaveCount(1)
})

test("every example of the seed's Usage chapter, written with operators, has no type errors", async ({ page }) => {
  const cells = await openWithMonaco(page, notebookLink(USAGE))
  await expect(cells).toHaveCount(USAGE.length)
  const markers = await markersOf(page, cells)
  expect(markers.map((m) => m.filter((x) => x.severity === 'error' || x.severity === 'warning'))).toEqual(USAGE.map(() => []))
  await expect(page.locator('.squiggly-error')).toHaveCount(0)
})

test('a name the sandbox does not have is squiggled, and a Value offers only its public members', async ({ page }) => {
  const cells = await openWithMonaco(page, codeLink('const x = Value(2.0)\nconst order = topo(x)\nprintln(x.data)'))
  const [markers] = await markersOf(page, cells)
  expect(markers.filter((m) => m.severity === 'error').map((m) => m.message)).toEqual(["Cannot find name 'topo'."])
  const editor = cells.first().locator('.monaco-editor')
  await expect(editor.locator('.squiggly-error')).toHaveCount(1)
  await hoverShows(page, editor, ['const order = topo(x)', 'topo'], "Cannot find name 'topo'")
  await hoverShows(page, editor, ['println(x.data)', 'data'], 'The number this Value holds') // its doc comment
  await page.mouse.move(0, 0)
  // Completion after `x.` lists data, grad and the methods, not the graph's fields.
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('x.')
  const suggest = page.locator('.suggest-widget.visible')
  await expect(suggest).toBeVisible({ timeout: 10_000 })
  await expect(suggest.locator('.monaco-list-row').first()).toBeVisible()
  const names = await suggest.locator('.monaco-list-row .label-name').allTextContents()
  expect(names).toEqual(expect.arrayContaining(['add', 'data', 'exp']))
  for (const internal of ['a', 'b', 'k', 'op', 'mark', 'label']) expect(names).not.toContain(internal)
  await page.screenshot({ path: 'test-results/editor-globals.png' })
})

test('a later cell may declare a name again, with its new type', async ({ page }) => {
  const cells = await openWithMonaco(page, notebookLink([
    'const x = Value(4.0)\nconst w = x * 2',
    'const x = Tensor([2.0, 3.0, 4.0])\nconst t = 2 * x + x\nconst s = x.data * 3 - ones(1, 3)\nconst k = 6 ^ 3\nconst v = w ^ 2',
  ]))
  const markers = await markersOf(page, cells)
  expect(markers.flat().filter((m) => m.severity === 'error')).toEqual([])
})

test("the notebook's keys reach the notebook, and the editor follows the theme", async ({ page }) => {
  const cells = await openWithMonaco(page, codeLink('const a = Value(1.0)'))
  await expect(cells).toHaveCount(1)
  await cells.first().locator('.view-lines').click()
  // Monaco's own meanings (insert a line below, above) do not happen: the notebook runs the cells.
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(cells.first().locator('.view-line')).toHaveCount(1)
  await page.keyboard.press('Shift+Enter') // run and go to the next cell, made for the occasion
  await expect(cells).toHaveCount(2)
  await expect(cells.first().locator('.view-line')).toHaveCount(1) // no newline was typed

  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'))
  await expect(cells.first().locator('.monaco-editor.vs-dark')).toBeVisible()
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'))
  await expect(cells.first().locator('.monaco-editor.vs')).toBeVisible()
})

test('while a link\'s cells run, checks nobody asked for wait (the sandbox has the CPU); a cell someone types in is checked at once', async ({ page }) => {
  const A = 'const label: string = 42', error = "Type 'number' is not assignable to type 'string'."
  const cells = await openWithMonaco(page, `/?run=1${notebookLink([A, 'while (true) {} // runs until Stop']).slice(1)}`)
  const stop = page.getByRole('button', { name: 'Stop' })
  await expect(stop).toBeEnabled() // the loop runs
  const id = (await cells.first().getAttribute('data-cell-id')) ?? ''
  const marks = () => page.evaluate((id) => (window as unknown as { __simplegradEditor: EditorHooks }).__simplegradEditor.getMarkers(id).map((m) => m.message), id)
  // the editors are there, and the TypeScript worker has not been started for them
  await expect(cells.locator('.monaco-editor')).toHaveCount(2)
  await page.waitForTimeout(2000)
  expect(page.workers().map((w) => w.url()).filter((u) => /ts\.worker/.test(u))).toEqual([])
  expect(await marks()).toEqual([])
  // typing is asking: the cell is checked while the loop still runs
  await cells.first().locator('.monaco-editor').click()
  await page.keyboard.press('End')
  await page.keyboard.type(' // typed')
  await expect.poll(marks, { timeout: 30_000 }).toContain(error)
  expect(page.workers().some((w) => /ts\.worker/.test(w.url()))).toBe(true) // (so the check above could fail)
  await expect(stop).toBeEnabled()
  await stop.click()
})
