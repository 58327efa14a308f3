// The data handling of the plotting API, pure: what a snippet passes (number[], a typed array,
// Value[], a one-row or one-column Matrix or Tensor) turned into the plain numbers that cross the
// sandbox boundary, and images reshaped to rows x cols.
import { Matrix, TensorNode, ValueNode } from '../../engine/index.ts'
import { formatConsoleArgs } from '../console-format.ts'

/** What the plotting functions accept as a list of numbers. */
export type Series = ArrayLike<number | ValueNode> | Matrix | TensorNode

/** At most this many points of one mark are sent; longer series are thinned evenly. */
export const MAX_MARK_POINTS = 20_000

const describe = (x: unknown) => formatConsoleArgs([x]).slice(0, 80)

/** The length of a series, checking only its shape (cheap: no element is read). */
export function seriesLength(x: unknown, what: string): number {
  const m = x instanceof TensorNode ? x.data : x
  if (m instanceof Matrix) {
    if (m.rows !== 1 && m.cols !== 1) {
      throw new Error(`${what}: expected one row or one column, got a (${m.rows}, ${m.cols}) ${x instanceof TensorNode ? 'Tensor' : 'Matrix'}`)
    }
    return m.data.length
  }
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return (x as ArrayLike<unknown>).length
  throw new Error(`${what}: expected numbers (number[], Float64Array, Value[], or a one-row Matrix), got ${describe(x)}`)
}

/** The numbers of a series: Values give their `.data`. */
export function toNumbers(x: unknown, what: string): number[] {
  const n = seriesLength(x, what)
  const m = x instanceof TensorNode ? x.data : x
  if (m instanceof Matrix) return Array.from(m.data)
  const a = x as ArrayLike<unknown>
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const v = a[i]
    if (typeof v === 'number') out[i] = v
    else if (v instanceof ValueNode) out[i] = v.data
    else if (typeof v === 'bigint') out[i] = Number(v)
    else throw new Error(`${what}: element ${i} is ${describe(v)}, not a number or a Value`)
  }
  return out
}

/** 1, 2, ..., n: the x of `plot(ys)`, as Julia's plot does. */
export const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1)

/**
 * At most `max` points, evenly spaced, keeping the first and the last: a loss curve of a million
 * points still crosses the boundary as a few thousand.
 */
export function thin(xs: number[], ys: number[], max = MAX_MARK_POINTS): { xs: number[]; ys: number[] } {
  const n = xs.length
  if (n <= max) return { xs, ys }
  const ox: number[] = [], oy: number[] = []
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1))
    ox.push(xs[i])
    oy.push(ys[i])
  }
  return { xs: ox, ys: oy }
}

/** The largest image that imshow sends (the protocol's limit is 512 x 512). */
export const MAX_IMAGE_SIDE = 512

/**
 * An image's rows, cols and row-major pixels. A Matrix or Tensor keeps its shape, except that one
 * row or one column of a square number of pixels (an MNIST row of 784) becomes a square (28 x 28);
 * number[] is a square too unless rows or cols are given; number[][] gives rows.
 */
export function toImage(x: unknown, opts: { rows?: number; cols?: number } = {}): { rows: number; cols: number; pixels: number[] } {
  let pixels: number[]
  let rows: number | undefined
  let cols: number | undefined
  const m = x instanceof TensorNode ? x.data : x
  if (m instanceof Matrix) {
    pixels = Array.from(m.data)
    if (m.rows !== 1 && m.cols !== 1) {
      rows = m.rows
      cols = m.cols
    }
  } else if (Array.isArray(x) && x.length > 0 && Array.isArray(x[0])) {
    const grid = x as unknown[][]
    rows = grid.length
    cols = grid[0].length
    pixels = []
    grid.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== cols) throw new Error(`imshow: ragged rows: row 0 has ${cols} numbers but row ${i} has ${Array.isArray(row) ? row.length : describe(row)}`)
      pixels.push(...toNumbers(row, 'imshow'))
    })
  } else {
    pixels = toNumbers(x, 'imshow')
  }
  const n = pixels.length
  if (opts.rows !== undefined || opts.cols !== undefined) {
    const r = opts.rows ?? n / opts.cols!
    const c = opts.cols ?? n / opts.rows!
    if (!Number.isInteger(r) || !Number.isInteger(c) || r < 1 || c < 1 || r * c !== n) {
      throw new Error(`imshow: ${n} pixels do not make ${opts.rows ?? '?'} rows of ${opts.cols ?? '?'}`)
    }
    rows = r
    cols = c
  }
  if (rows === undefined || cols === undefined) {
    const side = Math.round(Math.sqrt(n))
    if (side * side !== n) {
      throw new Error(`imshow: ${n} pixels are not a square; pass { rows, cols } or a Matrix of the image's shape`)
    }
    rows = cols = side
  }
  if (n === 0) throw new Error('imshow: the image has no pixels')
  if (rows > MAX_IMAGE_SIDE || cols > MAX_IMAGE_SIDE) {
    throw new Error(`imshow: a ${rows} x ${cols} image is larger than ${MAX_IMAGE_SIDE} x ${MAX_IMAGE_SIDE}`)
  }
  return { rows, cols, pixels }
}
