// The bounded decoder is lz-string's, with a cap: same text for everything lz-string decodes.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import LZString from 'lz-string'
import { decompressBounded } from './lz-bounded.ts'
import { growingPayload } from './lz-attack.ts'

const URI_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'
const lzText = (s: string): string | null => {
  try {
    return LZString.decompressFromEncodedURIComponent(s)
  } catch {
    return null
  }
}

describe('decompressBounded', () => {
  it('decodes what lz-string compressed, exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const lz = LZString.compressToEncodedURIComponent(text)
        expect(decompressBounded(lz, 1e6)).toEqual({ ok: true, text })
      }),
      { numRuns: 400 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const lz = LZString.compressToEncodedURIComponent(text)
        expect(decompressBounded(lz, 1e6)).toEqual({ ok: true, text })
      }),
      { numRuns: 300 },
    )
  })

  it('agrees with lz-string on random payloads, or refuses them', () => {
    const payload = fc.string({ unit: fc.constantFrom(...URI_CHARS, ' ', '!'), maxLength: 60 })
    fc.assert(
      fc.property(payload, (s) => {
        const ours = decompressBounded(s, 1e6)
        const theirs = lzText(s)
        if (ours.ok) expect(ours.text).toBe(theirs)
        else expect(ours.why).toBe('damaged')
      }),
      { numRuns: 3000 },
    )
  })

  it('stops at the cap, however the text grows', () => {
    // A run of one character compresses to codes that each name an entry one longer than the last:
    // output quadratic in the payload.
    const lz = growingPayload('a', 2000) // 2,001,000 characters
    expect(lz.length).toBeLessThan(5000)
    expect(lzText(lz)).toBe('a'.repeat(2_001_000))
    expect(decompressBounded(lz, 1_000_000)).toEqual({ ok: false, why: 'too-long' })
    expect(decompressBounded(lz, 2_001_000)).toEqual({ ok: true, text: 'a'.repeat(2_001_000) })
  })

  it('reads the empty source and the empty payload as lz-string does', () => {
    expect(decompressBounded('Q', 10)).toEqual({ ok: true, text: '' })
    expect(decompressBounded('', 10)).toEqual({ ok: false, why: 'damaged' })
  })
})
