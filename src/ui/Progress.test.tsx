// @vitest-environment jsdom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it } from 'vitest'
import { formatDuration, progressText, ProgressView, timeLeft } from './Progress.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

describe('time', () => {
  it('formats durations as a person reads them', () => {
    expect(formatDuration(420)).toBe('0.4 s')
    expect(formatDuration(12_400)).toBe('12 s')
    expect(formatDuration(125_000)).toBe('2 min 5 s')
    expect(formatDuration(120_000)).toBe('2 min')
    expect(formatDuration(NaN)).toBe('?')
  })

  it('estimates the time left from the pace so far, once there is something to go on', () => {
    expect(timeLeft({ done: 25, total: 100, elapsed: 1000 })).toBe(3000)
    expect(timeLeft({ done: 0, total: 100, elapsed: 1000 })).toBeUndefined()
    expect(timeLeft({ done: 5, total: 100, elapsed: 50 })).toBeUndefined()
    expect(timeLeft({ done: 100, total: 100, elapsed: 1000 })).toBeUndefined()
  })

  it('says how far, how long, and how long to go; or that it stopped', () => {
    const p = { done: 25_000, total: 100_000, elapsed: 1000, label: 'training' }
    expect(progressText(p, true)).toBe('training: 25% · 25,000 / 100,000 · 1.0 s · about 3.0 s left')
    // with a unit, the rate of what is counted (MNIST's images per second)
    expect(progressText({ ...p, elapsed: 2000, unit: 'images' }, true)).toBe('training: 25% · 25,000 / 100,000 · 2.0 s · 12,500 images/s · about 6.0 s left')
    expect(progressText(p, false)).toBe('training: 25% · 25,000 / 100,000 · 1.0 s · stopped')
    expect(progressText({ done: 3, total: 3, elapsed: 61_000 }, false)).toBe('100% · 3 / 3 · 1 min 1 s')
  })
})

describe('<ProgressView>', () => {
  it('is a progressbar with its numbers', () => {
    const host = document.createElement('div')
    const root = createRoot(host)
    act(() => root.render(<ProgressView progress={{ done: 1, total: 4, elapsed: 500 }} running />))
    const bar = host.querySelector('[role="progressbar"]')!
    expect(bar.getAttribute('aria-valuenow')).toBe('1')
    expect(bar.getAttribute('aria-valuemax')).toBe('4')
    expect((host.querySelector('.progress-bar') as HTMLElement).style.transform).toBe('scaleX(0.2500)')
    expect(host.textContent).toContain('about 1.5 s left')
    act(() => root.unmount())
  })
})
