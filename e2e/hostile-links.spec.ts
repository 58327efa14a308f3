// Links a stranger might send (issue 10): each opens, or is refused with a sentence, and the page
// keeps answering. The input sizes are those that froze the page before (seconds to minutes); each
// expectation allows a few seconds, far below that and far above what it takes now.
import { expect, test, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { growingPayload } from '../src/notebook/lz-attack.ts'

type DocCell = { kind: 'code' | 'markdown'; source: string }
const lz = (s: string) => LZString.compressToEncodedURIComponent(s)
const notebookLink = (cells: DocCell[], query = '') => `/${query}#notebook/${lz(JSON.stringify({ v: 1, cells }))}`
const linkAlert = (page: Page) => page.getByRole('alert').filter({ hasText: /link/i })

/** The page answers: a click on Share shows the link (the main thread is free to handle it). */
async function answers(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Share/ }).click({ timeout: 5_000 })
  await expect(page.getByTestId('share-url')).toBeVisible({ timeout: 5_000 })
}

test.describe('links that froze the page', () => {
  test('100,000 " $b" in a markdown cell: the math rule is linear', async ({ page }) => {
    const source = ' $b'.repeat(100_000) // 88 s frozen before
    await page.goto(notebookLink([{ kind: 'markdown', source }, { kind: 'code', source: 'println(1)' }]), { waitUntil: 'commit' })
    await expect(page.getByTestId('markdown').first()).toContainText('$b $b $b', { timeout: 8_000 })
    await answers(page)
  })

  test('one line of 360,000 characters compiles and runs', async ({ page }) => {
    // `n += 1;` 60,000 times on one line: compiling it was quadratic (40,000 took 23.6 s in the page)
    const source = `let n = 0; ${'n += 1;'.repeat(60_000)}\nprintln(n)`
    await page.goto(notebookLink([{ kind: 'code', source }], '?run=1'), { waitUntil: 'commit' })
    await expect(page.getByTestId('cell-output').first()).toContainText('60000', { timeout: 30_000 })
    await answers(page)
  })

  test('a 14 KB link that decompresses to 20 MB is refused with a sentence', async ({ page }) => {
    const link = `/#code/${growingPayload('a', 6400)}`
    expect(link.length).toBeLessThan(15_000)
    await page.goto(link, { waitUntil: 'commit' })
    await expect(linkAlert(page)).toContainText('larger than 2,097,152 characters once decompressed', { timeout: 8_000 })
    await expect(linkAlert(page)).toContainText('Your own notebook is safe.')
    await answers(page)
  })

  test('a notebook of 10,000 empty cells is refused with a sentence', async ({ page }) => {
    const cells: DocCell[] = Array.from({ length: 10_000 }, () => ({ kind: 'code', source: '' }))
    await page.goto(notebookLink(cells), { waitUntil: 'commit' })
    await expect(linkAlert(page)).toContainText('has 10,000 cells, more than the 200', { timeout: 8_000 })
    await answers(page)
  })
})

test('a markdown cell cannot cover the app, clobber its hooks or fetch from elsewhere', async ({ page }) => {
  const fetched: string[] = []
  await page.route(/tracker\.example/, (route) => {
    fetched.push(route.request().url())
    return route.fulfill({ status: 200, contentType: 'image/png', body: '' })
  })
  const source = [
    '<div style="position:fixed;inset:0;z-index:9999;background:#fff;font-size:40px">Your session expired: sign in again</div>',
    '',
    '<span id="root" data-testid="share-url" class="banner warn">hooks</span> <span role="button" aria-label="Run all">fake</span>',
    '',
    '![a cat](https://tracker.example/cat.png) <img src="//tracker.example/pixel.gif">',
    '',
    '<table><tr><td background="https://tracker.example/bg.png" style="background:url(https://tracker.example/c)">cell</td></tr></table>',
    '',
    '[elsewhere](https://other.example/page) and [the MNIST tutorial](#example/mnist)',
  ].join('\n')
  await page.goto(notebookLink([{ kind: 'markdown', source }, { kind: 'code', source: 'println(1)' }]))
  const md = page.getByTestId('markdown').first()
  await expect(md).toContainText('Your session expired')

  // no overlay: the toolbar's Share button is still the element at its own centre
  await expect(md.locator('[style]')).toHaveCount(0)
  const share = page.getByRole('button', { name: /Share/ })
  const box = (await share.boundingBox())!
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('button')?.textContent ?? '', [box.x + box.width / 2, box.y + box.height / 2])
  expect(hit).toContain('Share')

  // no ids, test hooks or roles from the cell
  await expect(md.locator('[id], [data-testid], [role], [aria-label], [class~="banner"]')).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Run all$/ })).toHaveCount(1) // the toolbar's, not the cell's
  await share.click()
  await expect(page.getByTestId('share-url')).toHaveCount(1)

  // remote images are a sentence, and nothing was fetched
  await expect(md.locator('img')).toHaveCount(0)
  await expect(md.getByText('remote image not loaded: tracker.example')).toHaveCount(2)
  await page.waitForTimeout(300)
  expect(fetched).toEqual([])

  // links to other origins open in a new tab without opener or referrer; the app's own stay
  const out = md.getByRole('link', { name: 'elsewhere' })
  await expect(out).toHaveAttribute('target', '_blank')
  await expect(out).toHaveAttribute('rel', 'noopener noreferrer')
  await expect(md.getByRole('link', { name: 'the MNIST tutorial' })).not.toHaveAttribute('target', /./)
  await page.screenshot({ path: 'test-results/hostile-markdown.png' })
})
