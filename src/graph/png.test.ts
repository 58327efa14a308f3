import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pngDataUrl } from './png.ts'
import { decodePng } from './png-test-support.ts'

describe('pngDataUrl', () => {
  it('writes PNGs that zlib reads back pixel for pixel, CRCs included', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (w, h, seed) => {
      const rgb = new Uint8Array(3 * w * h).map((_, i) => (i * 7919 + seed) & 0xff)
      const png = decodePng(pngDataUrl(w, h, rgb))
      expect([png.width, png.height]).toEqual([w, h])
      expect(png.rgb).toEqual(rgb)
    }), { numRuns: 60 })
  })

  it('splits data over 65,535 bytes into several stored blocks', () => {
    const w = 200, h = 120 // 72,120 bytes of rows
    const rgb = new Uint8Array(3 * w * h).map((_, i) => i % 251)
    expect(decodePng(pngDataUrl(w, h, rgb)).rgb).toEqual(rgb)
  })
})
