// A test helper: the lz-string payload of the "ever longer entry" attack, written code by code
// (compressing the text it stands for takes lz-string minutes). Each code after the first names
// the entry that is about to be made, which is the previous entry plus its first character, so
// `steps` codes decompress to `char` repeated steps * (steps + 1) / 2 times.
const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'

export function growingPayload(char: string, steps: number): string {
  const bits: number[] = []
  const write = (value: number, count: number) => {
    for (let i = 0; i < count; i++) bits.push((value >> i) & 1)
  }
  write(0, 2) // an 8-bit literal
  write(char.charCodeAt(0), 8)
  let dictSize = 4, numBits = 3, enlargeIn = 4
  for (let i = 1; i < steps; i++) {
    write(dictSize, numBits)
    dictSize++
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits
      numBits++
    }
  }
  write(2, numBits) // the end
  while (bits.length % 6 !== 0) bits.push(0)
  let out = ''
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0
    for (let j = 0; j < 6; j++) v |= bits[i + j] << (5 - j)
    out += URI_ALPHABET[v]
  }
  return `${out}A`
}
