// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { rgb } from 'd3'
import { checkGradients } from './check.ts'
import { fixture } from './fixtures.ts'
import { heatColor, scaleMax } from './heatmap.ts'
import { svgText } from './export.ts'
import { layoutGraph } from './layout.ts'
import { drawGraph, updateGraph, type GraphState } from './render.ts'
import { gradsAt, stepInfo } from './replay.ts'
import { decodePng } from './png-test-support.ts'
import { fullView } from './view.ts'
import type { GraphSnapshot, TensorValues } from '../protocol/messages.ts'

function draw(s: GraphSnapshot, k = s.steps.length, check = false) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  document.body.append(svg)
  const view = fullView(s)
  const layout = layoutGraph(view)
  drawGraph(svg, layout, view)
  const info = stepInfo(s, k)
  const state: GraphState = {
    grads: gradsAt(s, k),
    step: info.node === null ? null : { node: info.node, inputs: info.inputs.map((x) => x.id) },
    check: check ? new Map(checkGradients(s).leaves.map((r) => [r.id, r])) : null,
  }
  updateGraph(svg, layout, state)
  return { svg, layout }
}

/** The SVG without its stylesheet, one element per line, for readable snapshots. */
const markup = (svg: SVGSVGElement) => svg.outerHTML.replace(/<style>[\s\S]*?<\/style>/, '<style/>').replace(/></g, '>\n<')

const attrs = (svg: SVGSVGElement, sel: string, name: string) => [...svg.querySelectorAll(sel)].map((e) => e.getAttribute(name))

describe('rendering', () => {
  it('draws z = x * y with the contract hooks (SVG snapshot)', () => {
    const { svg } = draw(fixture('xy'))
    expect(markup(svg)).toMatchSnapshot()
    expect(svg.getAttribute('data-testid')).toBe('graph')
    expect(attrs(svg, '[data-testid="graph-node"]', 'data-label')).toEqual(['x', 'y', 'z'])
    expect(attrs(svg, '[data-testid="graph-node"]', 'data-data')).toEqual(['6', '2', '12'])
    expect(attrs(svg, '[data-testid="graph-node"]', 'data-grad')).toEqual(['2', '6', '1'])
    expect(attrs(svg, '[data-testid="graph-op"]', 'data-op')).toEqual(['mul'])
  })

  it('follows the step shown: grads, the current node and the edges carrying gradient', () => {
    const s = fixture('xy')
    const { svg, layout } = draw(s, 1)
    expect(attrs(svg, '[data-testid="graph-node"]', 'data-grad')).toEqual(['0', '0', '1'])
    expect(svg.querySelector('.sg-node.current')?.getAttribute('data-label')).toBe('z')
    expect(svg.querySelectorAll('.sg-edge.flow')).toHaveLength(0)
    const info = stepInfo(s, 2)
    updateGraph(svg, layout, { grads: gradsAt(s, 2), step: { node: info.node, inputs: info.inputs.map((x) => x.id) }, check: null }, [0, 1])
    expect(attrs(svg, '[data-testid="graph-node"]', 'data-grad')).toEqual(['2', '6', '1'])
    expect(attrs(svg, '.sg-node.receiving', 'data-label')).toEqual(['x', 'y'])
    expect(svg.querySelectorAll('.sg-edge.flow')).toHaveLength(2)
    expect(svg.querySelector('.sg-op.current')?.getAttribute('data-op')).toBe('mul')
    expect(svg.querySelector('[data-label="x"] .sg-grad')?.getAttribute('class')).toContain('pos')
  })

  it('draws x * x with two edges', () => {
    const { svg } = draw(fixture('square'))
    expect(svg.querySelectorAll('path.sg-edge[data-from="0"][data-to="1"]')).toHaveLength(2)
    expect(attrs(svg, '[data-testid="graph-node"]', 'data-label')).toEqual(['x', 'sq'])
  })

  it('draws the neuron with every node, op and check mark', () => {
    const s = fixture('neuron')
    const { svg } = draw(s, s.steps.length, true)
    expect(svg.querySelectorAll('[data-testid="graph-node"]')).toHaveLength(s.nodes.length)
    expect(attrs(svg, '[data-testid="graph-op"]', 'data-op').sort()).toEqual(['add', 'add', 'add', 'add', 'mul', 'mul', 'mul', 'mul', 'pow', 'tanh'])
    expect(svg.querySelector('[data-label="weight1"]')?.getAttribute('data-grad')).toBe('-1.8427042527651991') // the seed's println(weight1.grad)
    expect(svg.querySelectorAll('.sg-node.check-ok')).toHaveLength(9)
    expect(markup(svg)).toMatchSnapshot()
  })

  it('draws Tensors with their shape, heatmaps and JSON hooks', () => {
    const s = fixture('tensor')
    const { svg } = draw(s)
    const node = s.nodes.find((n) => n.label === 'weights1')!
    const W = svg.querySelector('[data-label="weights1"]')!
    const rows = (v: unknown) => { const t = v as { full: number[]; cols: number }; return Array.from({ length: t.full.length / t.cols }, (_, i) => t.full.slice(i * t.cols, (i + 1) * t.cols)) }
    expect(JSON.parse(W.getAttribute('data-data')!)).toEqual(rows(node.data))
    // the seed's printed weights1.grad, first entry
    expect(JSON.parse(W.getAttribute('data-grad')!)[0][0]).toBe(-0.3908952261176255)
    // one image per heatmap, a pixel per entry, in the scale's colours
    const cells = W.querySelector('.sg-heat-data image.sg-cells')!
    expect([cells.getAttribute('data-rows'), cells.getAttribute('data-cols')]).toEqual(['3', '4'])
    const png = decodePng(cells.getAttribute('href')!)
    expect([png.width, png.height]).toEqual([4, 3])
    const t = node.data as TensorValues
    t.grid.forEach((v, i) => {
      const { r, g, b } = rgb(heatColor(v, scaleMax(t)))
      expect(Array.from(png.rgb.subarray(3 * i, 3 * i + 3))).toEqual([r, g, b])
    })
    expect(W.querySelector('.sg-shape')?.textContent).toBe(' (3, 4)')
    expect(markup(svg)).toMatchSnapshot()
  })

  it('exports a self-contained SVG of the whole graph', () => {
    const { svg, layout } = draw(fixture('xy'))
    const text = svgText(svg, layout, { '--bg': '#ffffff', '--fg': '#111111' })
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"')
    expect(text).toContain(`viewBox="0 0 ${layout.width} ${layout.height}"`)
    expect(text).toContain('--fg: #111111')
    expect(text).toContain('.sg-edge')
  })
})
