// The MNIST asset format: what scripts/mnist/convert.ts writes at build time and the sandbox
// worker decodes. Pure: no imports, no globals, no I/O; it runs the same in Node and in a worker.
//
// The app serves two files from its own origin, MNIST_ASSET_PATHS below (relative to Vite's base):
//   mnist/train.bin  the 60,000 training images of the standard MNIST set, in file order
//   mnist/test.bin   the 10,000 test images (t10k), in file order
// Each file is ONE gzip stream (RFC 1952) of the container below. The files are named .bin, not
// .gz, on purpose: static servers (Vite's preview included) send a `.gz` file with
// `Content-Encoding: gzip`, which makes fetch() decompress it behind our back on some servers and
// not on others. With .bin every server sends the bytes as they are (application/octet-stream),
// and the worker gunzips them itself (see mnist-gunzip.ts, which also accepts bytes that some
// HTTP layer already decompressed).
//
// The container (all integers little-endian):
//   offset  size  field
//        0     4  magic: the ASCII bytes "SGMN" (0x53 0x47 0x4d 0x4e)
//        4     1  version: 1
//        5     1  bits per pixel: 8 or 4
//        6     2  reserved: 0
//        8     4  count: number of images (uint32)
//       12     2  rows: 28 for MNIST (uint16)
//       14     2  cols: 28 for MNIST (uint16)
//       16 count  labels: one byte each, 0-9, image i's label at 16 + i
//        …     …  pixels: count * rows * cols grey levels, image after image, each image row-major
//                 (row 0 left to right, then row 1, …), 0 = background (white paper), max = ink:
//                 bits 8: one byte per pixel, 0-255, the IDX byte exactly (lossless);
//                 bits 4: two pixels per byte, the first in the high nibble, 0-15 (v = round(b * 15 / 255));
//                         an odd total ends with a zero low nibble.
// The file ends right after the pixels; any other length is an error.
// Decoded to numbers, a pixel is grey / 255 for 8 bits and v / 15 for 4 bits: values in [0, 1].
//
// The assets use 8 bits (lossless). Sizes for the standard set, gzip level 7 (convert.ts):
//   train.bin: 47,100,016 bytes of container, 9,688,072 gzipped (9.7 MB)
//   test.bin:   7,850,016 bytes of container, 1,612,224 gzipped (1.6 MB)
// 4 bits (plugin option) gives 23,580,016 → 5,728,176 and 3,930,016 → 951,437; a 784-128-10 net
// (batch 100, 3 epochs, lr 0.1) reached 93.4% test accuracy with either depth. The decoder reads both.

/** Paths of the two assets, relative to the site's base (`import.meta.env.BASE_URL`). */
export const MNIST_ASSET_PATHS = { train: 'mnist/train.bin', test: 'mnist/test.bin' } as const

export type MnistSplit = keyof typeof MNIST_ASSET_PATHS

/** "SGMN" */
export const MNIST_MAGIC = [0x53, 0x47, 0x4d, 0x4e] as const
export const MNIST_FORMAT_VERSION = 1
export const MNIST_HEADER_BYTES = 16

export type MnistBits = 8 | 4

/** One split as grey levels 0-255 (4-bit files are expanded: v * 17). */
export interface MnistGrey {
  count: number
  rows: number
  cols: number
  /** Bits per pixel in the file it came from. */
  bits: MnistBits
  /** count labels, 0-9. */
  labels: Uint8Array
  /** count * rows * cols grey levels 0-255, one image after another, each row-major. */
  grey: Uint8Array
}

/** One split as numbers: what a snippet's Matrices are made from. */
export interface MnistSet {
  count: number
  rows: number
  cols: number
  /** count labels, 0-9. */
  labels: Uint8Array
  /** count * rows * cols values in [0, 1], row-major, one image per row (rows * cols values). */
  pixels: Float64Array
}

export class MnistFormatError extends Error {
  override name = 'MnistFormatError'
}

/** The container's byte length for count images of rows x cols at the given depth. */
export function mnistByteLength(count: number, rows: number, cols: number, bits: MnistBits): number {
  const values = count * rows * cols
  return MNIST_HEADER_BYTES + count + (bits === 8 ? values : Math.ceil(values / 2))
}

/**
 * Writes the container (not compressed). `grey` holds count * rows * cols bytes 0-255; with
 * bits 4 they are quantized to 16 levels.
 */
export function encodeMnist(
  data: { count: number; rows: number; cols: number; labels: Uint8Array; grey: Uint8Array },
  bits: MnistBits = 8,
): Uint8Array {
  const { count, rows, cols, labels, grey } = data
  if (!isUint(count, 0xffffffff)) throw new MnistFormatError(`MNIST encode: bad image count ${count}`)
  if (!isUint(rows, 0xffff) || rows === 0 || !isUint(cols, 0xffff) || cols === 0) {
    throw new MnistFormatError(`MNIST encode: bad image size ${rows} x ${cols}`)
  }
  if (bits !== 8 && bits !== 4) throw new MnistFormatError(`MNIST encode: bits must be 8 or 4, got ${String(bits)}`)
  if (labels.length !== count) {
    throw new MnistFormatError(`MNIST encode: ${count} images but ${labels.length} labels`)
  }
  const values = count * rows * cols
  if (grey.length !== values) {
    throw new MnistFormatError(`MNIST encode: ${count} images of ${rows} x ${cols} need ${values} pixels, got ${grey.length}`)
  }
  checkLabels(labels, 'MNIST encode')

  const out = new Uint8Array(mnistByteLength(count, rows, cols, bits))
  const view = new DataView(out.buffer)
  out.set(MNIST_MAGIC, 0)
  out[4] = MNIST_FORMAT_VERSION
  out[5] = bits
  view.setUint32(8, count, true)
  view.setUint16(12, rows, true)
  view.setUint16(14, cols, true)
  out.set(labels, MNIST_HEADER_BYTES)
  const start = MNIST_HEADER_BYTES + count
  if (bits === 8) out.set(grey, start)
  else {
    for (let i = 0; i < values; i++) {
      const v = Math.round((grey[i] * 15) / 255)
      out[start + (i >> 1)] |= i & 1 ? v : v << 4
    }
  }
  return out
}

/** Reads the container (already decompressed) as grey levels; throws MnistFormatError if malformed. */
export function decodeMnistGrey(bytes: Uint8Array): MnistGrey {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new MnistFormatError('MNIST asset: these bytes are still gzip-compressed; gunzip them first')
  }
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new MnistFormatError(`MNIST asset: ${bytes.length} bytes is shorter than the ${MNIST_HEADER_BYTES}-byte header`)
  }
  if (MNIST_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new MnistFormatError(`MNIST asset: bad magic ${hex(bytes.subarray(0, 4))}, expected ${hex(MNIST_MAGIC)} ("SGMN")`)
  }
  if (bytes[4] !== MNIST_FORMAT_VERSION) {
    throw new MnistFormatError(`MNIST asset: format version ${bytes[4]}, this decoder reads version ${MNIST_FORMAT_VERSION}`)
  }
  const bits = bytes[5]
  if (bits !== 8 && bits !== 4) throw new MnistFormatError(`MNIST asset: bits per pixel must be 8 or 4, got ${bits}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint32(8, true)
  const rows = view.getUint16(12, true)
  const cols = view.getUint16(14, true)
  if (rows === 0 || cols === 0) throw new MnistFormatError(`MNIST asset: bad image size ${rows} x ${cols}`)
  const expected = mnistByteLength(count, rows, cols, bits)
  if (bytes.length !== expected) {
    throw new MnistFormatError(
      `MNIST asset: ${count} images of ${rows} x ${cols} at ${bits} bits need ${expected} bytes, got ${bytes.length}` +
        (bytes.length < expected ? ' (truncated)' : ' (trailing bytes)'),
    )
  }
  const labels = bytes.slice(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + count)
  checkLabels(labels, 'MNIST asset')
  const start = MNIST_HEADER_BYTES + count
  const values = count * rows * cols
  let grey: Uint8Array
  if (bits === 8) grey = bytes.slice(start, start + values)
  else {
    grey = new Uint8Array(values)
    for (let i = 0; i < values; i++) {
      const b = bytes[start + (i >> 1)]
      grey[i] = (i & 1 ? b & 0x0f : b >> 4) * 17
    }
  }
  return { count, rows, cols, bits, labels, grey }
}

/**
 * Reads the container (already decompressed) as numbers in [0, 1]. Note the size: the 60,000
 * training images are 47 million Float64 values, 376 MB; decodeMnistGrey (47 MB) with
 * greyToPixels per batch is the frugal way.
 */
export function decodeMnist(bytes: Uint8Array): MnistSet {
  const { count, rows, cols, labels, grey } = decodeMnistGrey(bytes)
  return { count, rows, cols, labels, pixels: greyToPixels(grey) }
}

/** Grey level g to the pixel value g / 255: the one table every reader of the bytes uses. */
export const GREY_TO_UNIT = Float64Array.from({ length: 256 }, (_, g) => g / 255)

/**
 * Grey levels 0-255 to numbers in [0, 1] (g / 255), optionally only values [start, end): for
 * image i of a rows x cols set, start = i * rows * cols.
 */
export function greyToPixels(grey: Uint8Array, start = 0, end = grey.length): Float64Array {
  if (!(0 <= start && start <= end && end <= grey.length)) {
    throw new RangeError(`greyToPixels: range [${start}, ${end}) is outside 0..${grey.length}`)
  }
  const out = new Float64Array(end - start)
  for (let i = start; i < end; i++) out[i - start] = GREY_TO_UNIT[grey[i]]
  return out
}

function checkLabels(labels: Uint8Array, where: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) throw new MnistFormatError(`${where}: label ${i} is ${labels[i]}, expected a digit 0-9`)
  }
}

function isUint(n: number, max: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= max
}

function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')
}
