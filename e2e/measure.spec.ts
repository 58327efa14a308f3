// Measurements on the production build (the preview server), printed as a table. They never fail
// on a number, but a measurement that cannot be taken fails its test. Times are
// from the page's own clock (performance.now(), whose zero is the navigation's start), in a fresh
// browser context (empty cache) against 127.0.0.1, so they leave out the network.
import { expect, test, type Locator, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { usage } from '../src/examples/usage.ts'
import { makeShareLink } from '../src/notebook/links.ts'
import { makeDoc, type DocCell } from '../src/notebook/notebook-doc.ts'

const rows: Array<[string, string]> = []
const record = (what: string, value: string) => {
  rows.push([what, value])
  console.log(`measure: ${what}: ${value}`)
}
const ms = (n: number) => `${n.toFixed(0)} ms`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Runs one measurement; `what` names it in the table, and a failure fails the test. */
async function measuring(what: string, f: () => Promise<void>): Promise<void> {
  await test.step(what, f)
}

test.afterAll(() => {
  if (rows.length === 0) return
  const width = Math.max(...rows.map(([w]) => w.length))
  console.log(['', 'measure: results', ...rows.map(([w, v]) => `  ${w.padEnd(width)}  ${v}`), ''].join('\n'))
})

/** Records, from the page's start, when each watched selector first matches. */
async function watchFirst(page: Page, selectors: Record<string, string>): Promise<void> {
  await page.addInitScript((selectors: Record<string, string>) => {
    const seen: Record<string, number> = {}
    ;(window as unknown as { __firstSeen: Record<string, number> }).__firstSeen = seen
    const check = () => {
      for (const [name, sel] of Object.entries(selectors)) {
        if (seen[name] === undefined && document.querySelector(sel)) seen[name] = performance.now()
      }
    }
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true })
  }, selectors)
}

async function firstSeen(page: Page, name: string): Promise<number> {
  await expect.poll(() => page.evaluate((n) => (window as unknown as { __firstSeen: Record<string, number> }).__firstSeen[n], name), { timeout: 60_000 }).toBeGreaterThan(0)
  return page.evaluate((n) => (window as unknown as { __firstSeen: Record<string, number> }).__firstSeen[n], name)
}

/**
 * Clicks a cell's Run button and times, in the page, the first printed line and the end of the
 * run. The old output goes as soon as the run starts, so the first line seen after that is new.
 */
async function timeRun(cell: Locator): Promise<{ first: number; done: number }> {
  return cell.evaluate((el) => new Promise<{ first: number; done: number }>((resolve, reject) => {
    const button = el.querySelector<HTMLButtonElement>('button[aria-label="Run cell"]')!
    let started = false
    let first = 0
    const t0 = performance.now()
    const check = () => {
      const status = /status-(\w+)/.exec(el.className)?.[1]
      if (!started) {
        if (status === 'running' || status === 'queued') started = true
        else return
      }
      if (!first && el.querySelector('[data-testid="cell-output"] .out-lines')) first = performance.now() - t0
      if (status === 'done' || status === 'error') {
        observer.disconnect()
        clearTimeout(timer)
        if (status === 'error') reject(new Error(el.textContent ?? 'error'))
        else resolve({ first: first || performance.now() - t0, done: performance.now() - t0 })
      }
    }
    const observer = new MutationObserver(check)
    observer.observe(el, { attributes: true, childList: true, subtree: true, characterData: true })
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no result in 60 s')) }, 60_000)
    button.click()
    check()
  }))
}

const notebookLink = (cells: DocCell[], query = '') => `/${query}#notebook/${LZString.compressToEncodedURIComponent(JSON.stringify(makeDoc(cells)))}`

test('measure: from navigation to an editable editor, and to the first output of ?run=1', async ({ page }) => {
  test.setTimeout(120_000)
  await watchFirst(page, {
    cell: '[data-testid="cell"]',
    plain: '[data-testid="cell"] textarea.code-editor',
    monaco: '.monaco-editor .native-edit-context, .monaco-editor textarea.inputarea',
    output: '[data-testid="cell-output"] .out-lines',
  })
  await measuring('open / : first cell shown', async () => {
    await page.goto('/')
    record('open / : first cell shown', ms(await firstSeen(page, 'cell')))
    record('open / : plain editor editable', ms(await firstSeen(page, 'plain')))
    const monaco = await firstSeen(page, 'monaco')
    // editable: the editor takes the focus and what is typed arrives
    const cell = page.locator('[data-testid="cell"].cell-code').first()
    await cell.locator('.view-lines').click()
    await page.keyboard.type('//')
    await expect(cell.locator('.view-lines')).toContainText('//')
    record('open / : Monaco editor editable', ms(monaco))
  })

  await measuring('?run=1#example/usage: first output (cold sandbox)', async () => {
    const fresh = await page.context().newPage()
    await watchFirst(fresh, { output: '[data-testid="cell-output"] .out-lines', monaco: '.monaco-editor .native-edit-context' })
    await fresh.goto('/?run=1#example/usage')
    record('?run=1#example/usage: first output (cold sandbox)', ms(await firstSeen(fresh, 'output')))
    const codeCount = usage.cells.filter((c) => c.kind === 'code').length
    await expect(fresh.locator('[data-testid="cell"].cell-code.status-done')).toHaveCount(codeCount, { timeout: 60_000 })
    const allDone = await fresh.evaluate(() => performance.now())
    record(`?run=1#example/usage: all ${codeCount} code cells done (upper bound)`, ms(allDone))
    record('?run=1#example/usage: Monaco editable', ms(await firstSeen(fresh, 'monaco')))

    // warm: the first code cell again, five times
    const first = fresh.locator('[data-testid="cell"].cell-code').first()
    const runs = []
    for (let i = 0; i < 5; i++) runs.push(await timeRun(first))
    record('usage cell 1 run again (warm): first output, median of 5', ms(median(runs.map((r) => r.first))))
  })
})

test('measure: a seed example, Run to first output, cold sandbox (after Stop) and warm', async ({ page }) => {
  test.setTimeout(120_000)
  const seedCell = usage.cells.find((c) => c.kind === 'code' && c.source.startsWith('seed(1234)'))!
  await page.goto(notebookLink([{ kind: 'code', source: 'await new Promise((r) => setTimeout(r, 60_000))' }, { kind: 'code', source: seedCell.source }]))
  const cells = page.locator('[data-testid="cell"]')
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 })
  const cold: number[] = []
  const warm: number[] = []
  await measuring('seed example (seed(1234) Tensor cell)', async () => {
    for (let i = 0; i < 3; i++) {
      // a run to stop: Stop ends the sandbox, so the next run starts a fresh one
      await cells.nth(0).getByRole('button', { name: 'Run cell' }).click()
      await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled()
      await page.getByRole('button', { name: 'Stop' }).click()
      await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled()
      cold.push((await timeRun(cells.nth(1))).first)
      for (let j = 0; j < 3; j++) warm.push((await timeRun(cells.nth(1))).first)
    }
    await expect(cells.nth(1).getByTestId('cell-output')).toContainText('Tensor([2.137')
    record('seed example, cold sandbox after Stop: first output (median of 3)', `${ms(median(cold))}  [${cold.map((x) => x.toFixed(0)).join(', ')}]`)
    record('seed example, warm: first output (median of 9)', `${ms(median(warm))}  [min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)}]`)
  })
})

test('measure: a ~1 MB #notebook/ link', async ({ page }) => {
  test.setTimeout(120_000)
  // Random text compresses poorly: notebooks of random comments, grown until the link is ~1 MB.
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '
  const line = () => `// ${Array.from({ length: 96 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('')}`
  const notebook = (lines: number): DocCell[] => Array.from({ length: 10 }, (_, i) => ({
    kind: 'code' as const,
    source: [`println(${i})`, ...Array.from({ length: lines }, line)].join('\n'),
  }))
  const trial = LZString.compressToEncodedURIComponent(JSON.stringify(makeDoc(notebook(100)))).length
  const lines = Math.round((100 * 1_000_000) / trial)
  const cells = notebook(lines)
  const json = JSON.stringify(makeDoc(cells))
  const t0 = performance.now()
  const payload = LZString.compressToEncodedURIComponent(json)
  const compressMs = performance.now() - t0
  const t1 = performance.now()
  LZString.decompressFromEncodedURIComponent(payload)
  const nodeDecode = performance.now() - t1
  record('1 MB link: size', `${(payload.length / 1e6).toFixed(2)} MB link from ${(json.length / 1e6).toFixed(2)} MB of JSON, 10 cells x ${lines + 1} lines`)
  record('1 MB link: compress / decompress in Node', `${ms(compressMs)} / ${ms(nodeDecode)}`)

  await watchFirst(page, { cell: '[data-testid="cell"]', monaco: '.monaco-editor .native-edit-context' })
  await measuring('1 MB link: open', async () => {
    await page.goto(`/#notebook/${payload}`)
    await expect(page.locator('[data-testid="cell"]')).toHaveCount(10, { timeout: 60_000 })
    const decode = await page.evaluate(() => performance.getEntriesByName('simplegrad:open-link')[0]?.duration ?? NaN)
    record('1 MB link: read the link in the page (decode + check)', Number.isNaN(decode) ? 'no mark' : ms(decode))
    record('1 MB link: navigation to cells shown', ms(await firstSeen(page, 'cell')))
    await expect(page.locator('.monaco-editor')).toHaveCount(10, { timeout: 60_000 })
    record('1 MB link: navigation to Monaco editable', ms(await firstSeen(page, 'monaco')))
    await expect(page.getByRole('alert').filter({ hasText: /link/ })).toHaveCount(0)
  })
})

test('measure: share link lengths for the Usage example', async ({ baseURL }) => {
  const where = { origin: new URL(baseURL!).origin, pathname: '/' }
  const whole = makeShareLink(makeDoc(usage.cells), where)
  const hash = (url: string) => url.length - url.indexOf('#')
  record(`usage as #notebook/ (all ${usage.cells.length} cells)`, `${whole.length.toLocaleString('en')} chars (hash ${hash(whole.url).toLocaleString('en')}), format ${whole.format}${whole.tooLong ? ', over the 8,000 warning' : ''}`)
  const codeOnly = makeShareLink(makeDoc(usage.cells.filter((c) => c.kind === 'code')), where)
  record('usage code cells only as #notebook/', `${codeOnly.length.toLocaleString('en')} chars`)
  const lengths: number[] = []
  const per: string[] = []
  usage.cells.forEach((c, i) => {
    if (c.kind !== 'code') return
    const link = makeShareLink(makeDoc([c]), where)
    expect(link.format).toBe('code')
    lengths.push(link.length)
    per.push(`${i}:${link.length}`)
  })
  record(`usage code cells as #code/ (${lengths.length})`, `min ${Math.min(...lengths)}, median ${median(lengths)}, max ${Math.max(...lengths)} chars (incl. ${where.origin.length + 1}-char origin)`)
  record('usage #code/ lengths by cell index', per.join(' '))
})
