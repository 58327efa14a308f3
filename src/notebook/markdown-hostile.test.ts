// @vitest-environment jsdom
// A markdown cell from a stranger's link: it may not restyle or cover the app, load anything from
// another site, clobber the app's ids and test hooks, or name a control as the app's.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MATH_LIMITS, renderMarkdown } from './markdown.ts'

const PAGE = 'https://grad.example.org/?embed=1#notebook/abc'

function dom(source: string): HTMLElement {
  const div = document.createElement('div')
  div.innerHTML = renderMarkdown(source, PAGE)
  return div
}

/** Attributes that a cell's own HTML must never keep. */
function forbiddenAttributes(root: Element): string[] {
  const bad: string[] = []
  for (const el of root.querySelectorAll('*')) {
    const inMath = el.closest('.katex, .katex-error') !== null // KaTeX's own styles
    for (const a of el.attributes) {
      const name = a.name.toLowerCase()
      if (name === 'id' || name === 'name' || name.startsWith('data-') || name === 'role') bad.push(`${el.localName} ${name}`)
      if (name === 'style' && !inMath) bad.push(`${el.localName} style`)
      // (a title or alt is text, such as KaTeX's message quoting the formula, not CSS)
      if (name !== 'title' && name !== 'alt' && /url\s*\(/i.test(a.value)) bad.push(`${el.localName} ${name}=${a.value}`)
      if (!inMath && (name.startsWith('aria-') || name === 'tabindex')) bad.push(`${el.localName} ${name}`)
    }
  }
  return bad
}

/** Addresses the rendered cell would fetch by itself: images, media, anything with src. */
function fetchedAddresses(root: Element): string[] {
  return [...root.querySelectorAll('[src], [srcset], [poster], [background], image, use, feImage')]
    .map((el) => el.getAttribute('src') ?? el.outerHTML)
}

describe('styles, ids and test hooks', () => {
  it('drops style attributes, so a cell cannot lay a fixed overlay over the app', () => {
    const root = dom('<div style="position:fixed;inset:0;z-index:9999;background:white">Your session expired</div>')
    expect(root.querySelector('div')!.hasAttribute('style')).toBe(false)
    expect(root.textContent).toBe('Your session expired')
  })

  it('drops id, name, data-* and aria attributes and roles', () => {
    const root = dom('<span id="root" name="cells" data-testid="share-url" data-cell-id="c1">x</span> <span role="button" aria-label="Run all" tabindex="0">y</span>')
    expect(forbiddenAttributes(root)).toEqual([])
    expect(root.querySelectorAll('span')).toHaveLength(2)
  })

  it('keeps no class but a code block\'s language', () => {
    const root = dom('<div class="banner warn toolbar">x</div>\n\n```ts\nlet x\n```')
    expect(root.querySelector('div')!.hasAttribute('class')).toBe(false)
    expect(root.querySelector('pre code')!.className).toBe('language-ts')
  })

  it('makes background:url() and other CSS functions impossible', () => {
    const root = dom('<table background="https://t.example/a.png"><tr><td style="background:url(https://t.example/b)">x</td></tr></table><svg><rect fill="url(https://t.example/c.svg#p)" width="5" height="5"/></svg>')
    expect(forbiddenAttributes(root)).toEqual([])
    expect(root.innerHTML).not.toMatch(/t\.example/)
  })

  it('cannot forge a formula slot or carry styles into one', () => {
    const root = dom('<span data-sg-math="m00-0"></span> $x$ <span class="katex" style="position:fixed">y</span>')
    expect(root.querySelectorAll('.katex')).toHaveLength(1)
    expect(root.querySelector('[data-sg-math]')).toBeNull()
    expect(root.innerHTML).not.toMatch(/position/)
  })

  it("keeps KaTeX's own sizes, and its colours as colours", () => {
    const root = dom('$\\frac{a}{b}$ and $\\color{red}{x}$ and $\\rule{9999em}{1em}$')
    const styles = [...root.querySelectorAll('.katex [style]')].map((el) => el.getAttribute('style')!)
    expect(styles.some((s) => /^height:[\d.]+em/.test(s))).toBe(true)
    expect(styles).toContain('color:red')
    // maxSize: a rule is at most 20em
    expect(styles.join(';')).not.toMatch(/9999/)
  })
})

describe('nothing is fetched from elsewhere', () => {
  it('shows a remote image as a sentence that names its host', () => {
    for (const source of ['![a cat](https://tracker.example/cat.png)', '<img src="//tracker.example/pixel.gif" alt="a cat">', '<img src="http://tracker.example/x">']) {
      const root = dom(source)
      expect(root.querySelector('img'), source).toBeNull()
      expect(root.querySelector('.remote-image')?.textContent, source).toMatch(/^remote image not loaded: tracker\.example/)
    }
    expect(dom('![a cat](https://tracker.example/cat.png)').textContent).toContain('(“a cat”)')
  })

  it("keeps images of the app's own origin and data: images", () => {
    expect(dom('<img src="/icon.png">').querySelector('img')?.getAttribute('src')).toBe('/icon.png')
    expect(dom('![dot](data:image/png;base64,iVBORw0KGgo=)').querySelector('img')).not.toBeNull()
  })

  it('drops media, srcset and SVG references', () => {
    const root = dom('<video src="https://t.example/v.mp4" poster="https://t.example/p.png"></video><audio src="https://t.example/a.mp3"></audio><img src="/i.png" srcset="https://t.example/big.png 2x"><svg><image href="https://t.example/i.png"/><use href="https://t.example/s.svg#x"/></svg>')
    expect(fetchedAddresses(root)).toEqual(['/i.png'])
  })
})

describe('links', () => {
  it('to another origin open in a new tab, without opener or referrer', () => {
    for (const href of ['https://other.example/page', '//other.example/x', 'http://grad.example.org:8080/']) {
      const a = dom(`<a href="${href}" target="_self" rel="opener">go</a>`).querySelector('a')!
      expect(a.getAttribute('target'), href).toBe('_blank')
      expect(a.getAttribute('rel'), href).toBe('noopener noreferrer')
    }
  })

  it('within the app stay in the tab', () => {
    for (const href of ['#example/mnist', '/?run=1#example/usage', 'https://grad.example.org/x']) {
      const a = dom(`[x](${href})`).querySelector('a')!
      expect(a.hasAttribute('target'), href).toBe(false)
    }
  })
})

describe('random markup', () => {
  const pieces = fc.constantFrom(
    '<div style="color:red">', '</div>', '<span id="root">', '</span>', '<img src="https://t.example/x">',
    '<img src="/ok.png">', ' data-testid="graph"', '<a href="//t.example">', '</a>', '$x$', '$$y$$', '\\$', '$',
    '<svg><rect fill="url(#a)"/></svg>', 'text ', '\n\n', '**b**', '<p class="x" role="tab" aria-label="Graph">',
    '<td background="https://t.example/bg">', '<img src=x onerror=alert(1)>', '![i](https://t.example/i.png)', '"',
  )
  it('never keeps a style, id, data-* or role of the cell, nor a remote src', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 25 }), (parts) => {
        const root = dom(parts.join(''))
        expect(forbiddenAttributes(root)).toEqual([])
        for (const src of fetchedAddresses(root)) expect(new URL(src, PAGE).origin).toBe(new URL(PAGE).origin)
      }),
      { numRuns: 120 },
    )
  }, 30_000)
})

describe('many formulas', () => {
  it('typesets up to the limit and shows the rest as source', () => {
    // one formula again and again: typeset once, and placed in each slot up to the limit
    const source = Array.from({ length: MATH_LIMITS.formulas + 3 }, () => '$x_1$').join(' ')
    const root = dom(source)
    expect(root.querySelectorAll('.katex')).toHaveLength(MATH_LIMITS.formulas)
    const rest = root.querySelectorAll('code.math-untypeset')
    expect(rest).toHaveLength(3)
    expect(rest[0].textContent).toBe('x_1')
    expect(rest[0].getAttribute('title')).toBe(`Not typeset: this cell has more than ${MATH_LIMITS.formulas} formulas.`)
    const long = dom(`$${'x+'.repeat(MATH_LIMITS.formulaChars)}y$`)
    expect(long.querySelector('.katex')).toBeNull()
    expect(long.querySelector('code.math-untypeset')?.getAttribute('title')).toMatch(/longer than 5000 characters/)
  }, 30_000) // jsdom is slow at building KaTeX's trees
})
