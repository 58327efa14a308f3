// @vitest-environment jsdom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { displaySize, greyRange, ImagePlot, paintGrey, toRGBA } from './ImagePlot.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

afterEach(() => vi.restoreAllMocks())

/** jsdom has no 2-D canvas: a context that records what was put. */
function fakeCanvas() {
  const put: Array<{ data: Uint8ClampedArray; width: number; height: number }> = []
  vi.stubGlobal('ImageData', class { constructor(public data: Uint8ClampedArray, public width: number, public height: number) {} })
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ({ putImageData: (img: never) => put.push(img) }) as never)
  return put
}

describe('grey levels', () => {
  it('0 is paper (white) and 1 is ink (near black)', () => {
    const rgba = toRGBA([0, 1, 0.5])
    expect(Array.from(rgba.subarray(0, 4))).toEqual([255, 255, 255, 255])
    expect(Array.from(rgba.subarray(4, 8))).toEqual([17, 20, 28, 255])
    expect(rgba[8]).toBe(136)
  })

  it('values outside [0, 1] widen the range; non-finite ones are paper', () => {
    expect(greyRange([0.2, 0.8])).toEqual([0, 1])
    expect(greyRange([-2, 3])).toEqual([-2, 3])
    const rgba = toRGBA([-2, 3, NaN])
    expect(rgba[0]).toBe(255)
    expect(rgba[4]).toBe(17)
    expect(rgba[8]).toBe(255)
  })

  it('small images are scaled up by a whole factor, large ones down to fit', () => {
    expect(displaySize(28, 28)).toEqual({ width: 168, height: 168 })
    expect(displaySize(2, 4)).toEqual({ width: 168, height: 84 })
    expect(displaySize(336, 168)).toEqual({ width: 84, height: 168 })
  })

  it('paintGrey sizes the canvas to the image and puts its pixels', () => {
    const put = fakeCanvas()
    const c = document.createElement('canvas')
    paintGrey(c, 2, 3, [0, 0, 0, 1, 1, 1])
    expect([c.width, c.height]).toEqual([3, 2])
    expect(put[0].data).toHaveLength(24)
  })
})

describe('<ImagePlot>', () => {
  it('shows the title and a canvas of the image\'s shape', () => {
    const put = fakeCanvas()
    const host = document.createElement('div')
    const root = createRoot(host)
    act(() => root.render(<ImagePlot spec={{ id: 3, kind: 'image', rows: 28, cols: 28, pixels: new Array(784).fill(0.5), title: 'a 7' }} />))
    const canvas = host.querySelector('canvas[data-testid="image"]') as HTMLCanvasElement
    expect(canvas.getAttribute('aria-label')).toBe('a 7')
    expect(canvas.dataset.rows).toBe('28')
    expect(canvas.style.width).toBe('168px')
    expect(host.querySelector('figcaption')!.textContent).toBe('a 7')
    expect(put).toHaveLength(1)
    act(() => root.unmount())
  })
})
