// An image from imshow: grey levels on a canvas, one canvas pixel per image pixel, scaled up with
// crisp edges. 0 is paper and 1 is ink, as MNIST's digits; values outside [0, 1] are scaled to
// the image's own range.
import { useEffect, useRef } from 'react'
import type { PlotSpec } from '../protocol/messages.ts'

export type ImageSpec = Extract<PlotSpec, { kind: 'image' }>

/** Paper and ink: an image looks the same in both themes, like a photograph. */
const PAPER = [255, 255, 255]
const INK = [17, 20, 28]

/** The range mapped to paper..ink: [0, 1], widened to the values when they leave it. */
export function greyRange(pixels: ArrayLike<number>): [number, number] {
  let lo = 0, hi = 1
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]
    if (v < lo) lo = v
    else if (v > hi) hi = v
  }
  return [lo, hi]
}

/** RGBA bytes of the image (non-finite values are shown as paper). */
export function toRGBA(pixels: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  const [lo, hi] = greyRange(pixels)
  const span = hi - lo || 1
  const out = new Uint8ClampedArray(pixels.length * 4)
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]
    const t = Number.isFinite(v) ? (v - lo) / span : 0
    for (let c = 0; c < 3; c++) out[4 * i + c] = Math.round(PAPER[c] + (INK[c] - PAPER[c]) * t)
    out[4 * i + 3] = 255
  }
  return out
}

/** Paints the pixels onto a canvas of rows x cols (no-op where there is no 2-D context). */
export function paintGrey(canvas: HTMLCanvasElement, rows: number, cols: number, pixels: ArrayLike<number>): void {
  canvas.width = cols
  canvas.height = rows
  let ctx: CanvasRenderingContext2D | null
  try {
    ctx = canvas.getContext('2d')
  } catch {
    return
  }
  if (!ctx) return
  ctx.putImageData(new ImageData(toRGBA(pixels), cols, rows), 0, 0)
}

/** The size an image is shown at: small images scaled up by a whole factor, about 168 px. */
export function displaySize(rows: number, cols: number, target = 168): { width: number; height: number } {
  const side = Math.max(rows, cols)
  const scale = side >= target ? target / side : Math.max(1, Math.floor(target / side))
  return { width: Math.round(cols * scale), height: Math.round(rows * scale) }
}

export function ImagePlot({ spec }: { spec: ImageSpec }) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (ref.current) paintGrey(ref.current, spec.rows, spec.cols, spec.pixels)
  }, [spec])
  const size = displaySize(spec.rows, spec.cols)
  return (
    <figure className="image-plot" data-plot-id={spec.id}>
      {spec.title && <figcaption className="image-title">{spec.title}</figcaption>}
      <canvas
        ref={ref}
        data-testid="image"
        data-rows={spec.rows}
        data-cols={spec.cols}
        role="img"
        aria-label={spec.title ?? `a ${spec.rows} x ${spec.cols} image`}
        style={{ width: size.width, height: size.height }}
      />
    </figure>
  )
}
