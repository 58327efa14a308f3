// A PNG reader for the tests (Node's zlib does the inflating): checks every chunk's CRC against
// zlib's own, so the encoder in png.ts is checked by code it does not share.
import { crc32, inflateSync } from 'node:zlib'

export interface DecodedPng {
  width: number
  height: number
  rgb: Uint8Array
}

export function decodePng(dataUrl: string): DecodedPng {
  const prefix = 'data:image/png;base64,'
  if (!dataUrl.startsWith(prefix)) throw new Error(`not a PNG data URL: ${dataUrl.slice(0, 40)}`)
  const b = Buffer.from(dataUrl.slice(prefix.length), 'base64')
  if (b.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('bad PNG signature')
  let o = 8, width = 0, height = 0
  const idat: Buffer[] = []
  while (o < b.length) {
    const len = b.readUInt32BE(o), type = b.toString('latin1', o + 4, o + 8)
    const data = b.subarray(o + 8, o + 8 + len)
    if (b.readUInt32BE(o + 8 + len) !== crc32(b.subarray(o + 4, o + 8 + len))) throw new Error(`bad CRC in ${type}`)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      if (data[8] !== 8 || data[9] !== 2) throw new Error('expected 8-bit RGB')
    }
    if (type === 'IDAT') idat.push(data)
    o += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const rgb = new Uint8Array(3 * width * height)
  for (let y = 0; y < height; y++) {
    if (raw[y * (1 + 3 * width)] !== 0) throw new Error('expected filter 0')
    rgb.set(raw.subarray(y * (1 + 3 * width) + 1, (y + 1) * (1 + 3 * width)), y * 3 * width)
  }
  return { width, height, rgb }
}
