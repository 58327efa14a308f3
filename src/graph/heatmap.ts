// Heatmaps of a Tensor's data or grad: a diverging scale centred on zero (red below, blue above),
// with a symmetric range so that white always means 0.
import { interpolateRdBu, rgb } from 'd3'
import type { TensorValues } from '../protocol/messages.ts'
import { short } from './format.ts'
import { pngDataUrl } from './png.ts'

/** The largest |entry|, the scale's half-range (1 when all entries are 0). */
export function scaleMax(t: TensorValues): number {
  const m = Math.max(Math.abs(t.min), Math.abs(t.max))
  return m > 0 && Number.isFinite(m) ? m : 1
}

/** The colour of one entry: red for negative, blue for positive, near white for 0. */
export function heatColor(v: number, max: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '#888888' : v > 0 ? '#053061' : '#67001f'
  const u = 0.5 + 0.5 * Math.max(-1, Math.min(1, v / max))
  return interpolateRdBu(u)
}

/** The colours of a Tensor's grid, row-major. */
export function heatColors(t: TensorValues): string[] {
  const max = scaleMax(t)
  return t.grid.map((v) => heatColor(v, max))
}

/** A Tensor's grid as an image, one pixel per cell, in heatColor's colours. */
export function heatPng(t: TensorValues): string {
  const max = scaleMax(t)
  const px = new Uint8Array(3 * t.grid.length)
  const seen = new Map<string, number[]>() // a grid repeats colours (zeros above all): parse each once
  t.grid.forEach((v, i) => {
    const css = heatColor(v, max)
    let c = seen.get(css)
    if (!c) {
      const { r, g, b } = rgb(css)
      c = [r, g, b]
      seen.set(css, c)
    }
    px.set(c, 3 * i)
  })
  return pngDataUrl(t.gridCols, t.gridRows, px)
}

/** Whether each grid cell is one entry (else the mean of a block). */
export const gridIsExact = (t: TensorValues): boolean => t.gridRows === t.rows && t.gridCols === t.cols

/** The tooltip text of grid cell (i, j), 0-based. */
export function cellText(t: TensorValues, i: number, j: number): string {
  const v = t.grid[i * t.gridCols + j]
  if (gridIsExact(t)) {
    const exact = t.full ? t.full[i * t.cols + j] : v
    return `[${i + 1}, ${j + 1}] = ${exact}`
  }
  const r0 = Math.floor((i * t.rows) / t.gridRows), r1 = Math.floor(((i + 1) * t.rows) / t.gridRows)
  const c0 = Math.floor((j * t.cols) / t.gridCols), c1 = Math.floor(((j + 1) * t.cols) / t.gridCols)
  return `rows ${r0 + 1}–${r1}, columns ${c0 + 1}–${c1}: mean ${short(v, 6)}`
}

/** The legend's two ends: −max and +max. */
export const legendText = (t: TensorValues): [string, string] => {
  const m = Math.max(Math.abs(t.min), Math.abs(t.max))
  return m === 0 ? ['0', '0'] : [short(-m, 3), `+${short(m, 3)}`]
}

/** Gradient stops for a legend bar (−max to +max). */
export const LEGEND_STOPS = [0, 0.25, 0.5, 0.75, 1].map((u) => ({ offset: `${u * 100}%`, color: interpolateRdBu(u) }))
