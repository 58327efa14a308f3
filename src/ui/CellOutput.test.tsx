// @vitest-environment jsdom
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptyOutput, type CellOutput } from '../notebook/types.ts'
import { CellOutputView } from './CellOutput.tsx'
import { domPerTest } from './test-dom.ts'

const dom = domPerTest()
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null)
})
afterEach(() => {
  vi.restoreAllMocks()
})

const show = (output: CellOutput | undefined, onPad?: (h: number, px: number[]) => void) =>
  act(() => dom.root.render(<CellOutputView output={output} onPad={onPad} />))

describe('<CellOutputView>', () => {
  it('shows nothing for a cell that has not run or printed nothing', () => {
    show(undefined)
    expect(dom.host.innerHTML).toBe('')
    show(emptyOutput('done'))
    expect(dom.host.innerHTML).toBe('')
  })

  it('keeps the printed lines alone in cell-output, and what was drawn below them', () => {
    show({
      ...emptyOutput('done'), lines: ['2.0', '10.0'],
      plots: [
        { id: 1, kind: 'xy', title: 'data', marks: [{ type: 'scatter', xs: [1, 2], ys: [3, 4] }] },
        { id: 2, kind: 'image', rows: 2, cols: 2, pixels: [0, 1, 1, 0], title: 'img' },
      ],
    })
    expect(dom.host.querySelector('[data-testid="cell-output"]')!.textContent).toBe('2.0\n10.0')
    const figures = dom.host.querySelector('[data-testid="cell-figures"]')!
    expect(figures.querySelector('svg[data-testid="plot"]')).not.toBeNull()
    expect(figures.querySelector('canvas[data-testid="image"]')).not.toBeNull()
  })

  it('a cell that only plots has figures and no empty text box', () => {
    show({ ...emptyOutput('done'), plots: [{ id: 1, kind: 'xy', marks: [] }] })
    expect(dom.host.querySelector('[data-testid="cell-output"]')).toBeNull()
    expect(dom.host.querySelector('svg[data-testid="plot"]')).not.toBeNull()
  })

  it('shows progress while running, with Running… only when nothing else shows', () => {
    show(emptyOutput('running'))
    expect(dom.host.textContent).toBe('Running…')
    show({ ...emptyOutput('running'), progress: { done: 50, total: 100, elapsed: 1000, label: 'training' } })
    expect(dom.host.querySelector('[data-testid="progress"]')!.textContent).toContain('training: 50%')
    expect(dom.host.textContent).not.toContain('Running…')
  })

  it('a pad\'s strokes go to onPad, and its answer shows', () => {
    const onPad = vi.fn()
    show({ ...emptyOutput('done'), pads: [{ handle: 3, rows: 28, cols: 28, title: 'Draw', result: { text: 'a 7' } }] }, onPad)
    expect(dom.host.querySelector('[data-testid="pad-result"]')!.textContent).toBe('a 7')
    const canvas = dom.host.querySelector('[data-testid="pad-canvas"]')!
    act(() => {
      canvas.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, clientX: 0.5, clientY: 0.5 }))
      canvas.dispatchEvent(new MouseEvent('pointerup', { bubbles: true, clientX: 0.5, clientY: 0.5 }))
    })
    expect(onPad).toHaveBeenCalledWith(3, expect.any(Array))
  })

  it('errors and Stopped still show as before', () => {
    show({ ...emptyOutput('error'), error: { name: 'Error', message: 'boom', line: 2, column: 1 } })
    expect(dom.host.querySelector('[role="alert"]')!.textContent).toBe('Line 2, column 1: boom')
    show(emptyOutput('stopped'))
    expect(dom.host.textContent).toBe('Stopped.')
  })
})
