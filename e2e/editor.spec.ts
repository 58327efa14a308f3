// The Monaco cell editor: it knows SimpleGrad's types and operators, earlier cells' names, the
// notebook's keys and the page's theme.
import { expect, test, type Locator, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { usage } from '../src/examples/usage.ts'

const USAGE = usage.cells.filter((c) => c.kind === 'code').map((c) => c.source)

interface Marker { severity: string; message: string; line: number; source: string }
interface EditorHooks {
  getMarkers(cellId: string): Marker[]
  whenChecked(): Promise<void>
}

const NEURON = `const input1 = Value(2.3)
const input2 = Value(-3.5)
const input3 = Value(3.9)

const weight1 = Value(-0.8)
const weight2 = Value(1.8)
const weight3 = Value(3.0)

const bias = Value(-3.2)

const y_pred = tanh(input1*weight1 + input2*weight2 + input3*weight3 + bias)
const y_true = Value(0.8)

const loss = (y_pred - y_true)^2
println(loss)

backward(loss)
println(weight1.grad)
`

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

  const hover = page.locator('.monaco-hover:not(.hidden)')
  await expect(async () => {
    const { x, y } = await pointAt(editor, 'const z = x * y', 'z')
    await page.mouse.move(x - 40, y + 60)
    await page.mouse.move(x, y)
    await expect(hover).toContainText('const z: Value', { timeout: 3_000 })
  }).toPass({ timeout: 30_000 })
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
