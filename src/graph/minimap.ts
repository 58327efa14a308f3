// The overview of a graph bigger than its view: every box as a dot of colour, the part in view as
// a frame; a click or a drag there moves the view. Plain canvas, redrawn once per frame at most.
import type { GraphLayout } from './layout.ts'

const MAX_W = 132
const MAX_H = 96

export interface Minimap {
  /** the view moved: redraw the frame */
  update(): void
  destroy(): void
}

export function minimap(host: HTMLElement, layout: GraphLayout, visible: () => { x: number; y: number; w: number; h: number },
  centreOn: (x: number, y: number) => void): Minimap {
  const k = Math.min(MAX_W / Math.max(1, layout.width), MAX_H / Math.max(1, layout.height))
  const w = Math.max(24, Math.round(layout.width * k)), h = Math.max(24, Math.round(layout.height * k))
  const canvas = document.createElement('canvas')
  canvas.className = 'graph-minimap'
  canvas.setAttribute('role', 'img')
  canvas.setAttribute('aria-label', 'Overview of the whole graph; click to move there')
  const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1
  canvas.width = Math.round(w * dpr)
  canvas.height = Math.round(h * dpr)
  canvas.style.width = `${w}px`
  canvas.style.height = `${h}px`
  host.append(canvas)
  const ctx = canvas.getContext('2d')
  let queued = false
  const draw = () => {
    queued = false
    if (!ctx) return
    const css = getComputedStyle(host)
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, w, h)
    ctx.fillStyle = css.getPropertyValue('--muted').trim() || '#5d6477'
    ctx.globalAlpha = 0.55
    for (const c of layout.cards) ctx.fillRect(c.x * k, c.y * k, Math.max(1, c.w * k), Math.max(1, c.h * k))
    ctx.fillStyle = css.getPropertyValue('--accent').trim() || '#2f5fd0'
    for (const g of layout.groups) ctx.fillRect(g.x * k, g.y * k, Math.max(2, g.w * k), Math.max(2, g.h * k))
    ctx.globalAlpha = 1
    const v = visible()
    ctx.strokeStyle = '#e8910c'
    ctx.lineWidth = 1.5
    ctx.strokeRect(v.x * k, v.y * k, v.w * k, v.h * k)
  }
  draw()
  const move = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect()
    centreOn((e.clientX - r.left) / k, (e.clientY - r.top) / k)
  }
  const down = (e: PointerEvent) => {
    e.stopPropagation()
    canvas.setPointerCapture?.(e.pointerId)
    move(e)
    canvas.addEventListener('pointermove', move)
  }
  const up = () => canvas.removeEventListener('pointermove', move)
  canvas.addEventListener('pointerdown', down)
  canvas.addEventListener('pointerup', up)
  // the view's own zoom and pan must not see these events
  for (const type of ['wheel', 'mousedown', 'touchstart', 'dblclick']) canvas.addEventListener(type, (e) => e.stopPropagation())
  return {
    update: () => {
      if (queued) return
      queued = true
      requestAnimationFrame(draw)
    },
    destroy: () => canvas.remove(),
  }
}
