// The indexed math rule finds what the scan from each `$` found, on random text.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { findDouble, findInlineClose, indexDollars } from './markdown-math.ts'

// The scans as they were before the index: clear, and quadratic on text where nothing closes.
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
const isDigit = (c: number) => c >= 0x30 && c <= 0x39
function isEscaped(src: string, pos: number): boolean {
  let n = 0
  while (pos - n - 1 >= 0 && src.charCodeAt(pos - n - 1) === 0x5c) n++
  return n % 2 === 1
}
function scanDouble(src: string, from: number, max: number): number {
  for (let i = src.indexOf('$$', from); i !== -1 && i + 2 <= max; i = src.indexOf('$$', i + 1)) {
    if (!isEscaped(src, i)) return i
  }
  return -1
}
function scanInlineClose(src: string, start: number, max: number): number {
  for (let i = src.indexOf('$', start); i !== -1 && i < max; i = src.indexOf('$', i + 1)) {
    if (i === start || isEscaped(src, i)) continue
    if (!isSpace(src.charCodeAt(i - 1)) && !isDigit(src.charCodeAt(i + 1))) return i
  }
  return -1
}

const text = fc.string({ unit: fc.constantFrom('$', '\\', ' ', 'a', '1', '\n'), maxLength: 40 })

describe('the dollar index', () => {
  it('finds the same closing $ and $$ as a scan', () => {
    fc.assert(
      fc.property(text, fc.nat(45), fc.nat(45), (src, a, b) => {
        const index = indexDollars(src)
        const [from, max] = a <= b ? [a, b] : [b, a]
        expect(findInlineClose(index, from, max)).toBe(scanInlineClose(src, from, max))
        expect(findDouble(index, from, max)).toBe(scanDouble(src, from, max))
      }),
      { numRuns: 5000 },
    )
  })

  it('counts escapes by the run of backslashes before each $', () => {
    // a $ \$ \\$ $$: the escaped one (4) cannot close, the one after two backslashes (8) can
    expect(indexDollars('a$ \\$ \\\\$ $$').closers).toEqual([1, 8, 11])
    expect(indexDollars('\\$$ $$').doubles).toEqual([4])
  })
})
