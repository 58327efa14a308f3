// Which layout the embed view picks for the frame sizes tutorials use.
import { describe, expect, it } from 'vitest'
import { embedMode, SIDE_BY_SIDE_MIN } from './EmbedLayout.tsx'

describe('the embed layout', () => {
  it.each([
    [900, 640, 'side'], [1280, 800, 'side'], [SIDE_BY_SIDE_MIN, 400, 'side'],
    [700, 560, 'tabs'], [800, 500, 'tabs'],
    [420, 700, 'below'], [700, 900, 'below'],
  ] as const)('%i×%i: %s', (w, h, mode) => {
    expect(embedMode(w, h, true)).toBe(mode)
  })

  it('shows only the code when the link asks for no graph', () => {
    expect(embedMode(900, 640, false)).toBe('code')
  })
})
