// The Markdown form: code as ```ts fences, text as itself, and back again.
import { describe, expect, it } from 'vitest'
import { usage } from '../examples/usage.ts'
import { readMarkdown, toMarkdown } from './notebook-md.ts'

describe('Markdown export and import', () => {
  it('round-trips the Usage notebook', () => {
    const text = toMarkdown(usage.cells)
    expect(text).toContain('```ts\n')
    expect(readMarkdown(text)).toEqual({ ok: true, doc: { v: 1, cells: usage.cells.map(({ kind, source }) => ({ kind, source: kind === 'markdown' ? source.trimEnd() : source.replace(/\n$/, '') })) } })
  })

  it('keeps fences of other languages, and tildes, inside the text', () => {
    const text = '# Notes\n\n```python\nx = 1\n```\n\n~~~ts\nnot code\n~~~\n\n```typescript\nconst y = 2\n```\n'
    const r = readMarkdown(text)
    expect(r.ok && r.doc.cells).toEqual([
      { kind: 'markdown', source: '# Notes\n\n```python\nx = 1\n```\n\n~~~ts\nnot code\n~~~' },
      { kind: 'code', source: 'const y = 2' },
    ])
  })

  it('uses a longer fence when the code holds backticks', () => {
    const cells = [{ kind: 'code' as const, source: 'const s = `a ``` b`' }]
    const text = toMarkdown(cells)
    expect(text.startsWith('````ts\n')).toBe(true)
    expect(readMarkdown(text)).toEqual({ ok: true, doc: { v: 1, cells } })
  })

  it('refuses an empty file', () => {
    expect(readMarkdown(' \n\n')).toEqual({ ok: false, message: expect.stringMatching(/it is empty/) })
  })
})
