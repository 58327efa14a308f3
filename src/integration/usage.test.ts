// #example/usage against its specification, SimpleGrad's Usage chapter: every `# output:` line of
// the chapter is an `expected` line of the cell that prints it, and every cell, compiled and run by
// the sandbox's own runtime in one notebook scope, prints exactly those lines.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { exampleById, examples } from '../examples/index.ts'
import { usage } from '../examples/usage.ts'
import { compile } from '../compiler/compile.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'

import fixture from './seed-outputs.json'

// The chapter's `# output:` lines and its println arguments, taken from the chapter once and kept
// here as a fixture: the outputs are facts, and this test runs in a clone without ../shared too.
const SEED = fileURLToPath(new URL('../../../shared/SEED-simplegrad-usage.txt', import.meta.url))
const seed = existsSync(SEED) ? readFileSync(SEED, 'utf8') : null

const codeCells = usage.cells.filter((c) => c.kind === 'code')
const markdownCells = usage.cells.filter((c) => c.kind === 'markdown')

/** The arguments of the `println(...)` calls in Julia or TypeScript source, comments dropped. */
const printed = (source: string) =>
  source.split('\n').map((l) => l.replace(/\s*(#|\/\/).*$/, '')).flatMap((l) => [...l.matchAll(/\bprintln\((.*)\)/g)].map((m) => m[1]))

describe('the examples index', () => {
  it('finds usage by id, in any case', () => {
    expect(exampleById('usage')).toBe(usage)
    expect(exampleById('Usage')).toBe(usage)
    expect(exampleById('nope')).toBeUndefined()
  })

  it('has unique, link-safe ids and a title and description for each', () => {
    const ids = examples.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const e of examples) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(e.title.trim()).not.toBe('')
      expect(e.description.trim()).not.toBe('')
      expect(e.cells.length).toBeGreaterThan(0)
    }
  })
})

describe('#example/usage', () => {
  it('alternates prose and code, every code cell with its expected lines', () => {
    expect(usage.cells[0].kind).toBe('markdown')
    for (const cell of usage.cells) {
      expect(cell.source.trim()).not.toBe('')
      expect(cell.source).toBe(cell.source.trim())
      if (cell.kind === 'code') expect(cell.expected, cell.source).toBeDefined()
      else expect(cell.expected).toBeUndefined()
    }
    expect(markdownCells.length).toBeGreaterThanOrEqual(codeCells.length - 2)
  })

  it('prints one expected line per println, in each cell', () => {
    for (const cell of codeCells) expect(cell.expected, cell.source).toHaveLength(printed(cell.source).length)
  })

  it('writes the examples as a user would: operators, no method calls, no Julia left over', () => {
    const all = codeCells.map((c) => c.source).join('\n').replace(/\s*\/\/.*$/gm, '')
    expect(all).not.toMatch(/\.(add|sub|mul|div|pow|matmul)\(/)
    expect(all).not.toMatch(/\busing\b|Random\.seed!|^\s*[a-z_0-9]+\s*=[^=]/m)
    expect(all).toContain('x + y')
    expect(all).toContain('x ^ y')
    expect(all).toContain('(y_pred - y_true) ^ 2')
    expect(all).toContain('relu(inputs * weights1 + biases1)')
    expect(all).toContain('seed(1234)')
  })

  it('keeps the chapter\'s math as $...$ in the prose', () => {
    const prose = markdownCells.map((c) => c.source).join('\n')
    for (const tex of ['$z = x + y$', '$\\frac{dz}{dx}$', '$\\frac{dz}{dy}$', '$\\frac{dz}{dx} = 1$', '$\\frac{dz}{dy} = -1$', '$e^x$']) {
      expect(prose).toContain(tex)
    }
  })

  it('covers every `# output:` line of the chapter, in order', () => {
    expect(fixture.outputs).toHaveLength(34)
    expect(codeCells.flatMap((c) => c.expected ?? [])).toEqual(fixture.outputs)
  })

  it('prints the same things in the same order as the chapter', () => {
    expect(fixture.printed).toHaveLength(fixture.outputs.length)
    expect(codeCells.flatMap((c) => printed(c.source))).toEqual(fixture.printed)
  })

  // Where ../shared is beside the checkout (CI has it), the fixture is checked against the chapter.
  it(seed === null ? 'the fixture is well formed (../shared is not beside this checkout)' : `the fixture is the chapter's (${SEED})`, () => {
    if (seed === null) {
      expect(fixture.outputs.every((o) => o.trim() !== '')).toBe(true)
      expect(fixture.sha256).toMatch(/^[0-9a-f]{64}$/)
      return
    }
    expect([...seed.matchAll(/^# output: (.*)$/gm)].map((m) => m[1].trimEnd())).toEqual(fixture.outputs)
    expect(printed(seed)).toEqual(fixture.printed)
    expect(createHash('sha256').update(seed).digest('hex')).toBe(fixture.sha256)
  })
})

describe('#example/usage, every cell compiled and run in one notebook scope (the worker\'s runtime)', () => {
  // The runtime makes the global object the notebook scope and routes console to the cell's output,
  // as in the worker. This test file has its own global object; console is put back afterwards.
  const saved = { ...console }
  afterAll(() => Object.assign(console, saved))

  it('prints exactly the chapter\'s outputs, cell by cell', async () => {
    const lines = new Map<number, string[]>()
    const errors = new Map<number, string>()
    const runtime = createSandboxRuntime(globalThis as unknown as Record<string, unknown>, (m) => {
      if (m.type === 'print') lines.set(m.runId, [...(lines.get(m.runId) ?? []), ...m.lines])
      else if (m.type === 'tail') lines.set(m.runId, [...(lines.get(m.runId) ?? []), '...', ...m.lines])
      else if (m.type === 'error') errors.set(m.runId, `${m.error.name}: ${m.error.message} (line ${m.error.line}, column ${m.error.column})`)
    })
    try {
      const results: Array<{ source: string; printed: string[]; warnings?: string[]; error?: string }> = []
      for (const [i, cell] of codeCells.entries()) {
        const runId = i + 1
        const compiled = compile(cell.source, { sourceURL: `usage-${runId}.ts` })
        if (!compiled.ok) {
          results.push({ source: cell.source, printed: [], error: `compile: ${compiled.error.message} (line ${compiled.error.line})` })
          continue
        }
        await runtime.run({ type: 'run', runId, cellId: `usage-${runId}`, code: compiled.code, map: compiled.map })
        const warnings = compiled.warnings.map((w) => `${w.message} (line ${w.line})`)
        results.push({ source: cell.source, printed: lines.get(runId) ?? [], warnings, error: errors.get(runId) })
      }
      // One comparison of everything, so that a failure shows every cell that went wrong.
      expect(results).toEqual(codeCells.map((c) => ({ source: c.source, printed: c.expected, warnings: [], error: undefined })))
    } finally {
      runtime.reset()
    }
  })
})
