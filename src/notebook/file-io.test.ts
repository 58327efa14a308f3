// Opening files: what is read as which format, and what is refused, with the file's name.
import { describe, expect, it } from 'vitest'
import { exportNotebook, MAX_IMPORT_BYTES, readNotebookFile } from './file-io.ts'

const bytes = (s: string) => new TextEncoder().encode(s)
const cells = [{ kind: 'markdown' as const, source: '# Hi' }, { kind: 'code' as const, source: 'println(1)' }]

describe('notebook files', () => {
  it('reads back both exported formats', () => {
    for (const format of ['ipynb', 'markdown'] as const) {
      const f = exportNotebook(format, cells, 'my notebook')
      expect(f.name).toBe(format === 'ipynb' ? 'my-notebook.ipynb' : 'my-notebook.md')
      expect(readNotebookFile(f.name, bytes(f.text))).toEqual({ ok: true, doc: { v: 1, cells } })
    }
  })

  it.each([
    ['picture.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a text file/],
    ['notes.docx', bytes('hello'), /only Jupyter notebooks \(\.ipynb\) and Markdown files \(\.md\)/],
    ['broken.ipynb', bytes('{"nbformat": 4, "cells": [ {'), /not valid JSON/],
    ['empty.md', bytes(''), /it is empty/],
    ['huge.md', new Uint8Array(MAX_IMPORT_BYTES + 1), /larger than a notebook can be/],
  ])('refuses %s with a sentence naming it', (name, data, reason) => {
    const r = readNotebookFile(name, data)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.message).toContain(`“${name}” was not opened`)
      expect(r.message).toMatch(reason)
      expect(r.message).toMatch(/\.$/)
    }
  })
})
