// A drawing pad under a cell (the snippet called `pad(f)`): the reader draws with a mouse, pen or
// finger; at the end of each stroke the drawing goes to the snippet's function as 28 x 28 pixels,
// prepared as MNIST's digits were (the ink fitted into a 20 x 20 box, then centred by its centre
// of mass), and the function's answer is shown beside the pad: a line and optional bars.
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react'
import { paintGrey } from './ImagePlot.tsx'

export type Point = { x: number; y: number }
/** A stroke: points in [0, 1] x [0, 1] of the pad, top left at (0, 0). */
export type Stroke = Point[]

/** The pen's radius, as a fraction of the pad's side. */
export const PEN = 0.045
/** The grid the strokes are drawn on before they are fitted (4 x 28). */
const GRID = 112

/** Ink coverage of each cell of a GRID x GRID grid: 1 within the pen of a stroke, soft at the edge. */
export function coverage(strokes: Stroke[], grid = GRID, pen = PEN): Float32Array {
  const cov = new Float32Array(grid * grid)
  const r = pen * grid
  for (const stroke of strokes) {
    for (let s = 0; s < stroke.length; s++) {
      const a = stroke[s], b = stroke[Math.min(s + 1, stroke.length - 1)]
      const ax = a.x * grid, ay = a.y * grid, bx = b.x * grid, by = b.y * grid
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1)), x1 = Math.min(grid - 1, Math.ceil(Math.max(ax, bx) + r + 1))
      const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r - 1)), y1 = Math.min(grid - 1, Math.ceil(Math.max(ay, by) + r + 1))
      const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy
      for (let i = y0; i <= y1; i++) {
        for (let j = x0; j <= x1; j++) {
          const px = j + 0.5, py = i + 0.5
          const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
          const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
          const c = Math.max(0, Math.min(1, r - d + 0.5))
          if (c > cov[i * grid + j]) cov[i * grid + j] = c
        }
      }
    }
  }
  return cov
}

/**
 * The strokes as size x size pixels in [0, 1] (0 paper, 1 ink), row-major, as MNIST prepared its
 * digits: the ink's bounding box scaled to fit a box of `box` pixels (aspect kept), anti-aliased,
 * then moved so that its centre of mass is the image's centre. No ink gives all zeros.
 */
export function strokesToPixels(strokes: Stroke[], size = 28, box = 20): number[] {
  const cov = coverage(strokes)
  let x0 = GRID, x1 = -1, y0 = GRID, y1 = -1
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      if (cov[i * GRID + j] > 0.01) {
        if (j < x0) x0 = j
        if (j > x1) x1 = j
        if (i < y0) y0 = i
        if (i > y1) y1 = i
      }
    }
  }
  if (x1 < 0) return new Array(size * size).fill(0)
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1
  const scale = box / Math.max(bw, bh)
  const SUB = 4
  // Output pixel (px, py) covers grid cells from ((px - ox) / scale + x0, (py - oy) / scale + y0).
  const render = (ox: number, oy: number): number[] => {
    const out = new Array<number>(size * size).fill(0)
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        let s = 0
        for (let sy = 0; sy < SUB; sy++) {
          const v = (py + (sy + 0.5) / SUB - oy) / scale + y0
          if (v < y0 || v >= y1 + 1) continue
          for (let sx = 0; sx < SUB; sx++) {
            const u = (px + (sx + 0.5) / SUB - ox) / scale + x0
            if (u < x0 || u >= x1 + 1) continue
            s += cov[Math.floor(v) * GRID + Math.floor(u)]
          }
        }
        out[py * size + px] = Math.min(1, s / (SUB * SUB))
      }
    }
    return out
  }
  const ox = (size - bw * scale) / 2, oy = (size - bh * scale) / 2
  const first = render(ox, oy)
  let m = 0, cx = 0, cy = 0
  first.forEach((v, k) => {
    m += v
    cx += v * ((k % size) + 0.5)
    cy += v * (Math.floor(k / size) + 0.5)
  })
  if (m === 0) return first
  const limit = (size - box) / 2
  const shift = (c: number) => Math.max(-limit, Math.min(limit, size / 2 - c / m))
  return render(ox + shift(cx), oy + shift(cy))
}

export interface PadResult {
  text: string
  bars?: number[]
}

export interface DrawingPadProps {
  handle: number
  rows: number
  cols: number
  title?: string
  result?: PadResult
  /** the drawing, rows x cols in [0, 1], after each stroke */
  onDraw(handle: number, pixels: number[]): void
}

const SIDE = 224

export function DrawingPad({ handle, rows, cols, title, result, onDraw }: DrawingPadProps) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const preview = useRef<HTMLCanvasElement>(null)
  const strokes = useRef<Stroke[]>([])
  const drawing = useRef<Stroke | null>(null)
  const [empty, setEmpty] = useState(true)

  const paint = useCallback(() => {
    const c = canvas.current
    const ctx = c ? safeContext(c) : null
    if (!c || !ctx) return
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, c.width, c.height)
    ctx.strokeStyle = '#11141c'
    ctx.fillStyle = '#11141c'
    ctx.lineCap = 'round'
    ctx.lineJoin = 'round'
    ctx.lineWidth = 2 * PEN * c.width
    for (const s of strokes.current) {
      if (s.length === 1) {
        ctx.beginPath()
        ctx.arc(s[0].x * c.width, s[0].y * c.height, PEN * c.width, 0, 2 * Math.PI)
        ctx.fill()
        continue
      }
      ctx.beginPath()
      s.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x * c.width, p.y * c.height) : ctx.lineTo(p.x * c.width, p.y * c.height)))
      ctx.stroke()
    }
  }, [])

  useEffect(() => paint(), [paint])

  const point = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect()
    return { x: (e.clientX - r.left) / (r.width || 1), y: (e.clientY - r.top) / (r.height || 1) }
  }
  const send = () => {
    const pixels = rows === 28 && cols === 28 ? strokesToPixels(strokes.current) : resample(strokesToPixels(strokes.current, Math.max(rows, cols), Math.round(Math.max(rows, cols) * 5 / 7)), Math.max(rows, cols), rows, cols)
    if (preview.current) paintGrey(preview.current, rows, cols, pixels)
    onDraw(handle, pixels)
  }

  return (
    <div className="pad" data-testid="pad" data-handle={handle}>
      {title && <div className="pad-title">{title}</div>}
      <div className="pad-row">
        <div className="pad-draw">
          <canvas
            ref={canvas}
            className="pad-canvas"
            data-testid="pad-canvas"
            width={SIDE}
            height={SIDE}
            aria-label={`Drawing pad${title ? `: ${title}` : ''}. Draw with the mouse, a pen or a finger.`}
            role="img"
            onPointerDown={(e) => {
              e.preventDefault()
              e.currentTarget.setPointerCapture?.(e.pointerId)
              drawing.current = [point(e)]
              strokes.current.push(drawing.current)
              setEmpty(false)
              paint()
            }}
            onPointerMove={(e) => {
              if (!drawing.current) return
              drawing.current.push(point(e))
              paint()
            }}
            onPointerUp={() => {
              if (!drawing.current) return
              drawing.current = null
              send()
            }}
            onPointerCancel={() => {
              drawing.current = null
            }}
          />
          <div className="pad-tools">
            <button
              type="button"
              className="btn"
              disabled={empty}
              onClick={() => {
                strokes.current = []
                setEmpty(true)
                paint()
                if (preview.current) paintGrey(preview.current, rows, cols, new Array(rows * cols).fill(0))
              }}
            >
              Clear
            </button>
            <span className="pad-seen" title="What the function receives">
              sees <canvas ref={preview} className="pad-preview" width={cols} height={rows} aria-hidden="true" />
            </span>
          </div>
        </div>
        <PadAnswer result={result} empty={empty} />
      </div>
    </div>
  )
}

function PadAnswer({ result, empty }: { result?: PadResult; empty: boolean }) {
  if (!result) return <div className="pad-result pad-hint">{empty ? 'Draw on the pad; the answer shows here.' : 'Thinking…'}</div>
  const bars = result.bars ?? []
  const max = bars.reduce((a, b) => Math.max(a, b), 0)
  const best = bars.indexOf(max)
  return (
    <div className="pad-result" data-testid="pad-result">
      <div className="pad-text">{result.text}</div>
      {bars.length > 0 && (
        <div className="pad-bars" role="img" aria-label={bars.map((b, i) => `${i}: ${(b * 100).toFixed(0)}%`).join(', ')}>
          {bars.map((b, i) => (
            <div key={i} className={`pad-bar${i === best ? ' best' : ''}`} data-testid="pad-bar" title={`${i}: ${b.toFixed(3)}`}>
              <div className="pad-bar-fill" style={{ height: `${max > 0 ? Math.max(0, (b / Math.max(max, 1)) * 100) : 0}%` }} />
              <span className="pad-bar-label">{i}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  )
}

/** A square image resampled to rows x cols (nearest pixel), for pads that are not 28 x 28. */
function resample(square: number[], side: number, rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = square[Math.floor((i * side) / rows) * side + Math.floor((j * side) / cols)]
  }
  return out
}

function safeContext(c: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return c.getContext('2d')
  } catch {
    return null
  }
}
