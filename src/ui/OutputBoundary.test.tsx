// @vitest-environment jsdom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it, vi } from 'vitest'
import { COULD_NOT_SHOW, OutputBoundary } from './OutputBoundary.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

function Renderer({ value }: { value: number }) {
  if (value < 0) throw new Error('a renderer met a value it cannot draw')
  return <span data-testid="drawn">{value}</span>
}

describe('OutputBoundary', () => {
  it('shows a line instead of a renderer that throws, keeps its neighbours, and tries again on new input', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const host = document.createElement('div')
    const root = createRoot(host)
    const draw = (a: number, b: number) => act(() => root.render(<>
      <OutputBoundary resetKey={a}><Renderer value={a} /></OutputBoundary>
      <OutputBoundary resetKey={b}><Renderer value={b} /></OutputBoundary>
    </>))
    draw(-1, 2)
    expect(host.textContent).toBe(`${COULD_NOT_SHOW}2`)
    draw(3, 2)
    expect(host.textContent).toBe('32')
    act(() => root.unmount())
    warn.mockRestore()
    error.mockRestore()
  })
})
