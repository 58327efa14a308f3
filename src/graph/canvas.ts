// The graph on the page: draws a layout once, then updates it for each step, check or theme.
// Used by the React panel through a ref; all of it is plain DOM and D3.
import type { NodeValue } from '../protocol/messages.ts'
import { svgText, pngBlob, download } from './export.ts'
import { interact, type HoverInfo, type InteractOptions, type Interaction } from './interact.ts'
import type { GraphLayout } from './layout.ts'
import { minimap, type Minimap } from './minimap.ts'
import { drawGraph, updateGraph, type GraphState } from './render.ts'
import { changed } from './replay.ts'
import type { GraphView } from './view.ts'

export class GraphCanvas {
  private layout: GraphLayout | null = null
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
    drawGraph(this.svg, layout, view)
    this.grads = []
    this.state = null
    const gradOf = (id: number) => this.grads[id] ?? view.snapshot.nodes[id].grad
    this.interaction = interact(this.svg, layout, view.snapshot, this.onHover, gradOf, surface, size, {
      ...opts, onView: () => this.map?.update(),
    })
    this.update(state)
    const seen = this.interaction.visible()
    if (surface && (seen.w < layout.width - 1 || seen.h < layout.height - 1)) {
      const i = this.interaction
      this.map = minimap(surface, layout, () => i.visible(), (x, y) => i.centreOn(x, y))
    }
    performance.measure?.('graph:draw', { start: t0, end: performance.now() })
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
  }
}
