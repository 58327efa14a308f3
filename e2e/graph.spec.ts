import { expect, test, type Locator, type Page } from '@playwright/test'
import { runInFirstCell } from './helpers.ts'
import { NEURON as NEURON_CELL, NEURON_BACKWARD, TENSOR_NETWORK, TENSOR_NETWORK_BACKWARD } from '../src/examples/usage.ts'

// The seed's neuron and its backward, as #example/usage has them.
const NEURON = `${NEURON_CELL.source}\n\n${NEURON_BACKWARD.source}`

const graph = (page: Page) => page.locator('svg[data-testid="graph"]')
const node = (page: Page, label: string) => graph(page).locator(`[data-testid="graph-node"][data-label="${label}"]`)

/** Every node's data-grad, in document order. */
const grads = (page: Page) => graph(page).locator('[data-testid="graph-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-grad')))
const labelled = (page: Page) => graph(page).locator('[data-testid="graph-node"]').evaluateAll((els) =>
  Object.fromEntries(els.filter((e) => e.getAttribute('data-label')).map((e) => [e.getAttribute('data-label'), Number(e.getAttribute('data-grad'))])))

async function status(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('step-status').textContent()) ?? ''
  const m = /^Step (\d+) of (\d+)$/.exec(text.trim())
  expect(m, `step status "${text}"`).not.toBeNull()
  return [Number(m![1]), Number(m![2])]
}

/** The step's sentences as [name, sign, amount]: `w.grad += ... = 2.5` adds 2.5 to w's grad. */
async function sentences(page: Page): Promise<[string, 1 | -1, number][]> {
  const lines = await page.locator('.graph-sentences li').allTextContents()
  return lines.flatMap((l) => {
    const m = /^(\S+)\.grad ([+−-])= .* = (\S+)$/.exec(l.trim())
    return m ? [[m[1], m[2] === '+' ? 1 : -1, Number(m[3])] as [string, 1 | -1, number]] : []
  })
}

test('the neuron graph: labels, data and grads, and the stepper from step 0 to the end and back', async ({ page }) => {
  await page.goto('/')
  const cell = await runInFirstCell(page, NEURON)
  await expect(cell.getByTestId('cell-output')).toHaveText(/-1\.8427042527651991\s+2\.80411516725139\s+-3\.12458547208012\s+-0\.8011757620718257/)

  await expect(graph(page)).toBeVisible()
  for (const [label, data] of [['input1', '2.3'], ['input2', '-3.5'], ['input3', '3.9'], ['weight1', '-0.8'], ['weight2', '1.8'],
    ['weight3', '3'], ['bias', '-3.2'], ['y_true', '0.8'], ['loss', '0.20683027474728832']]) {
    await expect(node(page, label)).toHaveAttribute('data-data', data)
  }
  // the final grads, as JavaScript prints them (the same digits as println's)
  await expect(node(page, 'weight1')).toHaveAttribute('data-grad', '-1.8427042527651991')
  await expect(node(page, 'weight2')).toHaveAttribute('data-grad', '2.80411516725139')
  await expect(node(page, 'weight3')).toHaveAttribute('data-grad', '-3.12458547208012')
  await expect(node(page, 'bias')).toHaveAttribute('data-grad', '-0.8011757620718257')
  await expect(node(page, 'loss')).toHaveAttribute('data-grad', '1')
  const ops = await graph(page).locator('[data-testid="graph-op"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-op')))
  expect(ops).toEqual(expect.arrayContaining(['mul', 'add', 'tanh', 'pow']))
  expect(ops.filter((o) => o === 'mul').length).toBeGreaterThanOrEqual(3)

  const [end, n] = await status(page)
  expect(end).toBe(n)
  expect(n).toBe(1 + ops.length) // the seed, then one step per op node
  const final = await grads(page)

  await page.getByRole('button', { name: 'First step' }).click()
  expect(await status(page)).toEqual([0, n])
  expect((await grads(page)).every((g) => g === '0')).toBe(true)
  await expect(page.getByRole('button', { name: 'Step back' })).toBeDisabled()

  // forward: each step changes the grads its sentences name, by the amounts they give
  const seen: (string | null)[][] = [await grads(page)]
  for (let k = 1; k <= n; k++) {
    const before = await labelled(page)
    await page.getByRole('button', { name: 'Step forward' }).click()
    expect(await status(page)).toEqual([k, n])
    const after = await labelled(page)
    if (k === 1) {
      expect(after.loss).toBe(1)
    } else {
      const expected = new Map<string, number>()
      for (const [name, sign, amount] of await sentences(page)) expected.set(name, (expected.get(name) ?? 0) + sign * amount)
      for (const [name, delta] of expected) {
        if (!(name in after)) continue // unlabelled nodes are named n12 or (-1.0) in the sentences
        expect(after[name] - before[name], `step ${k}: ${name}`).toBeCloseTo(delta, 9)
      }
      for (const name of Object.keys(after)) if (!expected.has(name)) expect(after[name], `step ${k}: ${name} unchanged`).toBe(before[name])
    }
    seen.push(await grads(page))
  }
  expect(seen[n]).toEqual(final)
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled()

  // and back again, through the same states
  for (let k = n - 1; k >= 0; k--) {
    await page.getByRole('button', { name: 'Step back' }).click()
    expect(await status(page)).toEqual([k, n])
    expect(await grads(page)).toEqual(seen[k])
  }

  // the arrow keys move the stepper while the panel has focus; Last step ends it
  await page.getByRole('button', { name: 'Step forward' }).focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  expect(await status(page)).toEqual([2, n])
  await page.keyboard.press('ArrowLeft')
  expect(await status(page)).toEqual([1, n])
  await page.getByRole('button', { name: 'Last step' }).click()
  expect(await grads(page)).toEqual(final)
})

test('play runs the stepper to the end and pause stops it', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, 'const x = Value(6.0)\nconst y = Value(2.0)\nconst z = x * y\nbackward(z)')
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '2')
  await page.getByRole('button', { name: 'First step' }).click()
  await page.getByLabel('Playback speed').selectOption('16')
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  await expect(page.getByTestId('step-status')).toHaveText('Step 2 of 2')
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  await expect(node(page, 'y')).toHaveAttribute('data-grad', '6')
  await expect(page.locator('.graph-sentences')).toContainText('x.grad += y.data × z.grad = 2.0 × 1.0 = 2.0')
})

/** A heatmap image as the browser decodes it: its size and its pixels (RGBA, row by row). */
const decodeMap = (map: Locator) => map.evaluate(async (el) => {
  const img = new Image()
  img.src = el.getAttribute('href')!
  await img.decode() // a broken PNG would draw nothing, silently: here it throws
  const c = document.createElement('canvas')
  c.width = img.naturalWidth
  c.height = img.naturalHeight
  const ctx = c.getContext('2d')!
  ctx.drawImage(img, 0, 0)
  return { w: img.naturalWidth, h: img.naturalHeight, rgba: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) }
})

test('a Tensor card draws each heatmap as one image, a pixel per entry in the scale\'s colours, and hovering an entry names it', async ({ page }) => {
  await page.goto('/')
  await runInFirstCell(page, `${TENSOR_NETWORK.source}\n\n${TENSOR_NETWORK_BACKWARD.source}`)
  const w1 = node(page, 'weights1')
  await expect(w1).toBeVisible()
  await expect(w1.locator('image.sg-cells')).toHaveCount(2) // data and grad
  for (const which of ['data', 'grad']) {
    const map = w1.locator(`.sg-heat-${which} image.sg-cells`)
    await expect(map).toHaveAttribute('data-rows', '3')
    await expect(map).toHaveAttribute('data-cols', '4')
    const { w, h, rgba } = await decodeMap(map)
    expect([w, h]).toEqual([4, 3])
    expect(rgba.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true) // every entry drawn, opaque
  }
  // weights1.grad's first column is negative (the seed prints -0.39, -0.30, -0.48): red, not blue;
  // its last is positive: blue
  const { rgba } = await decodeMap(w1.locator('.sg-heat-grad image.sg-cells'))
  const px = (i: number, j: number) => rgba.slice(4 * (i * 4 + j), 4 * (i * 4 + j) + 3)
  for (let i = 0; i < 3; i++) {
    expect(px(i, 0)[0]).toBeGreaterThan(px(i, 0)[2])
    expect(px(i, 3)[2]).toBeGreaterThan(px(i, 3)[0])
  }
  await w1.screenshot({ path: 'test-results/graph-tensor-card.png' })
  const box = (await w1.locator('.sg-heat-grad image.sg-cells').boundingBox())!
  await page.mouse.move(box.x + box.width / 8, box.y + box.height / 6) // the middle of entry [1, 1]
  await expect(page.getByRole('tooltip')).toContainText('[1, 1] = -0.3908952261176255')
})
