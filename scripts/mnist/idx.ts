// IDX, the format of the MNIST files (train-images-idx3-ubyte and friends), to the app's asset
// container (src/sandbox/mnist-format.ts). Pure: bytes in, bytes out; convert.ts does the I/O.
//
// An IDX file: two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions, then
// each dimension as a big-endian uint32, then the data, last dimension fastest. MNIST's images are
// magic 0x00000803 (count x rows x cols), its labels 0x00000801 (count).
import { encodeMnist, type MnistBits } from '../../src/protocol/mnist-format.ts'

export const IDX_IMAGES_MAGIC = 0x00000803
export const IDX_LABELS_MAGIC = 0x00000801

export class IdxError extends Error {
  override name = 'IdxError'
}

export interface IdxArray {
  dims: number[]
  /** The data bytes, a view into the input (no copy). */
  data: Uint8Array
}

/** Parses an unsigned-byte IDX file with `ndims` dimensions; `what` names it in errors. */
export function parseIdx(bytes: Uint8Array, ndims: number, what = 'IDX file'): IdxArray {
  const expectedMagic = 0x0800 | ndims
  if (bytes.length < 4) throw new IdxError(`${what}: ${bytes.length} bytes, too short for an IDX header`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const magic = view.getUint32(0, false)
  if (magic !== expectedMagic) {
    const kind = ndims === 3 ? 'images' : ndims === 1 ? 'labels' : `${ndims}-d`
    throw new IdxError(`${what}: bad magic number ${hex32(magic)}, expected ${hex32(expectedMagic)} (IDX unsigned bytes, ${kind})`)
  }
  const headerBytes = 4 + 4 * ndims
  if (bytes.length < headerBytes) {
    throw new IdxError(`${what}: truncated header: ${bytes.length} bytes, the ${ndims}-d header needs ${headerBytes}`)
  }
  const dims: number[] = []
  for (let d = 0; d < ndims; d++) dims.push(view.getUint32(4 + 4 * d, false))
  const size = dims.reduce((a, b) => a * b, 1)
  const actual = bytes.length - headerBytes
  if (actual < size) {
    throw new IdxError(`${what}: truncated: dimensions ${dims.join(' x ')} need ${size} data bytes, the file has ${actual}`)
  }
  if (actual > size) {
    throw new IdxError(`${what}: ${actual - size} bytes after the data of dimensions ${dims.join(' x ')}`)
  }
  return { dims, data: bytes.subarray(headerBytes) }
}

/** An images file and its labels file to the (uncompressed) asset container. */
export function idxToMnist(imagesIdx: Uint8Array, labelsIdx: Uint8Array, bits: MnistBits = 8): Uint8Array {
  const images = parseIdx(imagesIdx, 3, 'MNIST images file')
  const labels = parseIdx(labelsIdx, 1, 'MNIST labels file')
  const [count, rows, cols] = images.dims
  if (labels.dims[0] !== count) {
    throw new IdxError(`MNIST: count mismatch: the images file has ${count} images, the labels file ${labels.dims[0]} labels`)
  }
  if (rows === 0 || cols === 0 || rows > 0xffff || cols > 0xffff) throw new IdxError(`MNIST images file: bad image size ${rows} x ${cols}`)
  for (let i = 0; i < count; i++) {
    if (labels.data[i] > 9) throw new IdxError(`MNIST labels file: label ${i} is ${labels.data[i]}, expected a digit 0-9`)
  }
  return encodeMnist({ count, rows, cols, labels: labels.data, grey: images.data }, bits)
}

function hex32(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0')
}
