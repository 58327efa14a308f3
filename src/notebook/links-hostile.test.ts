// Links as an attacker writes them: each is refused with a sentence, or opens, and none throws.
// (How long the cleaning takes on 100,000-character inputs is measured in `npm run bench -- input`;
// the browser test e2e/hostile-links.spec.ts checks that such links leave the page answering.)
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import LZString from 'lz-string'
import { growingPayload } from './lz-attack.ts'
import { LINK_LIMITS, makeShareLink, parseLocation, type ParsedLink } from './links.ts'
import { makeDoc, type NotebookDoc } from './notebook-doc.ts'
import { exportNotebook, readNotebookFile } from './file-io.ts'

const EXAMPLES = ['usage', 'linear-regression', 'mnist']
const lz = (s: string) => LZString.compressToEncodedURIComponent(s)
const hash = (h: string, search = ''): ParsedLink => parseLocation({ hash: h, search }, EXAMPLES)
const notebook = (doc: unknown) => `#notebook/${lz(JSON.stringify(doc))}`

function problemOf(link: ParsedLink): { what: string; message: string } {
  if (link.kind !== 'error') throw new Error(`expected an error, got ${link.kind}`)
  return { what: link.what, message: link.message }
}
function docOf(link: ParsedLink): NotebookDoc {
  if (link.kind !== 'code' && link.kind !== 'notebook') throw new Error(`expected a notebook, got ${link.kind}`)
  return link.doc
}

describe('links over the limits are refused with a sentence', () => {
  it('a short link that decompresses to megabytes', () => {
    const link = `#code/${growingPayload('a', 6400)}` // 20,483,200 characters
    expect(link.length).toBeLessThan(15_000) // about the 12 KB of the report
    const p = problemOf(hash(link))
    expect(p.what).toBe('size')
    expect(p.message).toMatch(/larger than 2,097,152 characters once decompressed/)
  })

  it('a notebook of 10,000 empty cells', () => {
    const link = notebook({ v: 1, cells: Array.from({ length: 10_000 }, () => ({ kind: 'code', source: '' })) })
    const p = problemOf(hash(link))
    expect(p.what).toBe('size')
    expect(p.message).toBe(`This link's notebook has 10,000 cells, more than the ${LINK_LIMITS.cells} a shared notebook may have, so it was not opened.`)
    // exactly at the limit it opens
    const most = notebook({ v: 1, cells: Array.from({ length: LINK_LIMITS.cells }, () => ({ kind: 'code', source: '' })) })
    expect(docOf(hash(most)).cells).toHaveLength(LINK_LIMITS.cells)
  })

  it('a cell longer than a cell may be', () => {
    const grown = `#code/${growingPayload('x', 1500)}` // 1,125,750 characters
    expect(problemOf(hash(grown)).message).toMatch(/^This link's code is 1,125,750 characters long, more than the 1,048,576 a cell may have/)
    // varied text, which lz-string compresses quickly
    const lines = Array.from({ length: 40_000 }, (_, i) => `const v${i} = Value(${i}) // ${(i * 7919) % 1000}`)
    const long = lines.join('\n').slice(0, LINK_LIMITS.cellChars + 1)
    const doc = { v: 1, cells: [{ kind: 'markdown', source: 'hi' }, { kind: 'code', source: long }] }
    expect(problemOf(hash(notebook(doc))).message).toMatch(/^This link's code \(cell 2\) is 1,048,577 characters long/)
  }, 30_000) // compressing a megabyte takes lz-string a while on a busy machine

  it('a hash longer than any link', () => {
    const p = problemOf(hash(`#code/${'A'.repeat(LINK_LIMITS.linkChars)}`, '?embed=1'))
    expect(p.what).toBe('size')
    expect(p.message).toMatch(/^This link is 4,000,006 characters long/)
    expect(hash(`#code/${'A'.repeat(LINK_LIMITS.linkChars)}`, '?embed=1').embed).toBe(true)
  })
})

describe('the cleaning of a link keeps its meaning on long runs of junk', () => {
  const payload = lz('println(1)')
  it('junk that is not at the end stays, and is reported', () => {
    const junk = '!'.repeat(100_000)
    expect(problemOf(hash(`#code/${junk}${payload}`)).what).toBe('characters')
    expect(docOf(hash(`#code/${payload}${junk}`)).cells[0].source).toBe('println(1)')
  })

  it('whitespace around the hash, and in a flag value', () => {
    const spaces = ' \u200B'.repeat(50_000)
    expect(docOf(hash(`#${spaces}code/${payload}${spaces}`)).cells[0].source).toBe('println(1)')
    expect(hash(`#code/${payload}`, `?run=1${')'.repeat(100_000)}`).run).toBe(true)
    expect(hash(`#code/${payload}`, `?run=${' x'.repeat(50_000)}1`).run).toBe(false)
  })

  it('an example name followed by a long tail', () => {
    expect(hash(`#example/usage${'.'.repeat(100_000)}`)).toMatchObject({ kind: 'example', id: 'usage' })
    expect(problemOf(hash(`#example/${'.'.repeat(100_000)}x`)).what).toBe('example')
  })
})

describe('reading any link never throws', () => {
  const known = makeShareLink(makeDoc([{ kind: 'code', source: 'println(Value(2.0))' }, { kind: 'markdown', source: '# hi' }]), { origin: 'https://x.org', pathname: '/' }).url
  const knownHash = known.slice(known.indexOf('#'))

  it('on random strings after each prefix', () => {
    const prefix = fc.constantFrom('#', '#code/', '#notebook/', '#example/', '#CODE/', '')
    fc.assert(
      fc.property(prefix, fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), (p, body, search) => {
        const parsed = hash(p + body, search)
        expect(['none', 'code', 'notebook', 'example', 'error']).toContain(parsed.kind)
        if (parsed.kind === 'error') expect(parsed.message.length).toBeGreaterThan(10)
      }),
      { numRuns: 2000 },
    )
  })

  it('on a real link with characters changed, cut or added', () => {
    fc.assert(
      fc.property(fc.nat(knownHash.length - 1), fc.string({ maxLength: 3 }), fc.nat(3), (at, insert, remove) => {
        const mutated = knownHash.slice(0, at) + insert + knownHash.slice(at + remove)
        const parsed = hash(mutated)
        expect(['none', 'code', 'notebook', 'example', 'error']).toContain(parsed.kind)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('a file from elsewhere has the limits of a link', () => {
  it('10,000 cells, or a cell too long, are refused with a sentence', () => {
    const many = exportNotebook('ipynb', Array.from({ length: 10_000 }, () => ({ kind: 'code' as const, source: '' })))
    const r = readNotebookFile('many.ipynb', new TextEncoder().encode(many.text))
    expect(r).toEqual({ ok: false, message: '“many.ipynb” was not opened: it has 10,000 cells, more than the 200 a notebook may have.' })
    const long = exportNotebook('markdown', [{ kind: 'code', source: 'x'.repeat(LINK_LIMITS.cellChars + 1) }])
    const r2 = readNotebookFile('long.md', new TextEncoder().encode(long.text))
    expect(r2.ok).toBe(false)
    if (!r2.ok) expect(r2.message).toMatch(/cell 1 is 1,048,577 characters long, more than the 1,048,576 a cell may have/)
  })
})
