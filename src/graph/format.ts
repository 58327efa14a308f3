// Numbers and names as the graph shows them: short text on the cards, exact text in the hooks.
import type { NodeValue, SnapNode, TensorValues } from '../protocol/messages.ts'

/** A number in at most `digits` significant digits, without trailing zeros: 0.9951, -1.843, 2.5e-7. */
export function short(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN'
  if (x === Infinity) return '∞'
  if (x === -Infinity) return '−∞'
  if (x === 0) return '0'
  const a = Math.abs(x)
  let s: string
  if (a >= 1e-3 && a < 1e6) {
    s = x.toPrecision(digits)
    if (s.includes('e')) s = String(Number(s))
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '')
  } else {
    const [m, e] = x.toExponential(digits - 1).split('e')
    s = `${m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m}e${e.replace('+', '')}`
  }
  return s.replace(/^-/, '−')
}

/** A Tensor's entries as rows, when the snapshot holds them all. */
export function tensorRows(t: TensorValues): number[][] | null {
  if (!t.full) return null
  const rows: number[][] = []
  for (let i = 0; i < t.rows; i++) rows.push(t.full.slice(i * t.cols, (i + 1) * t.cols))
  return rows
}

/**
 * The text of the `data-data` and `data-grad` hooks: String(x) for a Value; JSON.stringify of the
 * rows for a Tensor whose entries are all known, else a summary of its shape and statistics.
 */
export function hookText(v: NodeValue): string {
  if (typeof v === 'number') return String(v)
  const rows = tensorRows(v)
  if (rows) return JSON.stringify(rows)
  return `Tensor ${v.rows}×${v.cols}: min ${v.min}, max ${v.max}, mean ${v.mean}`
}

/** A shape as the cards show it: (2, 3). */
export const shapeText = (t: TensorValues): string => `(${t.rows}, ${t.cols})`

/**
 * The name the engine's explanations use for a node (the worker's nameOf): its label, else
 * `(data)` for an unlabelled Value leaf, else `n<id>`.
 */
export function nameOf(n: SnapNode): string {
  if (n.label) return n.label
  if (n.op === '' && typeof n.data === 'number') return `(${n.data})`
  return `n${n.id}`
}

/** Exact text for a tooltip. */
export function exact(v: NodeValue): string {
  if (typeof v === 'number') return String(v)
  return `${v.rows}×${v.cols}, min ${short(v.min, 6)}, max ${short(v.max, 6)}, mean ${short(v.mean, 6)}`
}

/** Two NodeValues equal, entry by entry (the grid when the full entries are not known). */
export function sameValue(a: NodeValue, b: NodeValue): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b) || a === b
  const xs = a.full ?? a.grid, ys = b.full ?? b.grid
  if (xs.length !== ys.length) return false
  for (let i = 0; i < xs.length; i++) if (xs[i] !== ys[i]) return false
  return true
}

/** Is this value all zeros? */
export function isZero(v: NodeValue): boolean {
  return typeof v === 'number' ? v === 0 : v.min === 0 && v.max === 0
}
