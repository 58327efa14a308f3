// Hostile and broken snippets: they reach nothing outside the sandbox, and the page survives.
import { createServer, type Server } from 'node:http'
import { expect, test } from '@playwright/test'
import { runInFirstCell, waitIdle } from './helpers.ts'

let server: Server
let hits: string[] = []
let port = 0

test.beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.end('secret-from-server')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as { port: number }).port
})
test.afterAll(() => new Promise<void>((r) => server.close(() => r())))
test.beforeEach(() => { hits = [] })

test('a snippet reaches no network, whatever it tries', async ({ page }) => {
  await page.goto('/')
  const url = `http://127.0.0.1:${port}`
  const cell = await runInFirstCell(page, `
const url = '${url}'
const attempts: Array<[string, () => unknown]> = [
  ['fetch', () => fetch(url + '/fetch')],
  ['xhr', () => { const x = new XMLHttpRequest(); x.open('GET', url + '/xhr', false); x.send() }],
  ['importScripts', () => (self as any).importScripts(url + '/import-scripts.js')],
  ['import', () => import(url + '/dynamic-import.js')],
  ['websocket', () => new WebSocket('ws://127.0.0.1:${port}/ws')],
  ['eventsource', () => new EventSource(url + '/sse')],
  ['beacon', () => (navigator as any).sendBeacon(url + '/beacon', 'x')],
]
for (const [name, f] of attempts) {
  try { await f(); println(name, ': no exception') } catch (e) { println(name, ': blocked') }
}
println('finished')`)
  await expect(cell.getByTestId('cell-output')).toContainText('finished')
  await page.waitForTimeout(1500)
  expect(hits).toEqual([])
})

test("a snippet cannot read the app's storage", async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.setItem('app-secret', 'TOPSECRET'))
  const cell = await runInFirstCell(page, `
const g = globalThis as any
println('localStorage: ', typeof g.localStorage)
println('parent: ', typeof g.parent, ' top: ', typeof g.top, ' document: ', typeof g.document)
try {
  const req = indexedDB.open('app')
  await new Promise((res, rej) => { req.onsuccess = res; req.onerror = () => rej(req.error) })
  println('indexedDB: opened')
} catch (e) { println('indexedDB: refused') }
println('done')`)
  const out = cell.getByTestId('cell-output')
  await expect(out).toContainText('done')
  await expect(out).not.toContainText('TOPSECRET')
  await expect(out).toContainText('localStorage: undefined')
  await expect(out).toContainText('indexedDB: refused')
})

test('printed HTML shows as text', async ({ page }) => {
  await page.goto('/')
  let dialog = false
  page.on('dialog', (d) => { dialog = true; void d.dismiss() })
  const cell = await runInFirstCell(page, 'println("<img src=x onerror=alert(1)>")\nprintln("<b>bold</b>")')
  const out = cell.getByTestId('cell-output')
  await expect(out).toContainText('<img src=x onerror=alert(1)>')
  await expect(out.locator('img, b')).toHaveCount(0)
  expect(dialog).toBe(false)
})

test('an endless loop leaves the page responsive, and Stop recovers it', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, 'const before = 41\nprintln("started")')
  await waitIdle(page)
  const cell = await runInFirstCell(page, 'println("looping")\nwhile (true) {}')
  await expect(cell.getByTestId('cell-output')).toContainText('looping')
  // the page still answers: a button press is handled at once
  const t0 = Date.now()
  await page.getByRole('button', { name: /Stop/ }).click()
  expect(Date.now() - t0).toBeLessThan(2000)
  await expect(page.getByRole('status')).toContainText('variables were reset')
  // the next run starts a fresh sandbox: the earlier cell's name is gone
  await runInFirstCell(page, 'println(typeof (globalThis as any).before)\nprintln(Value(1) + 1)')
  await expect(cell.getByTestId('cell-output')).toContainText('undefined')
  await expect(cell.getByTestId('cell-output')).toContainText('Value(2.0)')
})

test('forged and huge messages from inside the worker change nothing', async ({ page }) => {
  await page.goto('/')
  const cell = await runInFirstCell(page, `
const post = (self as any).postMessage.bind(self)
for (let runId = 0; runId < 50; runId++) {
  post({ type: 'done', runId, ms: 0 })
  post({ type: 'print', runId, lines: ['FORGED'], partial: '' })
  post({ type: 'error', runId, error: { name: 'Error', message: 'FORGED' } })
}
post({ type: 'print', runId: 1, lines: ['x'.repeat(20_000_000)], partial: '' })
post('x'.repeat(20_000_000))
println('still here')
await new Promise((r) => setTimeout(r, 500))
println('after a while')`)
  const out = cell.getByTestId('cell-output')
  await expect(out).toContainText('after a while')
  await expect(out).not.toContainText('FORGED')
  await expect(cell).toHaveClass(/status-done/)
})

test('runaway recursion gives a clear call-stack error with the line', async ({ page }) => {
  await page.goto('/')
  const cell = await runInFirstCell(page, 'function f(n: number): number {\n  return f(n + 1) + 1\n}\nf(0)')
  const out = cell.getByTestId('cell-output')
  await expect(out).toContainText('call stack')
  await expect(out).toContainText(/Line [12]/)
})

test('errors name the cell line; a failed allocation is reported and the next run works', async ({ page }) => {
  await page.goto('/')
  let cell = await runInFirstCell(page, 'const a = Tensor(rand(2, 3))\nconst b = Tensor(rand(4, 5))\nconst c = a * b')
  await expect(cell.getByTestId('cell-output')).toContainText('Line 3')
  await expect(cell.getByTestId('cell-output')).toContainText('(2, 3)')
  await expect(cell.getByTestId('cell-output')).toContainText('(4, 5)')
  cell = await runInFirstCell(page, 'const big = new Float64Array(1e11)\nprintln(big.length)')
  await expect(cell.getByTestId('cell-output')).toContainText('RangeError')
  cell = await runInFirstCell(page, 'setTimeout(() => { throw new Error("from a timer") }, 10)\nprintln("scheduled")')
  await expect(cell.getByTestId('cell-output')).toContainText('from a timer')
  cell = await runInFirstCell(page, 'println(Value(2) * 3)')
  await expect(cell.getByTestId('cell-output')).toContainText('Value(6.0)')
})

test('a million println calls stream, keep head and tail, and say how many were left out', async ({ page }) => {
  await page.goto('/')
  const cell = await runInFirstCell(page, 'for (let i = 0; i < 1_000_000; i++) println("line ", i)')
  const out = cell.getByTestId('cell-output')
  await expect(out).toContainText('line 999999', { timeout: 30_000 })
  await expect(out).toContainText('line 0')
  await expect(out).toContainText('more lines not shown')
})

// Chromium puts the sandboxed frame in a process of its own; were the frame display: none, that
// process would count as in the background and V8 would run snippets without its optimising
// compiler (MNIST's training took twice as long). So the frame is rendered, but one transparent
// pixel that clicks, keys and screen readers pass by.
test('the sandbox frame is rendered, yet nobody can see, click or tab into it', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, 'println("ready")')
  const frame = page.locator('iframe[title="sandbox"]')
  const style = await frame.evaluate((f) => {
    const s = getComputedStyle(f), r = f.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left, r.top)
    return { display: s.display, visibility: s.visibility, opacity: s.opacity, pointer: s.pointerEvents, width: r.width, height: r.height, tab: (f as HTMLIFrameElement).tabIndex, hidden: f.getAttribute('aria-hidden'), hitIsFrame: hit === f }
  })
  expect(style).toEqual({ display: 'block', visibility: 'visible', opacity: '0', pointer: 'none', width: 1, height: 1, tab: -1, hidden: 'true', hitIsFrame: false })
})
