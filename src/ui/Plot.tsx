// An xy plot (scatter dots and lines) from a snippet's PlotSpec. React renders the container; D3
// draws the SVG into it, again whenever the spec or the container's width changes. Colors come
// from the app's CSS variables, so the plot follows the light or dark theme.
import * as d3 from 'd3'
import { useEffect, useRef, useState, type RefObject } from 'react'
import type { PlotSpec, XYMark } from '../protocol/messages.ts'

export type XYSpec = Extract<PlotSpec, { kind: 'xy' }>

export const PLOT_HEIGHT = 280
const DEFAULT_WIDTH = 560

/** Mark colors in order: the theme's accent first, then a palette that reads on light and dark. */
export const PALETTE = ['var(--accent)', '#e4572e', '#17a398', '#f3a712', '#8e6bbf', '#d1495b', '#66a182', '#2e86ab']

/**
 * A mark's colour: its own when it has the rgb() form of numbers that the door's schema makes of
 * every colour (protocol/colour.ts), else the palette's. Nothing else ever reaches a style.
 */
const RGB = /^rgba?\(\d{1,3}, \d{1,3}, \d{1,3}(, (0|1|0?\.\d+))?\)$/
export const markColor = (m: XYMark, i: number) => (m.color !== undefined && RGB.test(m.color) ? m.color : PALETTE[i % PALETTE.length])

/** The x and y domains over every finite point of every mark, widened when flat or empty. */
export function domains(marks: XYMark[]): { x: [number, number]; y: [number, number] } {
  const ext = (pick: (m: XYMark) => number[]): [number, number] => {
    let lo = Infinity, hi = -Infinity
    for (const m of marks) {
      for (const v of pick(m)) {
        if (Number.isFinite(v)) {
          if (v < lo) lo = v
          if (v > hi) hi = v
        }
      }
    }
    if (lo > hi) return [0, 1]
    if (lo === hi) {
      const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1
      return [lo - pad, hi + pad]
    }
    return [lo, hi]
  }
  return { x: ext((m) => m.xs), y: ext((m) => m.ys) }
}

let clips = 0

/** Draws the plot into `el` (replacing what was there), `width` pixels wide. */
export function drawXY(el: HTMLElement, spec: XYSpec, width: number): void {
  const root = d3.select(el)
  root.selectAll('*').remove()
  const height = PLOT_HEIGHT
  const margin = { top: spec.title ? 30 : 12, right: 16, bottom: spec.xlabel ? 44 : 28, left: spec.ylabel ? 64 : 48 }
  const w = Math.max(10, width - margin.left - margin.right)
  const h = height - margin.top - margin.bottom
  const dom = domains(spec.marks)
  const x = d3.scaleLinear().domain(dom.x).nice().range([0, w])
  const y = d3.scaleLinear().domain(dom.y).nice().range([h, 0])
  const points = spec.marks.reduce((n, m) => n + m.xs.length, 0)

  const svg = root.append('svg')
    .attr('data-testid', 'plot')
    .attr('data-marks', spec.marks.length)
    .attr('data-points', points)
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', spec.title ?? `plot of ${points} points`)
  if (spec.title) {
    svg.append('text').attr('class', 'plot-title').attr('x', width / 2).attr('y', 19).attr('text-anchor', 'middle').text(spec.title)
  }
  const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`)
  const xTicks = Math.max(2, Math.round(w / 80))
  const yTicks = Math.max(2, Math.round(h / 45))
  g.append('g').attr('class', 'plot-grid').call(d3.axisLeft(y).ticks(yTicks).tickSize(-w).tickFormat(() => ''))
  g.append('g').attr('class', 'plot-axis plot-x').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(xTicks))
  g.append('g').attr('class', 'plot-axis plot-y').call(d3.axisLeft(y).ticks(yTicks))
  if (spec.xlabel) {
    g.append('text').attr('class', 'plot-label').attr('x', w / 2).attr('y', h + 38).attr('text-anchor', 'middle').text(spec.xlabel)
  }
  if (spec.ylabel) {
    g.append('text').attr('class', 'plot-label').attr('transform', 'rotate(-90)').attr('x', -h / 2).attr('y', -margin.left + 16).attr('text-anchor', 'middle').text(spec.ylabel)
  }

  const clipId = `plot-clip-${++clips}`
  g.append('clipPath').attr('id', clipId).append('rect').attr('x', -4).attr('y', -4).attr('width', w + 8).attr('height', h + 8)
  const body = g.append('g').attr('clip-path', `url(#${clipId})`)
  spec.marks.forEach((m, i) => {
    const color = markColor(m, i)
    const ok = (j: number) => Number.isFinite(m.xs[j]) && Number.isFinite(m.ys[j])
    const idx = d3.range(m.xs.length)
    if (m.type === 'line') {
      const line = d3.line<number>().defined(ok).x((j) => x(m.xs[j])).y((j) => y(m.ys[j]))
      body.append('path').attr('class', 'plot-line').attr('data-mark', i).style('stroke', color).attr('d', line(idx) ?? '')
    } else {
      const r = m.xs.length > 2000 ? 1.5 : 3.5
      body.append('g').attr('class', 'plot-dots').attr('data-mark', i).style('fill', color)
        .selectAll('circle').data(idx.filter(ok)).join('circle')
        .attr('cx', (j) => x(m.xs[j])).attr('cy', (j) => y(m.ys[j])).attr('r', r)
    }
  })

  // A legend when more than one mark is named.
  const named = spec.marks.map((m, i) => ({ m, i })).filter(({ m }) => m.label)
  if (named.length > 1) {
    const legend = root.append('div').attr('class', 'plot-legend')
    for (const { m, i } of named) {
      const item = legend.append('span').attr('class', 'plot-legend-item')
      item.append('span').attr('class', `plot-swatch plot-swatch-${m.type}`).style('background', markColor(m, i))
      item.append('span').text(m.label!)
    }
  }
}

/** The element's content width, kept up to date. */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = DEFAULT_WIDTH): number {
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => {
      const w = Math.floor(el.clientWidth)
      if (w > 0) setWidth((old) => (Math.abs(old - w) >= 1 ? w : old))
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return width
}

export function Plot({ spec }: { spec: XYSpec }) {
  const ref = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLDivElement>(null)
  const width = useWidth(ref)
  useEffect(() => {
    if (canvas.current) drawXY(canvas.current, spec, Math.min(width, 960))
  }, [spec, width])
  return (
    <figure className="plot" ref={ref} data-plot-id={spec.id}>
      <div ref={canvas} />
    </figure>
  )
}
