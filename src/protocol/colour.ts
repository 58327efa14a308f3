// Colours from a snippet (a plot mark's `color`) are parsed, never pasted into CSS: d3-color
// accepts exactly named colours, #hex, rgb() and hsl() with numbers, and what reaches a style is
// d3's own rgb() text, so `url(...)`, `var(...)` or `;` can never get there.
import { color } from 'd3'

export const MAX_COLOUR_LENGTH = 64

/** The colour as `rgb(r, g, b)` / `rgba(r, g, b, a)`, or null when `s` is not a colour. */
export function parseColour(s: unknown): string | null {
  if (typeof s !== 'string' || s.length > MAX_COLOUR_LENGTH) return null
  const c = color(s)
  return c ? c.formatRgb() : null
}

export const isColour = (s: unknown): s is string => parseColour(s) !== null
