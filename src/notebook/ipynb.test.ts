// The .ipynb export is checked against Jupyter's own schema (nbformat 4.5, fixtures/), with Ajv,
// and read back to the same cells; files that are not notebooks are refused with a reason.
import { describe, expect, it } from 'vitest'
import Ajv from 'ajv-draft-04'
import schema from './fixtures/nbformat.v4.schema.json' with { type: 'json' }
import { usage } from '../examples/usage.ts'
import { linearRegression } from '../examples/linear-regression.ts'
import { readIpynb, toIpynb, toLines } from './ipynb.ts'
import { emptyOutput } from './types.ts'

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
const valid = (text: string) => {
  const ok = validate(JSON.parse(text))
  return ok ? 'valid' : JSON.stringify(validate.errors?.slice(0, 3))
}

describe('.ipynb export', () => {
  it('writes the Usage notebook as a valid nbformat 4.5 notebook that reads back to the same cells', () => {
    const text = toIpynb(usage.cells)
    expect(valid(text)).toBe('valid')
    const nb = JSON.parse(text)
    expect(nb.nbformat).toBe(4)
    expect(nb.metadata.language_info.name).toBe('typescript')
    expect(nb.cells.map((c: { cell_type: string }) => c.cell_type)).toEqual(usage.cells.map((c) => c.kind))
    const back = readIpynb(text)
    expect(back).toEqual({ ok: true, doc: { v: 1, cells: usage.cells.map(({ kind, source }) => ({ kind, source })) } })
  })

  it('keeps printed lines as a stdout stream and an error as an error output, still valid', () => {
    const output = { ...emptyOutput('error'), lines: ['Value(4.0)', '2.0'], error: { name: 'Error', message: 'shapes (2, 3) and (4, 5)' } }
    const text = toIpynb([{ kind: 'code', source: 'println(x)', id: 'c1', output, collapsed: true }, { kind: 'code', source: '', id: 'c1' }])
    expect(valid(text)).toBe('valid')
    const [first, second] = JSON.parse(text).cells
    expect(first.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['Value(4.0)\n', '2.0\n'] },
      { output_type: 'error', ename: 'Error', evalue: 'shapes (2, 3) and (4, 5)', traceback: ['Error: shapes (2, 3) and (4, 5)'] },
    ])
    expect(first.metadata.collapsed).toBe(true)
    expect(second.id).not.toBe(first.id) // ids are unique, as the schema's readers expect
  })

  it('is valid for the linear-regression tutorial, whose cells hold long code', () => {
    expect(valid(toIpynb(linearRegression.cells))).toBe('valid')
  })

  it('splits sources into lines that join back exactly', () => {
    for (const s of ['', 'a', 'a\n', 'a\nb', 'a\n\nb\n']) expect(toLines(s).join('')).toBe(s)
  })
})

describe('.ipynb import', () => {
  it('reads a notebook written by Jupyter: string sources, raw cells, outputs dropped', () => {
    const nb = { nbformat: 4, nbformat_minor: 2, metadata: {}, cells: [
      { cell_type: 'markdown', metadata: {}, source: '# Title' },
      { cell_type: 'code', metadata: {}, source: ['const x = 1\n', 'println(x)'], outputs: [{ output_type: 'stream', name: 'stdout', text: '1' }], execution_count: 3 },
      { cell_type: 'raw', metadata: {}, source: 'raw text' },
    ] }
    expect(readIpynb(JSON.stringify(nb))).toEqual({ ok: true, doc: { v: 1, cells: [
      { kind: 'markdown', source: '# Title' }, { kind: 'code', source: 'const x = 1\nprintln(x)' }, { kind: 'markdown', source: 'raw text' },
    ] } })
  })

  it.each([
    ['not JSON', '{"cells": [', /not valid JSON/],
    ['an older format', JSON.stringify({ nbformat: 3, worksheets: [] }), /nbformat 3; this app reads nbformat 4/],
    ['JSON that is no notebook', JSON.stringify({ hello: 1 }), /no "nbformat" version/],
    ['a cell of an unknown type', JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'widget', source: '' }] }), /cell 1 has the type "widget"/],
    ['a source that is not text', JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code', source: 7 }] }), /cell 1 has a source that is not text/],
    ['no cells', JSON.stringify({ nbformat: 4, cells: [] }), /no cells/],
  ])('refuses %s, saying why', (_name, text, reason) => {
    const r = readIpynb(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(reason)
  })
})
