// The embed view at the frame sizes tutorials use: side by side at 900×640 (the code at least 40%
// of the width), the graph behind a Graph tab at 700×560, below the code at 420×700; long lines
// wrap instead of hiding; ?theme= sets the theme. Also the Share panel's Embed section.
// Screenshots: test-results/embed-900x640.png, embed-700x560-*.png, embed-420x700.png.
import { expect, test, type Page } from '@playwright/test'
import LZString from 'lz-string'

const NEURON = [
  'const x1 = Value(2.0), x2 = Value(0.0)',
  'const w1 = Value(-3.0), w2 = Value(1.0)',
  'const b = Value(6.8813735870195432)',
  'const n = x1 * w1 + x2 * w2 + b   // the neuron before its activation: a weighted sum of the inputs plus a bias',
  'const o = tanh(n)',
  'backward(o)',
  'println(x1.grad, " ", w1.grad)',
].join('\n')

const embedLink = (extra = '') => `/?embed=1&run=1${extra}#code/${LZString.compressToEncodedURIComponent(NEURON)}`

async function open(page: Page, width: number, height: number, extra = '') {
  await page.setViewportSize({ width, height })
  await page.goto(embedLink(extra))
  const cell = page.getByTestId('cell').first()
  await expect(cell.getByTestId('cell-output')).toContainText('-1.4999999999999996', { timeout: 30_000 })
  await expect(cell.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 })
  return cell
}

/** No line of the editor reaches past the cell's right edge (long lines wrap). */
async function expectNoHiddenText(page: Page) {
  const overflow = await page.getByTestId('cell').first().evaluate((cell) => {
    const right = cell.querySelector('.cell-body')!.getBoundingClientRect().right
    return [...cell.querySelectorAll('.view-line > span')].map((s) => s.getBoundingClientRect().right - right).filter((d) => d > 1)
  })
  expect(overflow).toEqual([])
  // and every word of the long line is on screen
  const text = (await page.getByTestId('cell').first().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ')
  expect(text).toContain('weighted sum of the inputs plus a bias')
}

test('900×640: code and graph side by side, the code at least 40% of the width', async ({ page }) => {
  const cell = await open(page, 900, 640)
  await expect(page.locator('[data-layout]')).toHaveAttribute('data-layout', 'side')
  const graph = page.locator('svg[data-testid="graph"]')
  await expect(graph).toBeVisible()
  const code = (await cell.boundingBox())!
  const g = (await page.getByRole('complementary', { name: 'Computation graph' }).boundingBox())!
  expect(code.width).toBeGreaterThanOrEqual(0.4 * 900)
  expect(g.x).toBeGreaterThanOrEqual(code.x + code.width - 1) // beside, not below
  expect(g.y).toBeLessThan(100) // starts at the top, not below the middle
  expect(g.width).toBeGreaterThan(300)
  await expect(page.getByRole('tab')).toHaveCount(0)
  await expectNoHiddenText(page)
  await page.waitForTimeout(300) // the graph's fit animation
  await page.screenshot({ path: 'test-results/embed-900x640.png' })
})

test('700×560: the code at full width, the graph behind a Graph tab; ?theme=dark', async ({ page }) => {
  const cell = await open(page, 700, 560, '&theme=dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.locator('[data-layout]')).toHaveAttribute('data-layout', 'tabs')
  const code = (await cell.boundingBox())!
  expect(code.width).toBeGreaterThanOrEqual(0.85 * 700)
  await expectNoHiddenText(page)
  await page.screenshot({ path: 'test-results/embed-700x560-code.png' })
  const tab = page.getByRole('tab', { name: 'Graph' })
  await expect(page.getByRole('tab', { name: 'Code' })).toHaveAttribute('aria-selected', 'true')
  await tab.click()
  await expect(tab).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('svg[data-testid="graph"]')).toBeVisible()
  await expect(page.locator('[data-testid="graph-node"][data-label="x1"]')).toHaveAttribute('data-grad', '-1.4999999999999996')
  await page.waitForTimeout(300)
  await page.screenshot({ path: 'test-results/embed-700x560-graph.png' })
  // the keyboard moves between the tabs
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('tab', { name: 'Code' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('cell')).toHaveCount(1)
})

test('420×700: the code at full width with the graph below it; ?theme=light', async ({ page }) => {
  const cell = await open(page, 420, 700, '&theme=light')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect(page.locator('[data-layout]')).toHaveAttribute('data-layout', 'below')
  const code = (await cell.boundingBox())!
  expect(code.width).toBeGreaterThanOrEqual(0.85 * 420)
  const g = (await page.getByRole('complementary', { name: 'Computation graph' }).boundingBox())!
  expect(g.y).toBeGreaterThan(300)
  expect(g.height).toBeGreaterThan(250)
  await expect(page.locator('svg[data-testid="graph"]')).toBeVisible()
  await expectNoHiddenText(page)
  await page.waitForTimeout(300)
  await page.screenshot({ path: 'test-results/embed-420x700.png' })
})

test('the Share panel builds the iframe snippet for the chosen cells, and copies it', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 860 })
  const cells = [{ kind: 'markdown', source: '# Title' }, { kind: 'code', source: NEURON }]
  await page.goto(`/#notebook/${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, cells }))}`)
  await page.getByRole('button', { name: 'Share' }).click()
  await page.getByText('Embed', { exact: true }).click()
  const panel = page.getByRole('dialog', { name: 'Share link' })
  await panel.getByRole('checkbox', { name: /Cell 1/ }).uncheck()
  await panel.getByRole('spinbutton', { name: /Height/ }).fill('480')
  await panel.getByRole('combobox', { name: 'Theme' }).selectOption('dark')
  await panel.getByRole('checkbox', { name: 'Show the graph' }).uncheck()
  const snippet = panel.getByTestId('embed-snippet')
  await expect(snippet).toHaveValue(/height="480"/)
  const html = await snippet.inputValue()
  const src = /src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&')
  const url = new URL(src)
  expect(url.searchParams.get('embed')).toBe('1')
  expect(url.searchParams.get('run')).toBe('1')
  expect(url.searchParams.get('theme')).toBe('dark')
  expect(url.searchParams.get('nograph')).toBe('1')
  expect(LZString.decompressFromEncodedURIComponent(url.hash.replace('#code/', ''))).toBe(NEURON)
  await panel.screenshot({ path: 'test-results/share-embed.png' })
  await panel.getByRole('button', { name: 'Copy embed code' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(html)

  // the snippet's page: that one cell, dark, without the graph
  await page.goto(url.pathname + url.search + url.hash)
  await expect(page.getByTestId('cell')).toHaveCount(1)
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId('cell-output')).toContainText('-1.4999999999999996', { timeout: 30_000 })
  await expect(page.locator('svg[data-testid="graph"]')).toHaveCount(0)
})
