// The graph on the page: draws a layout once, then updates it for each step, check or theme.
// Used by the React panel through a ref; all of it is plain DOM and D3.
import type { NodeValue } from '../protocol/messages.ts'
import { svgText, pngBlob, download } from './export.ts'
import { interact, type HoverInfo, type InteractOptions, type Interaction } from './interact.ts'
import type { GraphLayout } from './layout.ts'
import { minimap, type Minimap } from './minimap.ts'
import { drawGraph, updateGraph, type Area, type GraphState } from './render.ts'
import { FAR_ZOOM } from './interact.ts'
import { changed } from './replay.ts'
import type { GraphView } from './view.ts'

/** Graphs with more cards than this draw only the part near the view as SVG (see nearView). */
export const VIRTUAL_CARDS = 300
const NOTHING: Area = { x0: 0, y0: 0, x1: -1, y1: -1 }

export class GraphCanvas {
  private layout: GraphLayout | null = null
  private view: GraphView | null = null
  /** a big graph: the part drawn as SVG, and the picture drawn when zoomed far out */
  private drawn: Area | null = null
  private far: HTMLCanvasElement | null = null
  private interaction: Interaction | null = null
  private map: Minimap | null = null
  private grads: NodeValue[] = []
  private state: GraphState | null = null
  private readonly svg: SVGSVGElement
  private readonly onHover: (h: HoverInfo | null) => void

  constructor(svg: SVGSVGElement, onHover: (h: HoverInfo | null) => void) {
    this.svg = svg
    this.onHover = onHover
  }

  /** Draws a new layout: the whole graph if it reads so, else framed on `opts.focus`. */
  show(view: GraphView, layout: GraphLayout, state: GraphState, opts: InteractOptions = {}): void {
    const t0 = performance.now()
    this.interaction?.destroy()
    this.map?.destroy()
    this.map = null
    this.layout = layout
    // measured before drawing, so that choosing the first view does not make the browser lay out
    // the whole new graph twice
    const surface = this.svg.parentElement instanceof HTMLElement ? this.svg.parentElement : undefined
    this.svg.replaceChildren() // the old graph goes first, so that measuring does not lay it out
    const r = surface?.getBoundingClientRect()
    const size = r && r.width > 0 && r.height > 0 ? { w: r.width, h: r.height } : undefined
    this.view = view
    const big = layout.cards.length > VIRTUAL_CARDS
    this.drawn = big ? NOTHING : null
    this.far?.remove()
    this.far = null
    drawGraph(this.svg, layout, view, big ? NOTHING : undefined)
    this.grads = []
    this.state = null
    const gradOf = (id: number) => this.grads[id] ?? view.snapshot.nodes[id].grad
    this.interaction = interact(this.svg, layout, view.snapshot, this.onHover, gradOf, surface, size, {
      ...opts, onView: () => this.viewMoved(),
    })
    if (big && surface) {
      this.far = document.createElement('canvas')
      this.far.className = 'graph-far'
      this.far.setAttribute('aria-hidden', 'true')
      surface.prepend(this.far)
      this.nearView()
    }
    this.update(state)
    const seen = this.interaction.visible()
    if (surface && (seen.w < layout.width - 1 || seen.h < layout.height - 1)) {
      const i = this.interaction
      this.map = minimap(surface, layout, () => i.visible(), (x, y) => i.centreOn(x, y))
    }
    performance.measure?.('graph:draw', { start: t0, end: performance.now() })
    // the first frame: from the start of drawing to the frame after it (style, layout and paint)
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => setTimeout(() => performance.measure?.('graph:frame', { start: t0, end: performance.now() }), 0))
    }
  }

  private viewMoved(): void {
    this.map?.update()
    if (this.drawn && this.interaction && this.nearView() && this.state && this.layout) {
      updateGraph(this.svg, this.layout, this.state)
    }
  }

  /**
   * A big graph: draws as SVG the cards near the view (one view's size around it), when the view
   * has left the part drawn; zoomed far out, a canvas picture of boxes and edges instead (no text
   * would read there anyway). Returns whether it drew anew.
   */
  private nearView(): boolean {
    const v = this.interaction!.visible(), layout = this.layout!, view = this.view!
    const farOut = v.k < FAR_ZOOM
    this.paintFar(farOut ? v : null)
    const d = this.drawn!
    if (farOut) {
      if (d === NOTHING) return false
      this.drawn = NOTHING
      drawGraph(this.svg, layout, view, NOTHING)
      return true
    }
    if (d !== NOTHING && v.x >= d.x0 && v.y >= d.y0 && v.x + v.w <= d.x1 && v.y + v.h <= d.y1) return false
    this.drawn = { x0: v.x - v.w, y0: v.y - v.h, x1: v.x + 2 * v.w, y1: v.y + 2 * v.h }
    drawGraph(this.svg, layout, view, this.drawn)
    return true
  }

  private paintFar(v: { x: number; y: number; w: number; h: number; k: number } | null): void {
    const c = this.far, layout = this.layout
    if (!c || !layout) return
    c.style.display = v ? 'block' : 'none'
    if (!v) return
    const r = c.getBoundingClientRect()
    const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1
    c.width = Math.max(1, Math.round(r.width * dpr))
    c.height = Math.max(1, Math.round(r.height * dpr))
    const ctx = c.getContext('2d')
    if (!ctx) return
    const css = getComputedStyle(c)
    ctx.setTransform(dpr * v.k, 0, 0, dpr * v.k, -v.x * v.k * dpr, -v.y * v.k * dpr)
    ctx.strokeStyle = css.getPropertyValue('--muted').trim() || '#5d6477'
    ctx.globalAlpha = 0.4
    ctx.lineWidth = 1.5 / v.k
    ctx.beginPath()
    for (const e of layout.edges) {
      ctx.moveTo(e.ends[0], e.ends[1])
      ctx.lineTo(e.ends[2], e.ends[3])
    }
    ctx.stroke()
    ctx.globalAlpha = 1
    ctx.fillStyle = css.getPropertyValue('--panel').trim() || '#fff'
    ctx.strokeStyle = css.getPropertyValue('--border').trim() || '#dfe3ec'
    for (const card of layout.cards) {
      ctx.fillRect(card.x, card.y, card.w, card.h)
      ctx.strokeRect(card.x, card.y, card.w, card.h)
    }
    ctx.fillStyle = css.getPropertyValue('--accent').trim() || '#2f5fd0'
    for (const g of layout.groups) ctx.fillRect(g.x, g.y, g.w, g.h)
  }

  /** Shows the grads, highlights and check marks of a state; only changed grads are rewritten. */
  update(state: GraphState, follow = false): void {
    if (!this.layout) return
    const only = this.grads.length ? changed(this.grads, state.grads) : undefined
    const same = state.check === this.state?.check && state.hidden === this.state?.hidden
    updateGraph(this.svg, this.layout, state, only && same ? only : undefined)
    this.grads = state.grads
    this.state = state
    const step = state.step
    if (follow && step && step.node !== null) this.interaction?.follow([step.node, ...step.inputs])
  }

  /** Lights up nodes (the explanation is hovered), or none. */
  highlight(ids: number[] | null): void {
    this.interaction?.highlight(ids)
  }

  fit(): void {
    this.interaction?.fit(true)
  }

  zoomBy(k: number): void {
    this.interaction?.zoomBy(k)
  }

  exportSvg(name: string): void {
    if (!this.layout) return
    download(new Blob([svgText(this.svg, this.layout)], { type: 'image/svg+xml' }), `${name}.svg`)
  }

  async exportPng(name: string): Promise<void> {
    if (!this.layout) return
    download(await pngBlob(svgText(this.svg, this.layout), this.layout.width, this.layout.height), `${name}.png`)
  }

  destroy(): void {
    this.interaction?.destroy()
    this.interaction = null
    this.map?.destroy()
    this.map = null
    this.far?.remove()
    this.far = null
  }
}
