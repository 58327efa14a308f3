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
const FOLLOW_MARGIN = 20
/**
 * The smallest zoom at which the cards' text (11–13 px) still reads at 11 px or more: a first view
 * that would be smaller shows the part that matters at this zoom instead of the whole graph.
 */
export const READABLE = 1
const MAX_ZOOM = 4

export interface Interaction {
  fit(animate?: boolean): void
  zoomBy(k: number): void
  /** pan so that the first node (and the others, if they fit) is in view, if it is not */
  follow(ids: number[], animate?: boolean): void
  /** light up these nodes (from the explanation's hover), or none */
  highlight(ids: number[] | null): void
  /** the part of the graph in view, in layout coordinates, and the zoom */
  visible(): { x: number; y: number; w: number; h: number; k: number }
  /** centre the view on a point of the layout */
  centreOn(x: number, y: number): void
  destroy(): void
}

export interface InteractOptions {
  /** a node is hovered (or none): the explanation lights up its sentences */
  onNode?: (id: number | null) => void
  /** a closed group was clicked */
  onGroup?: (key: string) => void
  /** the view moved (for the minimap) */
  onView?: () => void
  /** the node the first view is framed on, when the whole graph cannot be shown readably */
  focus?: number | null
}

/** Neighbours of each drawn node: its inputs and its users. */
function neighbours(layout: GraphLayout, s: GraphSnapshot): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>()
  for (const c of layout.cards) out.set(c.id, new Set([c.id]))
  for (const g of layout.groups) if (g.rep !== null) out.set(g.rep, new Set([g.rep]))
  for (const id of [...out.keys()]) for (const i of s.nodes[id].inputs) {
    out.get(id)!.add(i)
    out.get(i)?.add(id)
  }
  return out
}

/**
 * Adds zoom, pan and hover to a drawn graph. `gradOf` gives a node's grad at the step shown, for
 * the tooltips.
 */
export function interact(svg: SVGSVGElement, layout: GraphLayout, s: GraphSnapshot, onHover: (h: HoverInfo | null) => void,
  gradOf: (id: number) => NodeValue, surface?: HTMLElement, knownSize?: { w: number; h: number }, opts: InteractOptions = {}): Interaction {
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
    opts.onView?.()
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
      zoomed.interrupt().transition().duration(220).call(behaviour.transform, t)
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
    if (g?.classList.contains('sg-rep')) return Number(g.getAttribute('data-id'))
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
    opts.onNode?.(id)
  })
  root.on('pointerleave.hover', () => {
    if (hovered !== null) onLeave()
    hovered = null
    opts.onNode?.(null)
  })
  // a closed group opens on click, or with Enter or Space when it has the focus
  const groupKey = (e: Event) => (e.target as Element).closest?.('g.sg-group')?.getAttribute('data-key') ?? null
  root.on('click.group', (e: MouseEvent) => {
    const key = groupKey(e)
    if (key !== null) opts.onGroup?.(key)
  })
  root.on('keydown.group', (e: KeyboardEvent) => {
    const key = groupKey(e)
    if (key !== null && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault()
      e.stopPropagation()
      opts.onGroup?.(key)
    }
  })
  root.on('pointermove.hover', (e: PointerEvent) => {
    const target = e.target as Element
    const heat = target.closest('g.sg-heat') as SVGGElement | null
    const id = idOf(target)
    if (id === null) return onHover(null)
    if (heat) {
      const which = heat.getAttribute('data-which') as 'data' | 'grad'
      const card = layout.cardOf[id]
      if (!card || !('heat' in card) || !card.heat) return
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

  // Where a box is, with its op node
  const boxOf = (id: number): [number, number, number, number] | null => {
    const c = layout.cardOf[id]
    if (!c) {
      const key = layout.groupOfNode.get(id)
      const g = key === undefined ? undefined : layout.groups.find((x) => x.key === key)
      return g ? [g.x, g.y, g.x + g.w, g.y + g.h] : null
    }
    const op = 'op' in c ? c.op : undefined
    return [Math.min(c.x, op ? op.cx - op.w / 2 : c.x), Math.min(c.y, op ? op.cy - op.h / 2 : c.y), c.x + c.w, c.y + c.h]
  }
  /** A view at zoom k centred on (x, y), kept from showing empty space beyond the graph. */
  const framed = (k: number, x: number, y: number) => {
    const { w, h } = size()
    const clamp = (t: number, extent: number, view: number) => (extent * k <= view ? (view - extent * k) / 2 : Math.min(0, Math.max(view - extent * k, t)))
    return zoomIdentity.translate(clamp(w / 2 - x * k, layout.width, w), clamp(h / 2 - y * k, layout.height, h)).scale(k)
  }
  const current = () => (zoomed.property('__zoom') as ZoomTransform | undefined) ?? zoomIdentity

  // The first view: the whole graph when it reads so; else the focus (the stepper's node, or the
  // output) at a readable zoom.
  const first = fitTransform()
  const focus = boxOf(opts.focus ?? s.root) ?? boxOf(s.root)
  if (first.k >= READABLE || !focus) setTransform(first, false)
  else setTransform(framed(READABLE, (focus[0] + focus[2]) / 2, (focus[1] + focus[3]) / 2), false)
  sizeHint = undefined

  return {
    fit: (animate = false) => setTransform(fitTransform(), animate),
    zoomBy: (k) => zoomed.transition().duration(200).call(behaviour.scaleBy, k),
    follow: (ids, animate = true) => {
      const own = boxOf(ids[0])
      if (!own) return
      // the node, and the inputs it sends gradient to when they fit in view too
      let [bx0, by0, bx1, by1] = own
      const t = current()
      const { w, h } = size()
      const m = FOLLOW_MARGIN
      for (const id of ids.slice(1)) {
        const b = boxOf(id)
        if (!b) continue
        const nx0 = Math.min(bx0, b[0]), ny0 = Math.min(by0, b[1]), nx1 = Math.max(bx1, b[2]), ny1 = Math.max(by1, b[3])
        if ((nx1 - nx0) * t.k <= w - 2 * m && (ny1 - ny0) * t.k <= h - 2 * m) [bx0, by0, bx1, by1] = [nx0, ny0, nx1, ny1]
      }
      const [x0, y0] = t.apply([own[0], own[1]])
      const [x1, y1] = t.apply([own[2], own[3]])
      const [ax0, ay0] = t.apply([bx0, by0])
      const [ax1, ay1] = t.apply([bx1, by1])
      const inView = (a: number, b: number, c: number, d: number) => a >= m && b >= m && c <= w - m && d <= h - m
      if (inView(ax0, ay0, ax1, ay1) || (inView(x0, y0, x1, y1) && ids.length === 1)) return
      setTransform(framed(t.k, (bx0 + bx1) / 2, (by0 + by1) / 2), animate)
    },
    highlight: (ids) => {
      if (ids === null || ids.length === 0) return onLeave()
      const set = new Set(ids)
      root.classed('hovering', true)
      root.selectAll<SVGGElement, unknown>('g.sg-node').classed('hl', function () { return set.has(Number(this.getAttribute('data-id'))) })
      root.selectAll<SVGGElement, unknown>('g.sg-op').classed('hl', function () { return set.has(Number(this.getAttribute('data-node'))) })
    },
    visible: () => {
      const t = current()
      const { w, h } = size()
      return { x: -t.x / t.k, y: -t.y / t.k, w: w / t.k, h: h / t.k, k: t.k }
    },
    centreOn: (x, y) => setTransform(framed(current().k, x, y), false),
    destroy: () => {
      clearTimeout(timer)
      zoomed.on('.zoom', null).interrupt()
      root.on('.hover', null).on('.group', null)
      svg.style.transform = ''
    },
  }
}
