// Zoom, pan, fit to view, following the stepper, and hovering (a node's inputs and users light
// up; heatmap cells and cards report their values for a tooltip).
import { pointer, select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3'
import type { GraphSnapshot, NodeValue, TensorValues } from '../protocol/messages.ts'
import { exact, nameOf } from './format.ts'
import { cellText } from './heatmap.ts'
import type { GraphLayout } from './layout.ts'
import { userCounts } from './replay.ts'

export interface HoverInfo {
  /** where the pointer is, in client coordinates */
  x: number
  y: number
  title: string
  lines: string[]
}

/** Below this zoom the cards' text is hidden, so big graphs stay smooth. */
export const FAR_ZOOM = 0.35
const MIN_ZOOM = 0.02
/** Graphs with more cards than this move as a picture during zoom and pan gestures. */
export const BIG_GRAPH = 150
const SETTLE_MS = 150
const FOLLOW_MARGIN = 24
/** A first view smaller than this shows the output up close instead of the whole graph. */
const READABLE = 0.45
/** ...unless the graph is so big that the browser should not lay out all its text at once. */
const FOCUS_MAX = 1200
const MAX_ZOOM = 4

export interface Interaction {
  fit(animate?: boolean): void
  zoomBy(k: number): void
  /** pan (and zoom out if need be) so that these nodes are in view, if they are not */
  follow(ids: number[]): void
  destroy(): void
}

/** Neighbours of each drawn node: its inputs and its users. */
function neighbours(layout: GraphLayout, s: GraphSnapshot): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>()
  for (const c of layout.cards) out.set(c.id, new Set([c.id]))
  for (const c of layout.cards) for (const i of s.nodes[c.id].inputs) {
    out.get(c.id)!.add(i)
    out.get(i)?.add(c.id)
  }
  return out
}

/**
 * Adds zoom, pan and hover to a drawn graph. `gradOf` gives a node's grad at the step shown, for
 * the tooltips.
 */
export function interact(svg: SVGSVGElement, layout: GraphLayout, s: GraphSnapshot, onHover: (h: HoverInfo | null) => void,
  gradOf: (id: number) => NodeValue, surface?: HTMLElement, knownSize?: { w: number; h: number }): Interaction {
  const root = select(svg)
  const viewport = root.select<SVGGElement>('g.sg-viewport')
  let far = false
  let sizeHint = knownSize
  const size = () => {
    if (sizeHint) return sizeHint
    const r = svg.getBoundingClientRect()
    return { w: r.width || svg.clientWidth || 800, h: r.height || svg.clientHeight || 500 }
  }
  // A big graph is moved as one picture while a gesture lasts (the browser only composites it),
  // and redrawn at its new place and scale when the gesture pauses.
  const big = surface !== undefined && layout.cards.length > BIG_GRAPH
  if (big) {
    svg.style.transformOrigin = '0 0'
    svg.style.willChange = 'transform'
  }
  let committed = zoomIdentity
  let timer: ReturnType<typeof setTimeout> | undefined
  let instant = false
  const commit = (t: ZoomTransform) => {
    committed = t
    viewport.attr('transform', t.toString())
    if (big) svg.style.transform = ''
    const isFar = t.k < FAR_ZOOM
    if (isFar !== far) {
      far = isFar
      root.classed('far', far)
    }
  }
  const behaviour: ZoomBehavior<Element, unknown> = zoom<Element, unknown>()
    .scaleExtent([MIN_ZOOM, MAX_ZOOM])
    .extent(() => {
      const { w, h } = size()
      return [[0, 0], [w, h]]
    })
    .on('zoom', (e: { transform: ZoomTransform }) => {
      const t = e.transform
      if (!big || instant) return commit(t)
      const dk = t.k / committed.k
      svg.style.transform = `translate(${t.x - committed.x * dk}px, ${t.y - committed.y * dk}px) scale(${dk})`
      clearTimeout(timer)
      timer = setTimeout(() => commit(t), SETTLE_MS)
    })
  const zoomed = select<Element, unknown>(surface ?? svg)
  zoomed.call(behaviour).on('dblclick.zoom', null)

  const fitTransform = () => {
    const { w, h } = size()
    const k = Math.min(MAX_ZOOM, 1.25, Math.max(MIN_ZOOM, Math.min(w / Math.max(1, layout.width), h / Math.max(1, layout.height))))
    return zoomIdentity.translate((w - layout.width * k) / 2, (h - layout.height * k) / 2).scale(k)
  }
  const setTransform = (t: ZoomTransform, animate: boolean) => {
    if (animate && typeof window !== 'undefined' && !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) {
      zoomed.transition().duration(350).call(behaviour.transform, t)
    } else {
      instant = true
      zoomed.call(behaviour.transform, t)
      instant = false
    }
  }

  // hover
  const near = neighbours(layout, s)
  const users = userCounts(s)
  const onEnter = (id: number) => {
    const set = near.get(id)
    if (!set || far) return
    root.classed('hovering', true)
    root.selectAll<SVGGElement, { id: number }>('g.sg-node').classed('hl', (c) => set.has(c.id)).classed('hl-self', (c) => c.id === id)
    root.selectAll<SVGGElement, { id: number }>('g.sg-op').classed('hl', (c) => c.id === id || (set.has(c.id) && s.nodes[c.id].inputs.includes(id)))
    root.selectAll<SVGLineElement, { id: number }>('line.sg-link[data-node]').classed('hl', (c) => c.id === id || (set.has(c.id) && s.nodes[c.id].inputs.includes(id)))
    root.selectAll<SVGPathElement, { from: number | string; to: number | string }>('path.sg-edge').classed('hl', (e) => e.from === id || e.to === id)
  }
  const onLeave = () => {
    root.classed('hovering', false)
    root.selectAll('.hl').classed('hl', false)
    root.selectAll('.hl-self').classed('hl-self', false)
    onHover(null)
  }
  // one set of listeners on the whole graph, whatever its size
  const idOf = (el: Element | null): number | null => {
    const g = el?.closest('g.sg-node, g.sg-op')
    const id = g?.getAttribute(g.classList.contains('sg-op') ? 'data-node' : 'data-id')
    return id === null || id === undefined ? null : Number(id)
  }
  let hovered: number | null = null
  root.on('pointerover.hover', (e: PointerEvent) => {
    const id = idOf(e.target as Element)
    if (id === hovered) return
    if (hovered !== null) onLeave()
    hovered = id
    if (id !== null) onEnter(id)
  })
  root.on('pointerleave.hover', () => {
    if (hovered !== null) onLeave()
    hovered = null
  })
  root.on('pointermove.hover', (e: PointerEvent) => {
    const target = e.target as Element
    const heat = target.closest('g.sg-heat') as SVGGElement | null
    const id = idOf(target)
    if (id === null) return onHover(null)
    if (heat) {
      const which = heat.getAttribute('data-which') as 'data' | 'grad'
      const card = layout.cardOf[id]
      if (!card?.heat) return
      const [px, py] = pointer(e, heat)
      const i = Math.floor(py / card.heat.cell), j = Math.floor(px / card.heat.cell)
      if (i < 0 || j < 0 || i >= card.heat.rows || j >= card.heat.cols) return
      const t = (which === 'data' ? s.nodes[id].data : gradOf(id)) as TensorValues
      return onHover({ x: e.clientX, y: e.clientY, title: `${nameOf(s.nodes[id])}.${which}`, lines: [cellText(t, i, j)] })
    }
    const n = s.nodes[id]
    onHover({
      x: e.clientX, y: e.clientY, title: nameOf(n),
      lines: [
        ...(n.kind === 'value' ? [`data = ${exact(n.data)}`, `grad = ${exact(gradOf(id))}`] : [`data: ${exact(n.data)}`, `grad: ${exact(gradOf(id))}`]),
        n.op ? `made by ${n.op} (${n.symbol}) of ${n.inputs.map((i) => nameOf(s.nodes[i])).join(', ')}` : 'a leaf',
        ...(users[id] > 1 ? [`used by ${users[id]} nodes: its grad adds up their contributions`] : []),
      ],
    })
  })

  // The first view: the whole graph when it is readable so; else the output and what is near it.
  const first = fitTransform()
  const root0 = layout.cardOf[s.root]
  if (first.k >= READABLE || layout.cards.length > FOCUS_MAX || !root0) setTransform(first, false)
  else {
    const { w, h } = size()
    const k = 0.8
    setTransform(zoomIdentity.translate(w - 24 - (root0.x + root0.w) * k, h / 2 - (root0.y + root0.h / 2) * k).scale(k), false)
  }
  sizeHint = undefined

  return {
    fit: (animate = false) => setTransform(fitTransform(), animate),
    zoomBy: (k) => zoomed.transition().duration(200).call(behaviour.scaleBy, k),
    follow: (ids) => {
      // the box around the step's node (with its op) and the inputs it sends gradient to
      let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity
      for (const id of ids) {
        const c = layout.cardOf[id]
        if (!c) continue
        bx0 = Math.min(bx0, c.op ? c.op.cx - c.op.w / 2 : c.x)
        by0 = Math.min(by0, c.y)
        bx1 = Math.max(bx1, c.x + c.w)
        by1 = Math.max(by1, c.y + c.h)
      }
      if (bx0 === Infinity) return
      const t = (zoomed.property('__zoom') as ZoomTransform | undefined) ?? zoomIdentity
      const { w, h } = size()
      const m = FOLLOW_MARGIN
      const [x0, y0] = t.apply([bx0, by0])
      const [x1, y1] = t.apply([bx1, by1])
      if (x0 >= m && y0 >= m && x1 <= w - m && y1 <= h - m) return
      // keep the zoom if the box fits, else zoom out as far as needed (but stay readable)
      const fits = Math.min((w - 2 * m) / Math.max(1, bx1 - bx0), (h - 2 * m) / Math.max(1, by1 - by0))
      const k = Math.max(Math.min(Math.max(t.k, 0.6), fits), Math.min(0.45, t.k))
      setTransform(zoomIdentity.translate(w / 2 - ((bx0 + bx1) / 2) * k, h / 2 - ((by0 + by1) / 2) * k).scale(k), true)
    },
    destroy: () => {
      clearTimeout(timer)
      zoomed.on('.zoom', null).interrupt()
      root.on('.hover', null)
      svg.style.transform = ''
    },
  }
}
