// Export and import: the notebook downloaded as .ipynb and as Markdown opens back as the same
// cells (by the file picker and by dropping the file on the page); a file that is not a notebook
// is refused with a sentence, and the notebook on the page stays as it was.
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import LZString from 'lz-string'

type DocCell = { kind: 'code' | 'markdown'; source: string }
const CELLS: DocCell[] = [
  { kind: 'markdown', source: '# Gradients\n\nA product of two Values.' },
  { kind: 'code', source: 'const x = Value(2.0)\nconst y = Value(3.0)\nconst z = x * y\nbackward(z)\nprintln(x.grad)' },
  { kind: 'markdown', source: 'And its gradient: `y`.' },
]
const link = (cells: DocCell[]) => `/#notebook/${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, cells }))}`

/** The cells as the page shows them: kind, and the source (from the store's saved form). */
async function shown(page: Page): Promise<Array<[string, string]>> {
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 })
  return page.getByTestId('cell').evaluateAll((cells) => cells.map((c) => {
    const kind = c.classList.contains('cell-markdown') ? 'markdown' : 'code'
    const lines = [...c.querySelectorAll('.view-line')].map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
    return [kind, lines.length ? lines.join('\n') : (c.querySelector('[data-testid="markdown"]')?.textContent ?? '')] as [string, string]
  }))
}

async function download(page: Page, item: string): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'File ▾' }).click()
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: item }).click()])
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') }
}

/** Drops a file on the page as a person dragging it from their desktop would. */
async function drop(page: Page, name: string, text: string, type: string) {
  await page.evaluate(({ name, text, type }) => {
    const dt = new DataTransfer()
    dt.items.add(new File([text], name, { type }))
    for (const t of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(t, { dataTransfer: dt, bubbles: true, cancelable: true }))
  }, { name, text, type })
}

test('.ipynb: download, then open it back with the file picker', async ({ page }) => {
  await page.goto(link(CELLS))
  await page.getByTestId('cell').nth(1).getByRole('button', { name: 'Run cell' }).click()
  await expect(page.getByTestId('cell-output')).toHaveText('3.0')
  const file = await download(page, 'Download .ipynb')
  expect(file.name).toMatch(/\.ipynb$/)
  const nb = JSON.parse(file.text)
  expect(nb.nbformat).toBe(4)
  expect(nb.cells.map((c: { cell_type: string }) => c.cell_type)).toEqual(['markdown', 'code', 'markdown'])
  expect(nb.cells[1].outputs[0]).toEqual({ output_type: 'stream', name: 'stdout', text: ['3.0\n'] })

  await page.goto('/#example/usage')
  await expect(page.getByTestId('cell').first()).toBeVisible()
  await page.getByTestId('open-file').setInputFiles({ name: 'gradients.ipynb', mimeType: 'application/x-ipynb+json', buffer: Buffer.from(file.text) })
  await expect(page.getByRole('region', { name: 'Shared notebook' })).toContainText('gradients.ipynb')
  await expect(page.getByTestId('cell')).toHaveCount(3)
  const cells = await shown(page)
  expect(cells[1]).toEqual(['code', CELLS[1].source])
  expect(cells.map((c) => c[0])).toEqual(['markdown', 'code', 'markdown'])
  await page.getByTestId('cell').nth(1).getByRole('button', { name: 'Run cell' }).click()
  await expect(page.getByTestId('cell-output')).toHaveText('3.0')
})

test('Markdown: download, then drop the file on the page', async ({ page }) => {
  await page.goto(link(CELLS))
  const file = await download(page, 'Download Markdown (.md)')
  expect(file.name).toMatch(/\.md$/)
  expect(file.text).toContain('```ts\nconst x = Value(2.0)')
  await page.goto('/#example/usage')
  await expect(page.getByTestId('cell').first()).toBeVisible()
  await drop(page, 'gradients.md', file.text, 'text/markdown')
  await expect(page.getByRole('region', { name: 'Shared notebook' })).toContainText('gradients.md')
  await expect(page.getByTestId('cell')).toHaveCount(3)
  expect((await shown(page))[1]).toEqual(['code', CELLS[1].source])
  await expect(page.getByTestId('markdown').first().locator('h1')).toHaveText('Gradients')
})

test('a file that is not a notebook is refused, and the notebook stays', async ({ page }) => {
  await page.goto(link(CELLS))
  const before = await shown(page)
  await page.getByTestId('open-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) })
  await expect(page.getByRole('alert').filter({ hasText: 'was not opened' })).toContainText('“photo.png” was not opened: it is not a text file')
  expect(await shown(page)).toEqual(before)
  await drop(page, 'broken.ipynb', '{"nbformat": 4, "cells": [', 'application/json')
  await expect(page.getByRole('alert').filter({ hasText: 'was not opened' })).toContainText('“broken.ipynb” was not opened: it is not valid JSON')
  expect(await shown(page)).toEqual(before)
  await page.screenshot({ path: 'test-results/bad-file.png' })
})
