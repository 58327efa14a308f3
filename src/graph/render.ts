// Drawing: a thin D3 join from a layout to SVG elements, and a cheap update of what a step
// changes (grads, highlights). Geometry comes from layout.ts; nothing here computes positions.
import { select, type Selection } from 'd3'
import type { NodeValue, TensorValues } from '../protocol/messages.ts'
import type { LeafCheck } from './check.ts'
import { hookText, short } from './format.ts'
import { heatPng, LEGEND_STOPS, legendText } from './heatmap.ts'
import { CARD_H, GROUP_H, HEAT_TOP, MAP_MIN, rangeText, type CardBox, type EdgePath, type GraphLayout, type GroupBox } from './layout.ts'
import { SVG_STYLE } from './svg-style.ts'
import type { GraphView } from './view.ts'

/** What the stepper shows: the node whose backward ran and the inputs it sent gradient to. */
export interface StepHighlight {
  node: number | null
  inputs: number[]
}

export interface GraphState {
  grads: NodeValue[]
  /** predict mode: nodes whose grads are asked for, shown as "?" */
  hidden?: ReadonlySet<number>
  step: StepHighlight | null
  check: Map<number, LeafCheck> | null
}

type G = Selection<SVGGElement, unknown, null, undefined>
const PAD = 12

/** Each drawn node's <g>, by snapshot id, for updates that touch a few nodes. */
const nodeIndex = new WeakMap<SVGSVGElement, Map<number, SVGGElement>>()

/** A part of the layout, in its coordinates. */
export interface Area {
  x0: number
  y0: number
  x1: number
  y1: number
}

const meets = (a: Area, x0: number, y0: number, x1: number, y1: number) => x0 <= a.x1 && x1 >= a.x0 && y0 <= a.y1 && y1 >= a.y0

/**
 * Builds the graph's SVG content (the layers, the cards, the op nodes, the edges): all of it, or
 * only what meets `area` (a big graph draws the part near the view, and again when the view moves
 * on). The viewport element is kept when it exists, so zoom and pan carry on.
 */
export function drawGraph(svg: SVGSVGElement, layout: GraphLayout, view: GraphView, area?: Area): void {
  const root = select(svg)
  const kept = root.select<SVGGElement>('g.sg-viewport')
  if (!kept.empty()) {
    kept.selectAll('*').remove()
    drawContent(svg, kept, layout, view, area)
    return
  }
  root.attr('class', 'sg-root').attr('data-testid', 'graph').attr('role', 'img')
    .attr('aria-label', `Computation graph with ${view.shown.length} nodes`)
  root.selectAll('*').remove()
  root.append('style').text(SVG_STYLE)
  const defs = root.append('defs')
  const grad = defs.append('linearGradient').attr('id', 'sg-legend')
  grad.selectAll('stop').data(LEGEND_STOPS).join('stop').attr('offset', (d) => d.offset).attr('stop-color', (d) => d.color)
  defs.append('marker').attr('id', 'sg-arrow').attr('viewBox', '0 0 8 8').attr('refX', 7).attr('refY', 4)
    .attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', 8).attr('markerHeight', 8).attr('orient', 'auto')
    .append('path').attr('d', 'M0,0L8,4L0,8z').attr('fill', 'context-stroke')
  drawContent(svg, root.append('g').attr('class', 'sg-viewport'), layout, view, area)
}

function drawContent(svg: SVGSVGElement, viewport: G, layout: GraphLayout, view: GraphView, area?: Area): void {
  const s = view.snapshot
  const tb = layout.dir === 'TB'
  const edgeList = area ? layout.edges.filter((e) => meets(area, Math.min(e.ends[0], e.ends[2]), Math.min(e.ends[1], e.ends[3]), Math.max(e.ends[0], e.ends[2]), Math.max(e.ends[1], e.ends[3]))) : layout.edges
  const cardList = area ? layout.cards.filter((c) => meets(area, c.op ? Math.min(c.x, c.op.cx - c.op.w / 2) : c.x, c.op ? Math.min(c.y, c.op.cy - c.op.h / 2) : c.y, c.x + c.w, c.y + c.h)) : layout.cards
  const groupList = area ? layout.groups.filter((g) => meets(area, g.x, g.y, g.x + g.w, g.y + g.h)) : layout.groups

  viewport.append('g').attr('class', 'sg-edges').selectAll<SVGPathElement, EdgePath>('path')
    .data(edgeList, (e) => e.key)
    .join('path')
    .attr('class', (e) => `sg-edge${e.dashed ? ' dashed' : ''}`)
    .attr('d', (e) => e.d)
    .attr('marker-end', 'url(#sg-arrow)')
    .attr('data-from', (e) => String(e.from))
    .attr('data-to', (e) => String(e.to))
  const withOp = cardList.filter((c) => c.op)
  viewport.append('g').attr('class', 'sg-links').selectAll<SVGLineElement, CardBox>('line')
    .data(withOp, (c) => c.id)
    .join('line')
    .attr('class', 'sg-link').attr('data-node', (c) => c.id)
    .attr('x1', (c) => (tb ? c.op!.cx : c.op!.cx + c.op!.w / 2)).attr('y1', (c) => (tb ? c.op!.cy + c.op!.h / 2 : c.op!.cy))
    .attr('x2', (c) => (tb ? c.op!.cx : c.x)).attr('y2', (c) => (tb ? c.y : c.op!.cy))

  viewport.append('g').attr('class', 'sg-ops').selectAll<SVGGElement, CardBox>('g')
    .data(withOp, (c) => c.id)
    .join((enter) => {
      const g = enter.append('g')
      g.append('rect').attr('class', 'sg-op-bg')
      g.append('text')
      return g
    })
    .attr('class', 'sg-op').attr('data-testid', 'graph-op')
    .attr('data-op', (c) => c.op!.name).attr('data-symbol', (c) => c.op!.symbol).attr('data-node', (c) => c.id)
    .attr('transform', (c) => `translate(${c.op!.cx},${c.op!.cy})`)
    .call((g) => g.select('rect')
      .attr('x', (c) => -c.op!.w / 2).attr('y', (c) => -c.op!.h / 2)
      .attr('width', (c) => c.op!.w).attr('height', (c) => c.op!.h).attr('rx', (c) => c.op!.h / 2))
    .call((g) => g.select('text').text((c) => c.op!.symbol))

  const nodes = viewport.append('g').attr('class', 'sg-nodes')
  const index = new Map<number, SVGGElement>()
  nodeIndex.set(svg, index)
  nodes.selectAll<SVGGElement, CardBox>('g.sg-node')
    .data(cardList, (c) => c.id)
    .join('g')
    .attr('class', (c) => `sg-node ${c.kind}`)
    .attr('data-testid', 'graph-node')
    .attr('data-id', (c) => c.id)
    .attr('data-label', (c) => s.nodes[c.id].label)
    .attr('data-data', (c) => hookText(s.nodes[c.id].data))
    .attr('transform', (c) => `translate(${c.x},${c.y})`)
    .each(function (c) {
      index.set(c.id, this as SVGGElement)
      const g = select(this as SVGGElement)
      g.append('rect').attr('class', 'sg-card-bg').attr('width', c.w).attr('height', c.h).attr('rx', 10)
      const title = g.append('text').attr('class', `sg-title${c.titleMuted ? ' muted' : ''}`).attr('x', PAD).attr('y', 18).text(c.title)
      if (c.kind === 'tensor') {
        title.append('tspan').attr('class', 'sg-shape').text(` ${c.shape}`)
        drawTensorBody(g, c, s.nodes[c.id].data as TensorValues)
      } else valueRows(g, c.w, 0, short(s.nodes[c.id].data as number))
    })

  // closed groups: a box that opens on click; a sum's box also draws the sum's last node
  nodes.selectAll<SVGGElement, GroupBox>('g.sg-group')
    .data(groupList, (m) => m.key)
    .join('g')
    .attr('class', (m) => `sg-group ${m.kind}`).attr('data-testid', 'graph-group').attr('data-count', (m) => m.count)
    .attr('data-key', (m) => m.key).attr('role', 'button').attr('tabindex', 0)
    .attr('aria-label', (m) => `${m.title}: ${m.text}, ${m.count} nodes. Open`)
    .attr('transform', (m) => `translate(${m.x},${m.y})`)
    .each(function (m) {
      const g = select(this as SVGGElement)
      if (m.kind === 'terms') {
        // a stack: the same card three times, offset, for "many like this"
        for (const k of [8, 4]) g.append('rect').attr('class', 'sg-group-bg sg-stack').attr('x', k).attr('y', -k).attr('width', m.w).attr('height', m.h).attr('rx', 10)
      }
      g.append('rect').attr('class', 'sg-group-bg').attr('width', m.w).attr('height', m.h).attr('rx', 10)
      g.append('text').attr('class', 'sg-title').attr('x', PAD).attr('y', 18).text(m.title)
      g.append('text').attr('class', 'sg-group-text').attr('x', PAD).attr('y', 36).text(m.text)
      g.append('text').attr('class', 'sg-open').attr('x', m.w - PAD).attr('y', 36).attr('text-anchor', 'end').text('open ▸')
      if (m.rep !== null) {
        const rep = g.append('g').attr('class', 'sg-node value sg-rep').attr('data-testid', 'graph-node').attr('data-id', m.rep)
          .attr('data-label', s.nodes[m.rep].label).attr('data-data', hookText(s.nodes[m.rep].data)).attr('transform', `translate(0,${GROUP_H - CARD_H})`)
        index.set(m.rep, rep.node()!)
        valueRows(rep, m.w, 0, short(s.nodes[m.rep].data as number))
      } else {
        const group = view.groups.find((x) => x.key === m.key)!
        const rows = g.append('g').attr('class', 'sg-terms').attr('transform', `translate(0,${GROUP_H - CARD_H})`)
        valueRows(rows, m.w, 0, rangeText(group.outs.map((o) => s.nodes[o].data)))
      }
    })
}

/** The data and grad rows of a Value card (the grad is written by updateGraph). */
function valueRows(g: G, w: number, y: number, data: string): void {
  g.append('text').attr('class', 'sg-key').attr('x', PAD).attr('y', y + 41).text('data')
  g.append('text').attr('class', 'sg-num sg-data').attr('x', w - PAD).attr('y', y + 41).attr('text-anchor', 'end').text(data)
  g.append('text').attr('class', 'sg-key').attr('x', PAD).attr('y', y + CARD_H - 9).text('grad')
  g.append('rect').attr('class', 'sg-pill').attr('x', 44).attr('y', y + CARD_H - 22).attr('width', w - 44 - PAD + 4).attr('height', 17).attr('rx', 4)
  g.append('text').attr('class', 'sg-num sg-grad').attr('x', w - PAD).attr('y', y + CARD_H - 9).attr('text-anchor', 'end')
}

/** The two heatmaps (data, grad) of a Tensor card, each with its caption and legend. */
function drawTensorBody(g: G, c: CardBox, data: TensorValues): void {
  const heat = c.heat!
  const mapW = Math.max(heat.width, MAP_MIN)
  ;(['data', 'grad'] as const).forEach((which, k) => {
    const x0 = PAD + k * (mapW + 20)
    g.append('text').attr('class', 'sg-key').attr('x', x0).attr('y', HEAT_TOP - 6).text(which)
    const map = g.append('g').attr('class', `sg-heat sg-heat-${which}`).attr('data-which', which)
      .attr('transform', `translate(${x0 + (mapW - heat.width) / 2},${HEAT_TOP})`)
    // one pixel per grid cell, scaled up without smoothing (see png.ts)
    map.append('image').attr('class', 'sg-cells').attr('width', heat.width).attr('height', heat.height)
      .attr('preserveAspectRatio', 'none').attr('data-rows', heat.rows).attr('data-cols', heat.cols)
    map.append('rect').attr('class', 'sg-heat-frame').attr('width', heat.width).attr('height', heat.height)
    const legend = g.append('g').attr('class', `sg-legend sg-legend-${which}`).attr('transform', `translate(${x0},${HEAT_TOP + heat.height + 5})`)
    legend.append('rect').attr('width', mapW).attr('height', 5).attr('rx', 2).attr('fill', 'url(#sg-legend)')
    legend.append('text').attr('class', 'sg-legend-text sg-lo').attr('x', 0).attr('y', 15)
    legend.append('text').attr('class', 'sg-legend-text sg-hi').attr('x', mapW).attr('y', 15).attr('text-anchor', 'end')
    if (which === 'data') paintHeat(g, 'data', data)
  })
}

/** The legend's numbers are 11px monospace: about this wide per character. */
const LEGEND_CHAR = 6.7

/** Colours one heatmap of a Tensor card and writes its legend. */
function paintHeat(g: G, which: 'data' | 'grad', t: TensorValues): void {
  g.select(`.sg-heat-${which} image.sg-cells`).attr('href', heatPng(t))
  const [lo, hi] = legendText(t)
  const legend = g.select(`.sg-legend-${which}`)
  const width = Number(legend.select('rect').attr('width'))
  // both ends when they fit side by side; else one centred ±max (the scale is symmetric)
  const both = (lo.length + hi.length + 1) * LEGEND_CHAR <= width || lo === '0'
  legend.select('.sg-lo').text(both ? lo : `±${hi.slice(1)}`).attr('x', both ? 0 : width / 2).attr('text-anchor', both ? null : 'middle')
  legend.select('.sg-hi').text(both ? hi : '')
}

const idOf = (el: Element) => Number(el.getAttribute('data-id') ?? el.getAttribute('data-node'))

/** Writes grads (only for the nodes listed, or all), highlights and check marks. */
export function updateGraph(svg: SVGSVGElement, layout: GraphLayout, state: GraphState, only?: number[]): void {
  const root = select(svg)
  const index = nodeIndex.get(svg)
  const ids = only ?? [...(index?.keys() ?? [])]
  const hidden = state.hidden
  for (const id of ids) {
    const el = index?.get(id)
    if (!el) continue
    const g = select(el)
    const v = state.grads[id]
    g.attr('data-grad', hookText(v))
    if (typeof v === 'number') {
      const ask = hidden?.has(id) === true
      const sign = ask ? 'ask' : v > 0 ? 'pos' : v < 0 ? 'neg' : 'zero'
      g.select('.sg-grad').attr('class', `sg-num sg-grad ${sign}`).text(ask ? '?' : short(v))
      g.select('.sg-pill').attr('class', `sg-pill ${sign}`)
    } else {
      paintHeat(g, 'grad', v)
    }
  }
  // a group of terms shows the range of its terms' grads
  root.selectAll<SVGGElement, GroupBox>('g.sg-group.terms').each(function () {
    const key = this.getAttribute('data-key')
    const outs = layout.groupOuts?.get(key ?? '') ?? []
    select(this).select('.sg-grad').attr('class', 'sg-num sg-grad').text(rangeText(outs.map((o) => state.grads[o])))
  })
  // highlights: the step's node (and its op), the inputs receiving gradient, the edges carrying it
  const step = state.step
  const receiving = new Set(step?.node !== null && step ? step.inputs : [])
  const seedOnly = step !== null && step.node !== null && step.inputs.length === 1 && step.inputs[0] === step.node
  const current = step?.node ?? null
  const nodesSel = root.selectAll<SVGGElement, unknown>('g.sg-node')
  nodesSel.classed('current', function () { return idOf(this) === current })
    .classed('receiving', function () { return !seedOnly && receiving.has(idOf(this)) })
    .attr('aria-current', function () { return idOf(this) === current ? 'step' : null })
  // a node inside a closed group: the group is the step's place
  const inGroup = current !== null && !index?.has(current) ? layout.groupOfNode?.get(current) ?? null : null
  root.selectAll<SVGGElement, unknown>('g.sg-group')
    .classed('current', function () { return inGroup !== null && this.getAttribute('data-key') === inGroup })
    .attr('aria-current', function () { return inGroup !== null && this.getAttribute('data-key') === inGroup ? 'step' : null })
  root.selectAll<SVGGElement, unknown>('g.sg-op').classed('current', function () { return !seedOnly && idOf(this) === current })
  root.selectAll<SVGLineElement, unknown>('line.sg-link[data-node]').classed('flow', function () { return !seedOnly && idOf(this) === current })
  root.selectAll<SVGPathElement, EdgePath>('path.sg-edge')
    .classed('flow', (e) => !seedOnly && current === e.to && typeof e.from === 'number' && receiving.has(e.from))
  // gradient check marks: a class on the card and a badge above it (made when first needed)
  const check = state.check
  nodesSel.classed('check-ok', function () { return check?.get(idOf(this))?.ok === true })
    .classed('check-bad', function () { return check?.get(idOf(this))?.ok === false })
  root.selectAll('text.sg-badge').remove()
  if (check) {
    for (const [id, r] of check) {
      const el = index?.get(id), c = layout.cardOf[id]
      if (!el || !c) continue
      // in the title row, at the right: ✓, or ✗ with the finite-difference estimate
      select(el).append('text').attr('class', `sg-badge ${r.ok ? 'ok' : 'bad'}`).attr('x', c.w - PAD + 2).attr('y', 18).attr('text-anchor', 'end')
        .text(r.ok ? '✓' : `✗ ≈${short(r.estimate, 3)}`)
        .append('title').text(r.ok ? `matches its finite-difference estimate ${r.estimate}` : `finite-difference estimate ${r.estimate}, grad ${r.grad}`)
    }
  }
}
