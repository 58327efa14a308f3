// A heatmap's pixels as a PNG data URL, one pixel per grid cell: one <image> per heatmap instead
// of a <rect> per cell (a Tensor card had 2 × 24 × 24 of them; MNIST's graph 14,000, which made
// every live refresh during training cost the page a quarter of a second). Uncompressed (zlib's
// stored blocks), since a 24 × 24 map is under 2 KB anyway; written by hand because it is a few
// lines and must also run where there is no canvas (the unit tests' DOM, the SVG export).

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(bytes: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** The PNG (8-bit RGB) of `rgb`, 3 bytes per pixel row by row, as a data URL. */
export function pngDataUrl(width: number, height: number, rgb: Uint8Array): string {
  const rowBytes = 1 + 3 * width
  const raw = new Uint8Array(rowBytes * height) // each row: filter 0 (none), then its pixels
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * 3 * width, (y + 1) * 3 * width), y * rowBytes + 1)
  const blocks = Math.max(1, Math.ceil(raw.length / 65535))
  const zlib = new Uint8Array(2 + raw.length + 5 * blocks + 4)
  zlib[0] = 0x78
  zlib[1] = 0x01
  let o = 2
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535, len = Math.min(65535, raw.length - start)
    zlib[o] = b === blocks - 1 ? 1 : 0
    zlib[o + 1] = len & 0xff
    zlib[o + 2] = len >>> 8
    zlib[o + 3] = ~len & 0xff
    zlib[o + 4] = (~len >>> 8) & 0xff
    zlib.set(raw.subarray(start, start + len), o + 5)
    o += 5 + len
  }
  let s1 = 1, s2 = 0 // Adler-32 of the uncompressed data
  for (let i = 0; i < raw.length; i++) {
    s1 = (s1 + raw[i]) % 65521
    s2 = (s2 + s1) % 65521
  }
  writeU32(zlib, o, ((s2 << 16) | s1) >>> 0)

  const ihdr = new Uint8Array(13)
  writeU32(ihdr, 0, width)
  writeU32(ihdr, 4, height)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, deflate, no filter method, no interlace
  const png = concat([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib), chunk('IEND', new Uint8Array(0))])
  let text = ''
  for (let i = 0; i < png.length; i += 0x8000) text += String.fromCharCode(...png.subarray(i, i + 0x8000))
  return `data:image/png;base64,${btoa(text)}`
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24
  b[at + 1] = (v >>> 16) & 0xff
  b[at + 2] = (v >>> 8) & 0xff
  b[at + 3] = v & 0xff
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  writeU32(out, 0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  writeU32(out, 8 + data.length, crc32(out, 4, 8 + data.length))
  return out
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
