// @vitest-environment jsdom
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { coverage, DrawingPad, strokesToPixels, type Stroke } from './DrawingPad.tsx'
import { domPerTest } from './test-dom.ts'

const line = (x0: number, y0: number, x1: number, y1: number, n = 20): Stroke =>
  Array.from({ length: n + 1 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / n, y: y0 + ((y1 - y0) * i) / n }))

/** Bounding box of pixels above a threshold, and the centre of mass. */
function stats(px: number[], size = 28) {
  let x0 = size, x1 = -1, y0 = size, y1 = -1, m = 0, cx = 0, cy = 0
  px.forEach((v, k) => {
    const x = k % size, y = Math.floor(k / size)
    if (v > 0.1) {
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y)
    }
    m += v; cx += v * (x + 0.5); cy += v * (y + 0.5)
  })
  return { x0, x1, y0, y1, cx: cx / m, cy: cy / m }
}

describe('strokesToPixels: a drawing as MNIST prepared its digits', () => {
  it('no ink is all zeros', () => {
    const px = strokesToPixels([])
    expect(px).toHaveLength(784)
    expect(px.every((v) => v === 0)).toBe(true)
  })

  it('a small vertical stroke in a corner is scaled to 20 pixels tall and centred by its mass', () => {
    const px = strokesToPixels([line(0.1, 0.05, 0.1, 0.3)])
    const s = stats(px)
    expect(s.y1 - s.y0 + 1).toBeGreaterThanOrEqual(19)
    expect(s.y1 - s.y0 + 1).toBeLessThanOrEqual(21)
    expect(s.cx).toBeCloseTo(14, 0)
    expect(s.cy).toBeCloseTo(14, 0)
    expect(Math.max(...px)).toBe(1)
    expect(px.every((v) => v >= 0 && v <= 1)).toBe(true)
  })

  it('keeps the aspect: a wide stroke is 20 pixels wide and a few tall', () => {
    const s = stats(strokesToPixels([line(0.2, 0.5, 0.8, 0.5)]))
    expect(s.x1 - s.x0 + 1).toBeGreaterThanOrEqual(19)
    expect(s.y1 - s.y0 + 1).toBeLessThanOrEqual(5)
  })

  it('a single click is a dot', () => {
    const cov = coverage([[{ x: 0.5, y: 0.5 }]])
    expect(cov[56 * 112 + 56]).toBe(1)
    expect(cov[0]).toBe(0)
  })
})

describe('<DrawingPad>', () => {
  const dom = domPerTest()
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const pointer = (el: Element, type: string, x: number, y: number) =>
    el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y }))

  it('sends the drawing at the end of each stroke, and shows the answer with its bars', () => {
    const onDraw = vi.fn()
    act(() => dom.root.render(<DrawingPad handle={4} rows={28} cols={28} title="Draw a digit" onDraw={onDraw} />))
    expect(dom.host.textContent).toContain('Draw a digit')
    expect(dom.host.textContent).toContain('Draw on the pad')
    const canvas = dom.host.querySelector('[data-testid="pad-canvas"]')!
    // jsdom lays nothing out: the canvas is 1 x 1 for the pointer's coordinates
    act(() => {
      pointer(canvas, 'pointerdown', 0.5, 0.2)
      pointer(canvas, 'pointermove', 0.5, 0.5)
      pointer(canvas, 'pointermove', 0.5, 0.8)
    })
    expect(onDraw).not.toHaveBeenCalled()
    act(() => void pointer(canvas, 'pointerup', 0.5, 0.8))
    expect(onDraw).toHaveBeenCalledTimes(1)
    const [handle, pixels] = onDraw.mock.calls[0]
    expect(handle).toBe(4)
    expect(pixels).toHaveLength(784)
    expect(Math.max(...pixels)).toBe(1)
    expect(dom.host.textContent).toContain('Thinking')

    const bars = [0.01, 0.9, 0.01, 0.01, 0.01, 0.02, 0.01, 0.01, 0.01, 0.01]
    act(() => dom.root.render(<DrawingPad handle={4} rows={28} cols={28} onDraw={onDraw} result={{ text: 'I see a 1', bars }} />))
    expect(dom.host.querySelector('[data-testid="pad-result"]')!.textContent).toContain('I see a 1')
    const shown = dom.host.querySelectorAll('[data-testid="pad-bar"]')
    expect(shown).toHaveLength(10)
    expect(shown[1].classList.contains('best')).toBe(true)

    const clear = [...dom.host.querySelectorAll('button')].find((b) => b.textContent === 'Clear')!
    expect(clear.disabled).toBe(false)
    act(() => clear.click())
    expect(clear.disabled).toBe(true)
  })
})
