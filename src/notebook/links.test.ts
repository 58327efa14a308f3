// The link codec (CONTRACT.md section 3), tested in Node with `location` passed in.
import { describe, expect, it } from 'vitest'
import LZString from 'lz-string'
import { LINK_WARN_LENGTH, makeShareLink, parseLocation, type LinkLocation, type ParsedLink } from './links.ts'
import { makeDoc, readNotebookDoc, type DocCell, type NotebookDoc } from './notebook-doc.ts'

const EXAMPLES = ['usage', 'linear-regression', 'mnist']
const ORIGIN = 'https://grad.example.org'

/** What `window.location` holds for a URL, as the browser parses it. */
const at = (url: string): LinkLocation => {
  const u = new URL(url, ORIGIN)
  return { hash: u.hash, search: u.search }
}
const open = (url: string) => parseLocation(at(url), EXAMPLES)
const code = (source: string): NotebookDoc => makeDoc([{ kind: 'code', source }])
const share = (doc: NotebookDoc, opts: Partial<Parameters<typeof makeShareLink>[1]> = {}) =>
  makeShareLink(doc, { origin: ORIGIN, pathname: '/', ...opts })
const lz = (s: string) => LZString.compressToEncodedURIComponent(s)

function docOf(link: ParsedLink): NotebookDoc {
  if (link.kind !== 'code' && link.kind !== 'notebook') throw new Error(`expected a notebook, got ${JSON.stringify(link)}`)
  return link.doc
}
function problemOf(link: ParsedLink): { what: string; message: string } {
  if (link.kind !== 'error') throw new Error(`expected an error, got ${link.kind}`)
  return { what: link.what, message: link.message }
}

// Seed-like snippets, written as the playground's cells are.
const SNIPPETS = {
  values: `const x = Value(6.0)
const y = Value(2.0)
const z = x * y
backward(z)
println(x.grad)   // 2.0
println(y.grad)   // 6.0`,
  neuron: `// One neuron: tanh(w1*x1 + w2*x2 + b)
const x1 = Value(2.0), x2 = Value(0.0)
const w1 = Value(-3.0), w2 = Value(1.0)
const b = Value(6.8813735870195432)
const n = x1 * w1 + x2 * w2 + b
const o = tanh(n)
backward(o)
println(o)          // Value(0.7071067811865476)
println(x1.grad, " ", w1.grad)`,
  tensors: `const x = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
const W = Tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]])
const b = Tensor([0.01, 0.02])
const logits = x.matmul(W) + b
const loss = softmax_crossentropy(logits, [[1, 0], [0, 1]])
backward(loss)
println(loss)
println(W.grad)`,
  training: `seed(1234)
const xs = [1.0, 2.0, 3.0, 4.0]
const ys = [3.0, 5.0, 7.0, 9.0]
const w = Value(rand()), b = Value(rand())
for (let epoch = 0; epoch < 200; epoch++) {
  let loss = Value(0.0)
  for (let i = 0; i < xs.length; i++) {
    const d = w * xs[i] + b - ys[i]
    loss += d ^ 2
  }
  zero_grad(loss)
  backward(loss)
  w.data -= 0.01 * w.grad
  b.data -= 0.01 * b.grad
}
println("w = ", w.data, ", b = ", b.data)`,
}

const UNICODE = [
  '// 😀🚀 emoji, 👩‍👩‍👧 (a ZWJ family), 🇯🇵 flags',
  '// 学习反向传播：梯度 ∂L/∂w（中文）、日本語の勾配、한국어',
  'const ε = 1e-7 // ∑ xᵢ·δᵢ ≤ ∞, √2 ≈ 1.414, ∀x∈ℝ, α→β, ½',
  '// עברית ومرحبا — right-to-left, e\u0301 combining, \u00a0nbsp, tab\there',
  'println("\\u{1F600}", `${"🎉".repeat(3)}`)',
].join('\n')

/** About `bytes` characters of plausible, varied code, from a seeded generator (no Math.random). */
function bigSource(bytes: number, cellSize = bytes): string[] {
  let state = 1234
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
  const cells: string[] = []
  let lines: string[] = []
  let size = 0
  let total = 0
  while (total < bytes) {
    const k = Math.floor(next() * 1000)
    const line = `const w${k} = Value(${(next() * 10).toFixed(4)}) * x${k % 17} + tanh(b${k % 7}) // step ${k}`
    lines.push(line)
    size += line.length + 1
    total += line.length + 1
    if (size >= cellSize) {
      cells.push(lines.join('\n'))
      lines = []
      size = 0
    }
  }
  if (lines.length > 0) cells.push(lines.join('\n'))
  return cells
}

describe('makeShareLink', () => {
  it('writes #code/ with exactly the contract payload for one code cell', () => {
    const link = share(code(SNIPPETS.values))
    expect(link.format).toBe('code')
    expect(link.url).toBe(`${ORIGIN}/#code/${lz(SNIPPETS.values)}`)
    expect(link.length).toBe(link.url.length)
    expect(link.tooLong).toBe(false)
  })

  it('writes #notebook/ with exactly the contract payload otherwise', () => {
    const cells: DocCell[] = [
      { kind: 'markdown', source: '# Gradients' },
      { kind: 'code', source: SNIPPETS.values },
    ]
    expect(share(makeDoc(cells)).url).toBe(`${ORIGIN}/#notebook/${lz(JSON.stringify({ v: 1, cells }))}`)
    // One markdown cell is not code, and no cells at all is still a notebook.
    expect(share(makeDoc([{ kind: 'markdown', source: 'hi' }])).format).toBe('notebook')
    expect(share(makeDoc([])).format).toBe('notebook')
  })

  it('puts run, embed and the view in the query, before the #', () => {
    const link = share(code('println(1)'), { pathname: '/play/', run: true, embed: true, view: { graph: 2, step: 7 } })
    expect(link.url).toBe(`${ORIGIN}/play/?run=1&embed=1&graph=2&step=7#code/${lz('println(1)')}`)
    expect(share(code('x'), { view: { step: 0 } }).url).toContain('/?step=0#code/')
  })

  it('leaves out a view that is not a whole, non-negative number', () => {
    const url = share(code('x'), { view: { graph: -1, step: 2.5 } }).url
    expect(url).toBe(`${ORIGIN}/#code/${lz('x')}`)
  })

  it('warns past LINK_WARN_LENGTH characters', () => {
    expect(LINK_WARN_LENGTH).toBe(8000)
    const long = share(makeDoc(bigSource(60_000, 2_000).map((source) => ({ kind: 'code', source }))))
    expect(long.length).toBeGreaterThan(LINK_WARN_LENGTH)
    expect(long.tooLong).toBe(true)
    // Right at the limit is fine; one more character is not.
    const base = share(code('')).url.length
    const pad = (n: number) => ({ origin: ORIGIN, pathname: '/' + 'p'.repeat(n) })
    expect(makeShareLink(code(''), pad(LINK_WARN_LENGTH - base)).tooLong).toBe(false)
    expect(makeShareLink(code(''), pad(LINK_WARN_LENGTH - base + 1)).tooLong).toBe(true)
  })

  it('writes only kind and source, whatever else the cells carry', () => {
    const cell = { kind: 'code' as const, source: 'a', id: 'c1', output: 'junk' }
    const url = share(makeDoc([cell, cell])).url
    const json = LZString.decompressFromEncodedURIComponent(url.split('#notebook/')[1])
    expect(json).toBe('{"v":1,"cells":[{"kind":"code","source":"a"},{"kind":"code","source":"a"}]}')
  })
})

describe('round trips', () => {
  it.each(Object.entries(SNIPPETS))('%s as a #code/ link', (_, source) => {
    const parsed = open(share(code(source)).url)
    expect(parsed.kind).toBe('code')
    expect(parsed).not.toHaveProperty('warning')
    expect(docOf(parsed)).toEqual(code(source))
  })

  it('all the snippets as one notebook with markdown between them', () => {
    const cells: DocCell[] = Object.entries(SNIPPETS).flatMap(([name, source]) => [
      { kind: 'markdown', source: `## ${name}\n\nRun it and watch **the gradients**: $\\partial L / \\partial w$.` },
      { kind: 'code', source },
    ])
    const parsed = open(share(makeDoc(cells)).url)
    expect(parsed.kind).toBe('notebook')
    expect(docOf(parsed)).toEqual(makeDoc(cells))
  })

  it('unicode: emoji, CJK, math, right-to-left, combining marks', () => {
    expect(docOf(open(share(code(UNICODE)).url))).toEqual(code(UNICODE))
    const doc = makeDoc([
      { kind: 'markdown', source: UNICODE },
      { kind: 'code', source: UNICODE },
    ])
    expect(docOf(open(share(doc).url))).toEqual(doc)
  })

  it('the empty notebook, an empty code cell and an empty markdown cell', () => {
    for (const doc of [makeDoc([]), code(''), makeDoc([{ kind: 'markdown', source: '' }])]) {
      const parsed = open(share(doc).url)
      expect(parsed).not.toHaveProperty('warning')
      expect(docOf(parsed)).toEqual(doc)
    }
    expect(share(code('')).url).toBe(`${ORIGIN}/#code/Q`)
  })

  it('a huge notebook (about 1 MB of source) decodes (its time is in npm run bench)', () => {
    const cells = bigSource(1_048_576, 20_000)
    const doc = makeDoc(cells.map((source, i) => ({ kind: i % 5 === 0 ? 'markdown' : 'code', source })))
    const link = share(doc)
    const bytes = doc.cells.reduce((n, c) => n + c.source.length, 0)
    expect(bytes).toBeGreaterThanOrEqual(1_000_000)
    expect(docOf(parseLocation(at(link.url), EXAMPLES))).toEqual(doc)
    expect(link.tooLong).toBe(true)
  })

  it('a huge single code cell (about 1 MB) decodes too', () => {
    const source = bigSource(1_000_000).join('\n')
    expect(docOf(parseLocation(at(share(code(source)).url), EXAMPLES))).toEqual(code(source))
  })

})

describe('links made earlier keep opening', () => {
  // Literal links, as an earlier build wrote them: if the codec ever changes, these must still open.
  it('a #code/ link', () => {
    const parsed = open('/#code/A4JwlgdgLgNhAUA1AhjArgU3gJgHQAYBKAAgCpiV0sBmAwwoA')
    expect(docOf(parsed)).toEqual(code('println(Value(2.0) * Value(3.0))'))
  })

  it('a #notebook/ link with v: 1', () => {
    const parsed = open('/?run=1#notebook/N4IgbiBcCMA0IGMCmAbFBnKBtUBrAlgHYAmUIAtgIYBOuxA9gO6Ejzr0Cu1yZAxAAQAJVCnogAvrDxFSkRPWJJWIdlx5yADtSIAXFIQAU0AJQSAuuKA')
    expect(parsed.run).toBe(true)
    expect(docOf(parsed)).toEqual(
      makeDoc([
        { kind: 'markdown', source: '# Hello' },
        { kind: 'code', source: 'println(1)' },
      ]),
    )
  })

  it('a notebook whose JSON has cells but no v is read as v1', () => {
    const parsed = open(`/#notebook/${lz(JSON.stringify({ cells: [{ kind: 'code', source: 'x' }] }))}`)
    expect(docOf(parsed)).toEqual(code('x'))
  })

  it('fields it does not know are dropped, not refused', () => {
    const json = { v: 1, title: 't', cells: [{ kind: 'code', source: 'x', id: 3, collapsed: true }] }
    expect(docOf(open(`/#notebook/${lz(JSON.stringify(json))}`))).toEqual(code('x'))
  })
})

describe('examples', () => {
  it.each(EXAMPLES)('#example/%s', (id) => {
    expect(open(`/#example/${id}`)).toEqual({ kind: 'example', id, run: false, embed: false })
  })

  it('with flags and a view', () => {
    expect(open('/?embed=1&step=3#example/mnist')).toEqual({
      kind: 'example',
      id: 'mnist',
      run: false,
      embed: true,
      view: { step: 3 },
    })
  })

  it('names an unknown example and lists the real ones', () => {
    const { what, message } = problemOf(open('/#example/mnsit'))
    expect(what).toBe('example')
    expect(message).toBe('This link asks for the example "mnsit", which does not exist. The examples are: usage, linear-regression, mnist.')
  })

  it('is forgiving about case and trailing punctuation', () => {
    expect(open('/#example/Linear-Regression).')).toMatchObject({ kind: 'example', id: 'linear-regression' })
  })
})

describe('links that are not share links', () => {
  it.each(['/', '/#', '/#section-2', '/#codex/abc', '/#/code/abc', '/?code=abc'])('%s opens nothing', (url) => {
    expect(open(url)).toEqual({ kind: 'none', run: false, embed: false })
  })

  it('still carries the flags', () => {
    expect(open('/?embed=1&run=1#intro')).toEqual({ kind: 'none', run: true, embed: true })
  })
})

describe('broken links say what is wrong', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['garbage after #code/', `/#code/hello`, 'compression', /could not be decompressed: it may have been cut off/],
    ['garbage that makes lz-string throw', `/#code/zrhPDwRWN`, 'compression', /decompressed/],
    ['garbage that decompresses to control characters', `/#code/NAACx`, 'compression', /decompressed/],
    ['garbage after #notebook/', `/#notebook/xyz123`, 'compression', /could not be decompressed/],
    ['a character no link contains', `/#code/abc.def`, 'characters', /contains "\." \(character 4 after #code\/\)/],
    ['valid compression, invalid JSON', `/#notebook/${lz('{"v":1,"cells":[')}`, 'json', /is not valid JSON \(.+\)/],
    ['JSON that is not an object', `/#notebook/${lz('[1, 2]')}`, 'shape', /It is not a notebook: it is a list, not a notebook object\./],
    ['JSON null', `/#notebook/${lz('null')}`, 'shape', /it is null/],
    ['an object with neither v nor cells', `/#notebook/${lz('{"a":1}')}`, 'shape', /neither a version \("v"\) nor a list of cells/],
    ['cells that are not a list', `/#notebook/${lz('{"v":1,"cells":"x"}')}`, 'shape', /its "cells" is "x", not a list/],
    ['no cells', `/#notebook/${lz('{"v":1}')}`, 'shape', /it has no list of cells/],
    ['a cell of unknown kind', `/#notebook/${lz('{"v":1,"cells":[{"kind":"code","source":""},{"kind":"python","source":""}]}')}`, 'shape', /cell 2 has kind "python"; a cell is "code" or "markdown"/],
    ['a cell without a kind', `/#notebook/${lz('{"v":1,"cells":[{"source":""}]}')}`, 'shape', /cell 1 has no kind/],
    ['a cell without source', `/#notebook/${lz('{"v":1,"cells":[{"kind":"code"}]}')}`, 'shape', /cell 1 has no source, not text/],
    ['a cell whose source is a number', `/#notebook/${lz('{"v":1,"cells":[{"kind":"code","source":42}]}')}`, 'shape', /cell 1 has a source that is 42, not text/],
    ['a cell that is a string', `/#notebook/${lz('{"v":1,"cells":["println(1)"]}')}`, 'shape', /cell 1 is "println\(1\)", not a cell object/],
    ['an unknown version', `/#notebook/${lz('{"v":99,"cells":[]}')}`, 'version', /format v99, which this app cannot read \(it reads v1\)\. It was probably made by a newer version/],
    ['a version that is not a number', `/#notebook/${lz('{"v":"1","cells":[]}')}`, 'version', /format version is "1", not a number/],
    ['an empty #code/', `/#code/`, 'empty', /nothing after #code\/: the notebook it should carry is missing/],
    ['an empty #notebook/', `/#notebook/`, 'empty', /nothing after #notebook\//],
    ['#code with no slash', `/#code`, 'empty', /nothing after #code\//],
    ['only punctuation after #code/', `/#code/...`, 'empty', /missing/],
    ['an empty #example/', `/#example/`, 'empty', /no example name/],
  ]

  it.each(cases)('%s', (_, url, what, message) => {
    const parsed = open(url)
    expect(problemOf(parsed).what).toBe(what)
    expect(problemOf(parsed).message).toMatch(message)
    expect(problemOf(parsed).message).toMatch(/^This link/)
  })

  it('the garbage above really does throw in lz-string, or decode to control characters', () => {
    expect(() => LZString.decompressFromEncodedURIComponent('zrhPDwRWN')).toThrow()
    expect(LZString.decompressFromEncodedURIComponent('NAACx')).toBe('\u000b\u0000')
  })

  it('keeps the link as it arrived, and the flags, so nothing is lost', () => {
    const loc = at(`/?run=1&embed=1#notebook/${lz('{"v":99}')}`)
    expect(parseLocation(loc, EXAMPLES)).toMatchObject({ kind: 'error', what: 'version', link: loc.hash, run: true, embed: true })
  })

  it('every cut-off #notebook/ link is refused, never half-opened', () => {
    const doc = makeDoc(Object.values(SNIPPETS).map((source) => ({ kind: 'code', source })))
    const [head, payload] = share(doc).url.split('#notebook/')
    for (let n = 0; n < payload.length; n++) {
      const parsed = open(`${head}#notebook/${payload.slice(0, n)}`)
      // Losing only the last character, which holds nothing but padding, loses nothing.
      if (parsed.kind === 'notebook') expect(parsed.doc, `cut to ${n} characters`).toEqual(doc)
      else expect(parsed.kind, `cut to ${n} characters`).toBe('error')
    }
  })

  it('a cut-off #code/ link is refused, or opened with a warning that the code may be incomplete', () => {
    const url = share(code(SNIPPETS.training)).url
    const [head, payload] = url.split('#code/')
    let warned = 0
    for (let n = 0; n < payload.length; n++) {
      const parsed = open(`${head}#code/${payload.slice(0, n)}`)
      if (parsed.kind === 'code' && parsed.warning === undefined) {
        // Only padding was lost: the code is whole.
        expect(parsed.doc.cells[0].source, `cut to ${n} characters`).toBe(SNIPPETS.training)
      } else if (parsed.kind === 'code') {
        expect(parsed.warning).toMatch(/may have been cut off/)
        expect(SNIPPETS.training.startsWith(parsed.doc.cells[0].source)).toBe(true)
        warned++
      } else {
        expect(parsed.kind, `cut to ${n} characters`).toBe('error')
      }
    }
    console.log(`${payload.length} cut-off #code/ links: ${warned} opened with a warning, the rest refused`)
  })
})

describe('query flags', () => {
  const src = lz('println(1)')
  it.each([
    ['', false, false],
    ['?run=1', true, false],
    ['?embed=1', false, true],
    ['?run=1&embed=1', true, true],
    ['?embed=1&run=1&theme=dark&utm_source=chat', true, true],
    ['?run=0&embed=false', false, false],
    ['?run&embed=yes', true, true],
    ['?RUN=1&Embed=True', true, true],
    ['?run=2', false, false],
  ])('%s', (search, run, embed) => {
    const parsed = open(`/${search}#code/${src}`)
    expect(parsed).toMatchObject({ kind: 'code', run, embed })
    expect(parsed).not.toHaveProperty('view')
  })

  it('ignores unknown parameters entirely', () => {
    expect(open(`/?foo=bar&x#code/${src}`)).toEqual({ kind: 'code', doc: code('println(1)'), run: false, embed: false })
  })
})

describe('the view', () => {
  it('round-trips the selected graph and the stepper step', () => {
    const doc = makeDoc([
      { kind: 'code', source: SNIPPETS.values },
      { kind: 'code', source: SNIPPETS.neuron },
    ])
    const parsed = open(share(doc, { run: true, view: { graph: 1, step: 7 } }).url)
    expect(parsed).toMatchObject({ kind: 'notebook', run: true, embed: false, view: { graph: 1, step: 7 } })
    expect(docOf(parsed)).toEqual(doc)
  })

  it('carries just a step, or just a graph', () => {
    expect(open(share(code('x'), { view: { step: 7 } }).url).view).toEqual({ step: 7 })
    expect(open(share(code('x'), { view: { graph: 0 } }).url).view).toEqual({ graph: 0 })
  })

  it('ignores a view that is not a whole, non-negative number', () => {
    expect(open(`/?step=-1&graph=abc#code/${lz('x')}`)).not.toHaveProperty('view')
    expect(open(`/?step=1.5#code/${lz('x')}`)).not.toHaveProperty('view')
  })

  it('survives a hash that was cut off, so the page can still say which step was meant', () => {
    expect(open(`/?step=7#code/${lz(SNIPPETS.values).slice(0, 5)}`)).toMatchObject({ kind: 'error', view: { step: 7 } })
  })
})

describe('links damaged by chat apps, mail and markdown', () => {
  // A payload holding each character that chat apps like to change.
  let source = SNIPPETS.tensors + '\n' + UNICODE
  for (let i = 0; !(lz(source).includes('-') && lz(source).includes('+')) && i < 100; i++) source += `\nprintln(${i})`
  const payload = lz(source)
  const good = code(source)
  it('the test payload holds a + and a -', () => {
    expect(payload).toContain('+')
    expect(payload).toContain('-')
  })

  const damaged: Array<[string, LinkLocation]> = [
    ['a full stop after the link', at(`/#code/${payload}.`)],
    ['a closing parenthesis and comma', at(`/#code/${payload}),`)],
    ['a markdown angle bracket or bold', at(`/#code/${payload}>**`)],
    ['a quote and exclamation mark', at(`/#code/${payload}"!`)],
    ['an ellipsis', at(`/#code/${payload}…`)],
    ['trailing whitespace', { hash: `#code/${payload} \n\t`, search: '' }],
    ['a trailing zero-width space', { hash: `#code/${payload}\u200b`, search: '' }],
    ['a trailing %20 or %0A', at(`/#code/${payload}%20%0A`)],
    ['every + turned into a space', { hash: `#code/${payload.replaceAll('+', ' ')}`, search: '' }],
    ['every + turned into %20', at(`/#code/${payload.replaceAll('+', '%20')}`)],
    ['+ and - %-escaped', at(`/#code/${payload.replaceAll('+', '%2B').replaceAll('-', '%2D')}`)],
    ['+ escaped twice', at(`/#code/${payload.replaceAll('+', '%252B')}`)],
    ['the slash %-escaped', at(`/#code%2F${payload}`)],
    ['a line break inside', { hash: `#code/${payload.slice(0, 30)}\r\n${payload.slice(30)}`, search: '' }],
    ['a zero-width space inside', { hash: `#code/${payload.slice(0, 30)}\u200b${payload.slice(30)}`, search: '' }],
    ['the prefix in capitals', at(`/#CODE/${payload}`)],
  ]

  it.each(damaged)('%s', (_, loc) => {
    const parsed = parseLocation(loc, EXAMPLES)
    expect(parsed).not.toHaveProperty('warning')
    expect(docOf(parsed)).toEqual(good)
  })

  it('a + turned into a space in a #notebook/ link', () => {
    const doc = makeDoc([
      { kind: 'markdown', source: UNICODE },
      { kind: 'code', source },
    ])
    const url = share(doc).url
    expect(url).toContain('+')
    expect(docOf(open(url.replaceAll('+', '%20') + ').'))).toEqual(doc)
  })

  it('query parameters written after the hash', () => {
    expect(open(`/#code/${payload}?run=1&step=4`)).toMatchObject({ kind: 'code', doc: good, run: true, view: { step: 4 } })
    expect(open(`/?embed=1#code/${payload}&run=1`)).toMatchObject({ kind: 'code', run: true, embed: true })
    // Those before the hash win.
    expect(open(`/?run=0#code/${payload}?run=1`)).toMatchObject({ kind: 'code', run: false })
  })

  it('query parameters escaped as &amp; and punctuation after them', () => {
    expect(open('/?run=1&amp;embed=1&amp;step=2).#example/usage')).toMatchObject({
      kind: 'example',
      run: true,
      embed: true,
      view: { step: 2 },
    })
    expect(open('/?run=1.')).toMatchObject({ kind: 'none', run: true })
  })
})

describe('readNotebookDoc', () => {
  it('accepts v1 and returns a fresh document', () => {
    const raw = { v: 1, cells: [{ kind: 'markdown', source: 'm' }] }
    const read = readNotebookDoc(raw)
    expect(read).toEqual({ ok: true, doc: raw })
    if (read.ok) expect(read.doc.cells[0]).not.toBe(raw.cells[0])
  })

  it('refuses a version it does not know, old or new', () => {
    expect(readNotebookDoc({ v: 0, cells: [] })).toMatchObject({ ok: false, what: 'version' })
    expect(readNotebookDoc({ v: 2, cells: [] })).toMatchObject({ ok: false, what: 'version' })
    expect(readNotebookDoc({ v: 'constructor', cells: [] })).toMatchObject({ ok: false, what: 'version' })
  })
})
