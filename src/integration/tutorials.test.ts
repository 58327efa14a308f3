// #example/linear-regression and #example/mnist: each cell type-checks as the editor checks it,
// and runs through the sandbox's own compiler and runtime (with the plotting, progress, MNIST and
// pad extensions) in one notebook scope. MNIST runs on made-up images with a shorter training loop:
// the real data and the full run are the browser test's (e2e/tutorials.spec.ts).
import { afterAll, describe, expect, it } from 'vitest'
import { exampleById } from '../examples/index.ts'
import { linearRegression } from '../examples/linear-regression.ts'
import { mnistTutorial } from '../examples/mnist.ts'
import type { ExampleNotebook } from '../examples/types.ts'

import { compile } from '../compiler/compile.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'
import '../runtime/extensions/index.ts'
import { encodeMnist } from '../protocol/mnist-format.ts'
import { testNotebook } from '../editor/test-service.ts'

const codeCells = (nb: ExampleNotebook) => nb.cells.filter((c) => c.kind === 'code')

describe('the tutorials as examples', () => {
  it('open by their ids', () => {
    expect(exampleById('linear-regression')).toBe(linearRegression)
    expect(exampleById('mnist')).toBe(mnistTutorial)
  })

  it.each([linearRegression, mnistTutorial])('$id starts with prose and alternates prose and code', (nb) => {
    expect(nb.cells[0].kind).toBe('markdown')
    for (const c of nb.cells) expect(c.source).toBe(c.source.trim())
    expect(nb.cells.filter((c) => c.kind === 'markdown').length).toBeGreaterThanOrEqual(codeCells(nb).length)
  })

  it('keeps the originals\' numbers and shapes', () => {
    const lr = codeCells(linearRegression).map((c) => c.source).join('\n')
    expect(lr).toContain('seed(1234)')
    expect(lr).toContain('progress.range(100_000')
    expect(lr).toContain('const learning_rate = 0.000002')
    expect(lr).toContain('loss += (pred - skill_values[i]) ^ 2')
    expect(lr).toContain('heights.push(72)')
    expect(lr).toContain('skills.push(75)')
    expect(lr).toMatch(/println\(m_guess\)\nprintln\(b_guess\)/)
    expect(lr).not.toMatch(/\.(add|sub|mul|pow)\(/)
    const mn = codeCells(mnistTutorial).map((c) => c.source).join('\n')
    for (const s of ['Tensor(0.01 * rand(784, 128))', 'Tensor(zeros(128))', 'Tensor(0.01 * rand(128, 10))', 'Tensor(zeros(10))',
      'const batch_size = 100', 'const epochs = 3', 'const learning_rate = 0.1', 'relu(X * weights1 + biases1)',
      'softmax_crossentropy(layer2, y_one_hot)', 'batch % 50 === 0', 'println("test accuracy: ", accuracy)', 'function guess_digit', 'pad((pixels)']) {
      expect(mn).toContain(s)
    }
  })
})

describe('the tutorials type-check as the editor checks them', () => {
  it.each([linearRegression, mnistTutorial])('$id has no type errors', async (nb) => {
    const cells = codeCells(nb).map((c) => c.source)
    const book = testNotebook(cells)
    expect(cells.map((_, i) => book.errors(i))).toEqual(cells.map(() => []))
  }, 60_000)
})

interface Ran { printed: string[]; messages: unknown[]; error?: string; ms: number }

/** Runs the cells in one scope; `answer` replies to the worker's requests (mnist data). */
async function runNotebook(sources: string[], answer?: (m: { type: string }, deliver: (x: never) => void) => void): Promise<Ran[]> {
  const results: Ran[] = []
  let current: Ran | null = null
  const runtime = createSandboxRuntime(globalThis as unknown as Record<string, unknown>, (m) => {
    if (!current) return
    current.messages.push(m)
    if (m.type === 'print') current.printed.push(...m.lines)
    else if (m.type === 'error') current.error = `${m.error.message} (line ${m.error.line})`
    else if (m.type === 'need') answer?.(m, (x) => runtime.deliver(x))
  })
  try {
    for (const [i, source] of sources.entries()) {
      const compiled = compile(source, { sourceURL: `tutorial-${i}.ts` })
      if (!compiled.ok) throw new Error(`cell ${i}: ${compiled.error.message}`)
      current = { printed: [], messages: [], ms: 0 }
      const t0 = performance.now()
      await runtime.run({ type: 'run', runId: i + 1, cellId: `c${i}`, code: compiled.code, map: compiled.map })
      current.ms = performance.now() - t0
      results.push(current)
    }
  } finally {
    runtime.reset()
  }
  return results
}

describe('the tutorials run in the sandbox\'s runtime', () => {
  const saved = { ...console }
  afterAll(() => Object.assign(console, saved))

  it('linear regression: m near 2 and b near 10, the data and the fitted line plotted', async () => {
    const cells = codeCells(linearRegression)
    const ran = await runNotebook(cells.map((c) => c.source))
    expect(ran.map((r) => r.error)).toEqual(cells.map(() => undefined))
    cells.forEach((c, i) => { if (c.expected) expect(ran[i].printed, c.source).toEqual(c.expected) })
    const training = ran[cells.findIndex((c) => c.source.includes('backward(loss)'))]
    const [m, b] = training.printed.map((l) => Number(/^Value\((.*)\)$/.exec(l)![1]))
    expect(m).toBeCloseTo(2, 1)
    expect(Math.abs(b - 10)).toBeLessThan(3)
    const progress = training.messages.filter((x) => (x as { type: string }).type === 'progress')
    expect(progress.at(-1)).toMatchObject({ done: 100_000, total: 100_000, label: 'training' })
    const last = ran.at(-1)!.messages.filter((x) => (x as { type: string }).type === 'plot').at(-1) as { plot: { marks: Array<{ type: string; xs: number[]; ys: number[] }> } }
    expect(last.plot.marks.map((mk) => mk.type)).toEqual(['scatter', 'line'])
    expect(last.plot.marks[0].xs).toHaveLength(80)
    expect(last.plot.marks[1].ys[0]).toBeCloseTo(m * 40 + b, 9)
  }, 120_000)

  it('MNIST: every cell runs (made-up images, one short epoch), printing what the tutorial prints', async () => {
    const { gzipSync } = await import('node:zlib')
    // Images whose label is written in their pixels (a bright block per digit), so that even a
    // short training run learns something.
    const asset = (count: number) => {
      const labels = Uint8Array.from({ length: count }, (_, i) => (i * 7) % 10)
      const grey = new Uint8Array(count * 784)
      labels.forEach((d, i) => grey.fill(255, i * 784 + d * 78, i * 784 + d * 78 + 78))
      const gz = gzipSync(encodeMnist({ count, rows: 28, cols: 28, labels, grey }))
      return gz.buffer.slice(gz.byteOffset, gz.byteOffset + gz.byteLength)
    }
    const sources = codeCells(mnistTutorial).map((c) => c.source
      .replace('const epochs = 3', 'const epochs = 1')
      .replace('const train_count = 33_600', 'const train_count = 10_000'))
    const ran = await runNotebook(sources, (_, deliver) => deliver({ type: 'data', what: 'mnist', train: asset(10_000), test: asset(200) } as never))
    expect(ran.map((r) => r.error)).toEqual(sources.map(() => undefined))
    expect(ran[0].printed).toEqual(['training images: 10000, test images: 200'])
    const training = ran[codeCells(mnistTutorial).findIndex((c) => c.source.includes('backward(loss)'))]
    expect(training.printed).toHaveLength(2)
    expect(training.printed[0]).toMatch(/^Epoch: 1, batch: 50, loss: \d\.\d{4}$/)
    const curve = training.messages.filter((x) => (x as { type: string }).type === 'plot').at(-1) as { plot: { title: string; marks: Array<{ xs: number[] }> } }
    expect(curve.plot.title).toBe('Training loss')
    const printedAll = ran.flatMap((r) => r.printed)
    const acc = Number(/^test accuracy: (.*)$/.exec(printedAll.find((l) => l.startsWith('test accuracy'))!)![1])
    expect(acc).toBeGreaterThan(0.9)
    expect(printedAll.at(-1)).toMatch(/^the model's guess: \d$/)
    const images = ran.flatMap((r) => r.messages).filter((x) => (x as { type: string; plot?: { kind: string } }).plot?.kind === 'image')
    expect(images).toHaveLength(2)
    expect(ran.at(-1)!.messages.find((x) => (x as { type: string }).type === 'pad')).toMatchObject({ rows: 28, cols: 28, title: 'Draw a digit' })
  }, 120_000)
})
