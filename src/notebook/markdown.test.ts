// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { examples } from '../examples/index.ts'
import { renderMarkdown } from './markdown.ts'

/** The rendered HTML parsed back into a DOM, as the page will hold it. */
function dom(source: string): HTMLElement {
  const div = document.createElement('div')
  div.innerHTML = renderMarkdown(source)
  return div
}

/** Every attribute name and value in the rendered tree. */
function attributes(root: Element): string[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`))
}

const TEX = 'annotation[encoding="application/x-tex"]'

describe('markdown', () => {
  it('renders headings, emphasis, lists, links and code', () => {
    const root = dom('# Values\n\n## Tensors\n\nSome *emphasis* and **strong**.\n\n- one\n- two\n\n1. first\n2. second\n\n`backward(z)` inline\n\n```ts\nconst x = Value(4.0)\n```\n\n    indented code\n\n[docs](https://example.org/docs)')
    expect(root.querySelector('h1')?.textContent).toBe('Values')
    expect(root.querySelector('h2')?.textContent).toBe('Tensors')
    expect(root.querySelector('em')?.textContent).toBe('emphasis')
    expect(root.querySelector('strong')?.textContent).toBe('strong')
    expect([...root.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two'])
    expect([...root.querySelectorAll('ol > li')].map((li) => li.textContent)).toEqual(['first', 'second'])
    expect(root.querySelector('p > code')?.textContent).toBe('backward(z)')
    const blocks = root.querySelectorAll('pre > code')
    expect(blocks[0].textContent).toBe('const x = Value(4.0)\n')
    expect(blocks[0].className).toBe('language-ts')
    expect(blocks[1].textContent).toBe('indented code\n')
    const link = root.querySelector('a')!
    expect(link.getAttribute('href')).toBe('https://example.org/docs')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
  })

  it('keeps links within the app in the same tab', () => {
    const link = dom('[MNIST](#example/mnist)').querySelector('a')!
    expect(link.getAttribute('href')).toBe('#example/mnist')
    expect(link.hasAttribute('target')).toBe(false)
  })

  it('renders the empty source as nothing', () => {
    expect(renderMarkdown('')).toBe('')
  })
})

describe('math', () => {
  it('renders $...$ inline with KaTeX, keeping the TeX source for screen readers and copying', () => {
    const root = dom('the derivatives $\\frac{dz}{dx}$ and $\\frac{dz}{dy} = 1$.')
    const math = root.querySelectorAll('p > .katex')
    expect(math).toHaveLength(2)
    expect(math[0].querySelector('.katex-html .mfrac')).not.toBeNull()
    expect(math[0].querySelector('math mfrac')).not.toBeNull()
    expect(math[0].querySelector(TEX)?.textContent).toBe('\\frac{dz}{dx}')
    expect(math[1].querySelector(TEX)?.textContent).toBe('\\frac{dz}{dy} = 1')
    expect(root.querySelector('.katex-display')).toBeNull()
    expect(root.textContent).toContain('the derivatives ')
  })

  it('renders a $$...$$ block in display mode', () => {
    const root = dom('Before\n$$\nz = x + y\n$$\nAfter')
    expect(root.querySelector('p')?.textContent).toBe('Before')
    const block = root.querySelector('div.math-block > .katex-display')!
    expect(block).not.toBeNull()
    expect(block.querySelector('math')?.getAttribute('display')).toBe('block')
    expect(block.querySelector(TEX)?.textContent).toBe('z = x + y')
    expect(root.querySelectorAll('p')[1].textContent).toBe('After')
  })

  it('renders $$...$$ on one line, and within a paragraph, in display mode', () => {
    expect(dom('$$\\sum_i x_i^2$$').querySelector(`.math-block .katex-display ${TEX}`)?.textContent).toBe('\\sum_i x_i^2')
    const root = dom('so $$e^x$$ is its own derivative')
    expect(root.querySelector(`p > .katex-display ${TEX}`)?.textContent).toBe('e^x')
    expect(root.querySelector('p')?.textContent).toMatch(/^so .* is its own derivative$/)
  })

  it('keeps a multi-line block inside a list item', () => {
    const root = dom('- the loss:\n\n  $$\n  L = (y - \\hat y)^2\n  $$\n- next')
    expect(root.querySelector(`li .math-block ${TEX}`)?.textContent).toBe('L = (y - \\hat y)^2')
    expect(root.querySelectorAll('li')).toHaveLength(2)
  })

  it('leaves math inside code spans and code blocks alone', () => {
    const root = dom('use `$x$` or `$$y$$` literally\n\n```\nprice = $5 + $x$\n$$\n```')
    expect(root.querySelector('.katex')).toBeNull()
    expect([...root.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['$x$', '$$y$$', 'price = $5 + $x$\n$$\n'])
  })

  it('leaves dollar amounts as text: an opening $ needs a non-space after it, a closing one a non-space before it and no digit after it', () => {
    for (const text of ['It costs $5 and $6 today.', 'Pay $5, $10, or $20.', 'from $5 to $ 6', 'a lone $ sign', 'between $x$5 and more']) {
      const root = dom(text)
      expect(root.querySelector('.katex'), text).toBeNull()
      expect(root.textContent, text).toBe(text + '\n')
    }
    expect(dom('$ x $').querySelector('.katex')).toBeNull()
  })

  it('takes \\$ as a literal dollar, also inside math', () => {
    const root = dom('\\$5 and $a \\$ b$')
    expect(root.querySelector('p')?.firstChild?.textContent).toBe('$5 and ')
    expect(root.querySelector(TEX)?.textContent).toBe('a \\$ b')
  })

  it('does not let emphasis reach into math', () => {
    const root = dom('$a_1 * b_2 * c$ and *this*')
    expect(root.querySelector(TEX)?.textContent).toBe('a_1 * b_2 * c')
    expect(root.querySelector('p > em')?.textContent).toBe('this')
  })

  it('shows a formula KaTeX cannot parse as its source, without throwing', () => {
    const root = dom('broken $\\frac{1}{$ here')
    const error = root.querySelector('.katex-error')
    expect(error?.textContent).toBe('\\frac{1}{')
    expect(error?.getAttribute('title')).toMatch(/KaTeX parse error/)
  })

  it('refuses \\href to javascript: and other trusted commands', () => {
    const root = dom('$\\href{javascript:alert(1)}{x}$ and $\\htmlId{app}{y}$')
    expect(root.querySelector('a')).toBeNull()
    expect(root.querySelector('#app')).toBeNull()
  })
})

describe('sanitising: a markdown cell never runs script', () => {
  const hostile = [
    '<script>alert(1)</script>',
    'text <script>alert(1)</script> more',
    '<img src=x onerror="alert(1)">',
    '<img src="x" onerror=alert(1) />',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<div onclick="alert(1)" onmouseover="alert(2)">hover</div>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '[click](javascript:alert(1))',
    '[click](vbscript:msgbox(1))',
    '![img](javascript:alert(1))',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<math><semantics><annotation><img src=x onerror=alert(1)></annotation></semantics></math>',
    '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>',
    '<svg><style><img src=x onerror=alert(1)></style></svg>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<style>body { display: none }</style>',
    '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    '<base href="javascript:/">',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">x</details>',
    '$x$ <img src=x onerror=alert(1)> $y$',
  ]

  it.each(hostile)('%s', (source) => {
    const html = renderMarkdown(source)
    const root = dom(source)
    expect(root.querySelector('script, iframe, object, embed, form, input, button, style, meta, base, annotation-xml')).toBeNull()
    for (const attr of attributes(root)) {
      expect(attr).not.toMatch(/^on/i)
      expect(attr).not.toMatch(/^(href|src|action|data|xlink:href|formaction)=\s*(javascript|vbscript|data:text\/html)/i)
    }
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\son\w+\s*=/i)
    expect(html).not.toMatch(/(href|src|action)="?\s*javascript:/i)
  })

  it('keeps harmless HTML', () => {
    const root = dom('<details><summary>Why?</summary>Because <sub>1</sub> <kbd>Ctrl</kbd></details>\n\n<img src="diagram.png" alt="a graph">')
    expect(root.querySelector('details > summary')?.textContent).toBe('Why?')
    expect(root.querySelector('sub')?.textContent).toBe('1')
    expect(root.querySelector('kbd')?.textContent).toBe('Ctrl')
    expect(root.querySelector('img')?.getAttribute('alt')).toBe('a graph')
  })
})

describe('the bundled examples\' prose', () => {
  const cells = examples.flatMap((e) => e.cells.filter((c) => c.kind === 'markdown').map((c, i) => [`${e.id} #${i + 1}`, c.source] as const))

  it.each(cells)('%s renders, all its math by KaTeX', (_name, source) => {
    const root = dom(source)
    expect(root.querySelector('.katex-error')).toBeNull()
    for (const el of root.querySelectorAll('.katex, code')) el.remove()
    expect(root.textContent).not.toContain('$')
  })
})
