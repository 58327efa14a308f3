// Numbers you can turn: dragging a literal in a code cell re-runs the cell as it moves, so the
// graph's data and grads follow; Alt+↑ turns it from the keyboard; Ctrl+Z takes it back. Clicking
// a leaf of the graph offers the same for the number that made it.
// Screenshot of a scrub in progress: test-results/scrub-drag.png.
import { expect, test, type Page } from '@playwright/test'
import LZString from 'lz-string'

const SOURCE = 'const x = Value(2.0)\nconst y = Value(3.0)\nconst z = x * y\nbackward(z)\nprintln(x.grad)'
const node = (page: Page, label: string) => page.locator(`svg[data-testid="graph"] [data-testid="graph-node"][data-label="${label}"]`)
const editorText = async (page: Page) => (await page.getByTestId('cell').first().locator('.view-line').allTextContents()).join('\n').replace(/\u00a0/g, ' ')

async function open(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(`/?run=1#code/${LZString.compressToEncodedURIComponent(SOURCE)}`)
  await expect(page.getByTestId('cell-output')).toHaveText('3.0', { timeout: 30_000 })
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 })
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '3')
}

test('dragging a number re-runs the cell and the grads follow; Alt+↑ and Ctrl+Z', async ({ page }) => {
  await open(page)
  const cell = page.getByTestId('cell').first()
  const three = cell.locator('.view-line span span', { hasText: /^3\.0$/ })
  // Monaco may redraw the line (its colours arrive late): measure the span once it holds still
  let box: { x: number; y: number; width: number; height: number } | null = null
  await expect.poll(async () => (box = await three.boundingBox().catch(() => null)) !== null).toBe(true)
  box = box!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await expect(cell.locator('.sg-scrub')).toHaveText('3.0') // hovering marks it as turnable
  await page.mouse.down()
  for (let dx = 6; dx <= 30; dx += 6) await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2)
  await expect(cell.locator('.sg-scrub-active')).toHaveText('3.5')
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '3.5')
  await expect(node(page, 'y')).toHaveAttribute('data-data', '3.5')
  await page.screenshot({ path: 'test-results/scrub-drag.png' })
  for (let dx = 24; dx >= -12; dx -= 6) await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2)
  await page.mouse.up()
  await expect.poll(() => editorText(page)).toContain('const y = Value(2.8)')
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '2.8')
  await expect(page.getByTestId('cell-output')).toHaveText('2.8')

  // the keyboard: caret on the number, Alt+↑
  await cell.locator('.view-line span span', { hasText: /^2\.0$/ }).click()
  await page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => editorText(page)).toContain('const x = Value(2.1)')
  await expect(node(page, 'y')).toHaveAttribute('data-grad', '2.1')
  // an ordinary edit: undo takes it back, and the drag was one step
  await page.keyboard.press('ControlOrMeta+Z')
  await expect.poll(() => editorText(page)).toContain('const x = Value(2.0)')
  await page.keyboard.press('ControlOrMeta+Z')
  await expect.poll(() => editorText(page)).toContain('const y = Value(3.0)')

  // a double-click selects the whole number, to type over it
  await cell.locator('.view-line span span', { hasText: /^3\.0$/ }).dblclick()
  await page.keyboard.type('9')
  await expect.poll(() => editorText(page)).toContain('const y = Value(9)')
})

test('clicking a leaf of the graph offers its number, turned with the keyboard', async ({ page }) => {
  await open(page)
  await node(page, 'y').click()
  const slider = page.getByRole('slider', { name: /y in the code/ })
  await expect(slider).toBeFocused()
  await expect(slider).toHaveAttribute('aria-valuetext', '3.0')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(slider).toHaveAttribute('aria-valuetext', '3.2')
  await expect.poll(() => editorText(page)).toContain('const y = Value(3.2)')
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '3.2')
  await page.screenshot({ path: 'test-results/scrub-leaf.png' })
  await page.getByRole('button', { name: 'Smaller' }).click()
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '3.1')
})
