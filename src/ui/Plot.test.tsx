// @vitest-environment jsdom
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { domains, drawXY, markColor, Plot, type XYSpec } from './Plot.tsx'
import { domPerTest } from './test-dom.ts'

const scatterAndLine: XYSpec = {
  id: 1, kind: 'xy', title: 'Skill by height', xlabel: 'height', ylabel: 'skill',
  marks: [
    { type: 'scatter', xs: [40, 50, 60, 90], ys: [90, 110, 130, 190], label: 'data' },
    { type: 'line', xs: [40, 90], ys: [90, 190], label: 'fit', color: 'rgb(220, 20, 60)' },
  ],
}

describe('domains', () => {
  it('spans every finite point of every mark', () => {
    expect(domains(scatterAndLine.marks)).toEqual({ x: [40, 90], y: [90, 190] })
    expect(domains([{ type: 'line', xs: [1, NaN, 3], ys: [Infinity, 2, -1] }])).toEqual({ x: [1, 3], y: [-1, 2] })
  })

  it('widens a flat or empty range', () => {
    expect(domains([])).toEqual({ x: [0, 1], y: [0, 1] })
    expect(domains([{ type: 'scatter', xs: [5], ys: [0] }])).toEqual({ x: [4.5, 5.5], y: [-1, 1] })
  })

  it('colors: a mark\'s own, else the palette starting with the accent', () => {
    expect(markColor({ type: 'line', xs: [], ys: [], color: 'url(http://evil.test/)' }, 0)).toBe('var(--accent)')
    expect(markColor({ type: 'line', xs: [], ys: [], color: 'crimson; background: url(x)' }, 1)).toBe('#e4572e')
    expect(markColor(scatterAndLine.marks[1], 1)).toBe('rgb(220, 20, 60)')
    expect(markColor(scatterAndLine.marks[0], 0)).toBe('var(--accent)')
  })
})

describe('drawXY', () => {
  it('draws dots, a line, the title, axis labels and a legend', () => {
    const el = document.createElement('div')
    drawXY(el, scatterAndLine, 600)
    const svg = el.querySelector('svg[data-testid="plot"]')!
    expect(svg.getAttribute('width')).toBe('600')
    expect(svg.getAttribute('data-points')).toBe('6')
    expect(svg.getAttribute('aria-label')).toBe('Skill by height')
    expect(svg.querySelectorAll('.plot-dots circle')).toHaveLength(4)
    const path = svg.querySelector('.plot-line') as SVGPathElement
    expect(path.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/)
    expect(path.style.stroke).toBe('rgb(220, 20, 60)')
    expect(svg.querySelector('.plot-title')!.textContent).toBe('Skill by height')
    expect([...svg.querySelectorAll('.plot-label')].map((t) => t.textContent)).toEqual(['height', 'skill'])
    expect(svg.querySelectorAll('.plot-x .tick').length).toBeGreaterThan(2)
    expect([...el.querySelectorAll('.plot-legend-item')].map((i) => i.textContent)).toEqual(['data', 'fit'])
  })

  it('has no legend for one named mark, and skips points that are not finite', () => {
    const el = document.createElement('div')
    drawXY(el, { id: 2, kind: 'xy', marks: [{ type: 'scatter', xs: [1, 2, 3], ys: [1, NaN, 3], label: 'only' }] }, 300)
    expect(el.querySelector('.plot-legend')).toBeNull()
    expect(el.querySelectorAll('circle')).toHaveLength(2)
    expect(el.querySelector('.plot-title')).toBeNull()
  })

  it('a line with gaps breaks at non-finite points', () => {
    const el = document.createElement('div')
    drawXY(el, { id: 3, kind: 'xy', marks: [{ type: 'line', xs: [1, 2, 3, 4], ys: [1, NaN, 3, 4] }] }, 300)
    const d = el.querySelector('.plot-line')!.getAttribute('d')!
    expect(d.match(/M/g)).toHaveLength(2)
  })

  it('draws again from scratch', () => {
    const el = document.createElement('div')
    drawXY(el, scatterAndLine, 600)
    drawXY(el, scatterAndLine, 400)
    expect(el.querySelectorAll('svg')).toHaveLength(1)
    expect(el.querySelectorAll('.plot-legend')).toHaveLength(1)
  })
})

describe('<Plot>', () => {
  const dom = domPerTest()

  it('renders the container and redraws when the spec changes (a live curve)', () => {
    act(() => dom.root.render(<Plot spec={{ id: 5, kind: 'xy', marks: [{ type: 'line', xs: [1, 2], ys: [3, 2] }] }} />))
    expect(dom.host.querySelector('figure.plot')!.getAttribute('data-plot-id')).toBe('5')
    expect(dom.host.querySelector('svg')!.getAttribute('data-points')).toBe('2')
    act(() => dom.root.render(<Plot spec={{ id: 5, kind: 'xy', marks: [{ type: 'line', xs: [1, 2, 3], ys: [3, 2, 1.5] }] }} />))
    expect(dom.host.querySelectorAll('svg')).toHaveLength(1)
    expect(dom.host.querySelector('svg')!.getAttribute('data-points')).toBe('3')
  })
})
