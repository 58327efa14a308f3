// Export the graph as a self-contained SVG (its stylesheet is inside it; the theme's colours are
// written in) or as a PNG drawn from that SVG.
import type { GraphLayout } from './layout.ts'
import { THEME_VARS } from './svg-style.ts'

const SVG_NS = 'http://www.w3.org/2000/svg'

/** The whole graph (not just what is in view) as SVG text, in the theme's current colours. */
export function svgText(svg: SVGSVGElement, layout: GraphLayout, theme: Partial<Record<string, string>> = readTheme(svg)): string {
  const copy = svg.cloneNode(true) as SVGSVGElement
  copy.setAttribute('xmlns', SVG_NS)
  copy.setAttribute('width', String(layout.width))
  copy.setAttribute('height', String(layout.height))
  copy.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`)
  copy.removeAttribute('style')
  copy.classList.remove('hovering', 'far')
  copy.querySelector('g.sg-viewport')?.removeAttribute('transform')
  copy.querySelectorAll('.hl, .hl-self').forEach((el) => el.classList.remove('hl', 'hl-self'))
  const vars = THEME_VARS.filter((v) => theme[v]).map((v) => `${v}: ${theme[v]}`).join('; ')
  if (vars) copy.setAttribute('style', vars)
  const bg = copy.ownerDocument.createElementNS(SVG_NS, 'rect')
  bg.setAttribute('width', '100%')
  bg.setAttribute('height', '100%')
  bg.setAttribute('fill', theme['--bg'] || '#ffffff')
  copy.insertBefore(bg, copy.querySelector('g.sg-viewport'))
  return new XMLSerializer().serializeToString(copy)
}

/** The theme variables as the page resolves them now. */
export function readTheme(el: Element): Partial<Record<string, string>> {
  const style = getComputedStyle(el)
  const out: Record<string, string> = {}
  for (const v of THEME_VARS) {
    const value = style.getPropertyValue(v).trim()
    if (value) out[v] = value
  }
  return out
}

/** Canvases refuse very large sizes: keep the PNG under this many pixels a side and in all. */
const MAX_SIDE = 16_000
const MAX_AREA = 64_000_000

/** The scale of a PNG export: 2× for crispness, less when the graph is huge. */
export function pngScale(width: number, height: number): number {
  return Math.min(2, MAX_SIDE / Math.max(1, width), MAX_SIDE / Math.max(1, height), Math.sqrt(MAX_AREA / Math.max(1, width * height)))
}

/** Draws SVG text onto a canvas and returns it as a PNG. */
export async function pngBlob(text: string, width: number, height: number): Promise<Blob> {
  const scale = pngScale(width, height)
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }))
  try {
    const img = new Image()
    img.decoding = 'async'
    img.src = url
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(width * scale))
    canvas.height = Math.max(1, Math.round(height * scale))
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('This browser cannot draw the PNG.')
    ctx.scale(scale, scale)
    ctx.drawImage(img, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'))
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** Saves a blob as a file through a temporary link. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
