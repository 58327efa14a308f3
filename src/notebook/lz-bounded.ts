// lz-string's decompressFromEncodedURIComponent, with a bound on the text it may produce.
//
// lz-string's output can grow quadratically with its input: every code may name a dictionary
// entry one character longer than the last, so a 12 KB link decompresses to 20 MB. lz-string
// offers no way to stop early, so this is its decoder (version 1.5, `_decompress`) read as
// codes, which gives up as soon as the text would pass `maxChars`. For every input that lz-string
// decodes, the result is the same string (links.test.ts checks this on random texts and random
// payloads); where lz-string throws or would produce "undefined..." from a damaged first code,
// this returns null.

const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'
const VALUE = new Map<string, number>([...URI_ALPHABET].map((c, i) => [c, i]))

export type Decompressed =
  | { ok: true; text: string }
  | { ok: false; why: 'damaged' | 'too-long' }

/** Decodes a `compressToEncodedURIComponent` payload into at most `maxChars` characters. */
export function decompressBounded(input: string, maxChars: number): Decompressed {
  if (input === '') return { ok: false, why: 'damaged' } // lz-string: null
  const s = input.replace(/ /g, '+')
  const length = s.length
  // The bit reader: six bits per character, lowest-order bit of each value last, as lz-string.
  let val = VALUE.get(s.charAt(0)) ?? 0
  let position = 32
  let index = 1
  const read = (bitCount: number): number => {
    let bits = 0
    for (let power = 1, n = 0; n < bitCount; n++, power *= 2) {
      const bit = val & position
      position >>= 1
      if (position === 0) {
        position = 32
        val = VALUE.get(s.charAt(index++)) ?? 0
      }
      if (bit > 0) bits += power
    }
    return bits
  }

  const first = read(2)
  if (first === 2) return { ok: true, text: '' }
  if (first === 3) return { ok: false, why: 'damaged' }
  let w = String.fromCharCode(read(first === 0 ? 8 : 16))
  const dictionary: string[] = ['', '', '', w]
  let dictSize = 4
  let numBits = 3
  let enlargeIn = 4
  const result: string[] = [w]
  let total = w.length
  if (total > maxChars) return { ok: false, why: 'too-long' }

  const grow = () => {
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits
      numBits++
    }
  }
  for (;;) {
    if (index > length) return { ok: true, text: '' } // ran out without an end code: lz-string's ""
    let c = read(numBits)
    if (c === 2) return { ok: true, text: result.join('') }
    if (c === 0 || c === 1) {
      dictionary[dictSize++] = String.fromCharCode(read(c === 0 ? 8 : 16))
      c = dictSize - 1
      grow()
    }
    let entry: string
    if (c >= 3 && c < dictSize) entry = dictionary[c]
    else if (c === dictSize) entry = w + w.charAt(0)
    else return { ok: false, why: 'damaged' }
    total += entry.length
    if (total > maxChars) return { ok: false, why: 'too-long' }
    result.push(entry)
    dictionary[dictSize++] = w + entry.charAt(0)
    grow()
    w = entry
  }
}
