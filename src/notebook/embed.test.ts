// The embed view's parameters and the Share panel's <iframe> snippet.
import { describe, expect, it } from 'vitest'
import LZString from 'lz-string'
import { embedSnippet, embedUrl, readViewParams } from './embed.ts'
import { parseLocation } from './links.ts'

const cells = [{ kind: 'markdown' as const, source: '# x' }, { kind: 'code' as const, source: 'const x = Value(2.0)' }]
const base = { origin: 'https://grad.example.org', pathname: '/play/', run: true, graph: true, height: 480 }

describe('embed parameters', () => {
  it('reads ?theme and ?nograph, before or after the hash, and ignores other values', () => {
    expect(readViewParams('?embed=1&theme=dark')).toEqual({ theme: 'dark', graph: true })
    expect(readViewParams('', '#code/abc?theme=Light&nograph=1')).toEqual({ theme: 'light', graph: false })
    expect(readViewParams('?theme=purple')).toEqual({ graph: true })
  })
})

describe('the embed snippet', () => {
  it('links the chosen cells with embed=1, run=1 and the theme; the link opens as those cells', () => {
    const url = embedUrl(cells, { ...base, cells: [1], theme: 'dark' })
    expect(url).toBe(`https://grad.example.org/play/?run=1&embed=1&theme=dark#code/${LZString.compressToEncodedURIComponent(cells[1].source)}`)
    const u = new URL(url)
    const link = parseLocation({ search: u.search, hash: u.hash }, [])
    expect(link).toMatchObject({ kind: 'code', run: true, embed: true, doc: { cells: [cells[1]] } })
    expect(readViewParams(u.search)).toEqual({ theme: 'dark', graph: true })
  })

  it('writes an iframe with the height (kept in bounds), escaped attributes and no graph when asked', () => {
    const html = embedSnippet(cells, { ...base, run: false, graph: false, height: 99999, title: 'A "quoted" <title>' })
    expect(html).toMatch(/^<iframe src="https:\/\/grad\.example\.org\/play\/\?embed=1&amp;nograph=1#notebook\/[A-Za-z0-9+-]+" width="100%" height="2000" /)
    expect(html).toContain('title="A &#34;quoted&#34; &#60;title&#62;"')
  })
})
