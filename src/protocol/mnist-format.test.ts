import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  MNIST_ASSET_PATHS,
  MNIST_HEADER_BYTES,
  MnistFormatError,
  decodeMnist,
  decodeMnistGrey,
  encodeMnist,
  greyToPixels,
  mnistByteLength,
} from './mnist-format.ts'
import { decodeMnistAsset, decodeMnistAssetGrey, gunzip, isGzip } from './mnist-gunzip.ts'

function sample(count = 3, rows = 28, cols = 28) {
  const labels = Uint8Array.from({ length: count }, (_, i) => (i * 4 + 3) % 10)
  const grey = Uint8Array.from({ length: count * rows * cols }, (_, k) => (k * 31 + 7) % 256)
  grey[0] = 0
  grey[1] = 255
  return { count, rows, cols, labels, grey }
}

describe('MNIST asset format', () => {
  it('has a documented 16-byte header: SGMN, version 1, bits, count, rows, cols (little-endian)', () => {
    const bytes = encodeMnist(sample(3))
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0x53, 0x47, 0x4d, 0x4e, 1, 8, 0, 0, 3, 0, 0, 0, 28, 0, 28, 0])
    expect(bytes.length).toBe(MNIST_HEADER_BYTES + 3 + 3 * 784)
    expect(bytes.length).toBe(mnistByteLength(3, 28, 28, 8))
    expect(Array.from(bytes.subarray(16, 19))).toEqual([3, 7, 1])
  })

  it('round-trips 8-bit grey levels exactly and maps them to g / 255', () => {
    const s = sample(3)
    const grey = decodeMnistGrey(encodeMnist(s))
    expect(grey).toMatchObject({ count: 3, rows: 28, cols: 28, bits: 8 })
    expect(grey.labels).toEqual(s.labels)
    expect(grey.grey).toEqual(s.grey)

    const set = decodeMnist(encodeMnist(s))
    expect(set.count).toBe(3)
    expect(set.labels).toEqual(s.labels)
    expect(set.pixels).toBeInstanceOf(Float64Array)
    expect(set.pixels.length).toBe(3 * 784)
    expect(set.pixels[0]).toBe(0)
    expect(set.pixels[1]).toBe(1)
    for (let k = 0; k < set.pixels.length; k++) expect(set.pixels[k]).toBe(s.grey[k] / 255)
    // Image 2, row 5, col 9 sits at 2 * 784 + 5 * 28 + 9: one image per row of 784, row-major.
    expect(set.pixels[2 * 784 + 5 * 28 + 9]).toBe(s.grey[2 * 784 + 5 * 28 + 9] / 255)
  })

  it('packs 4 bits as two pixels a byte, high nibble first, and decodes v / 15', () => {
    const s = { count: 1, rows: 1, cols: 5, labels: Uint8Array.of(4), grey: Uint8Array.of(0, 255, 17, 128, 8) }
    const bytes = encodeMnist(s, 4)
    expect(bytes[5]).toBe(4)
    expect(bytes.length).toBe(16 + 1 + 3)
    // round(g * 15 / 255): 0, 15, 1, 8, 0 (8 * 15 / 255 = 0.47)
    expect(Array.from(bytes.subarray(17))).toEqual([0x0f, 0x18, 0x00])
    const set = decodeMnist(bytes)
    expect(Array.from(set.pixels)).toEqual([0, 1, 1 / 15, 8 / 15, 0])
    expect(Array.from(decodeMnistGrey(bytes).grey)).toEqual([0, 255, 17, 136, 0])
  })

  it('keeps the 4-bit error under half a level', () => {
    const s = sample(2)
    const set = decodeMnist(encodeMnist(s, 4))
    for (let k = 0; k < set.pixels.length; k++) expect(Math.abs(set.pixels[k] - s.grey[k] / 255)).toBeLessThanOrEqual(0.5 / 15 + 1e-12)
  })

  it('decodes from a view into a larger buffer (a transferred ArrayBuffer with an offset)', () => {
    const bytes = encodeMnist(sample(2))
    const big = new Uint8Array(bytes.length + 10)
    big.set(bytes, 7)
    expect(decodeMnist(big.subarray(7, 7 + bytes.length)).labels).toEqual(sample(2).labels)
  })

  it('decodes an empty set', () => {
    const set = decodeMnist(encodeMnist({ count: 0, rows: 28, cols: 28, labels: new Uint8Array(0), grey: new Uint8Array(0) }))
    expect(set.count).toBe(0)
    expect(set.pixels.length).toBe(0)
  })

  it('greyToPixels converts a range (one batch) only', () => {
    const s = sample(3)
    const batch = greyToPixels(s.grey, 784, 2 * 784)
    expect(batch.length).toBe(784)
    expect(batch[0]).toBe(s.grey[784] / 255)
    expect(() => greyToPixels(s.grey, 10, 5)).toThrow(RangeError)
    expect(() => greyToPixels(s.grey, 0, s.grey.length + 1)).toThrow(RangeError)
  })

  describe('malformed input', () => {
    const good = () => encodeMnist(sample(2))
    const decode = (bytes: Uint8Array) => () => decodeMnist(bytes)

    it('bad magic', () => {
      const b = good()
      b[0] = 0x00
      expect(decode(b)).toThrow(MnistFormatError)
      expect(decode(b)).toThrow(/bad magic 00 47 4d 4e, expected 53 47 4d 4e/)
    })
    it('unknown version and bits', () => {
      const v = good()
      v[4] = 2
      expect(decode(v)).toThrow(/format version 2/)
      const b = good()
      b[5] = 2
      expect(decode(b)).toThrow(/bits per pixel must be 8 or 4, got 2/)
    })
    it('shorter than the header', () => {
      expect(decode(good().subarray(0, 10))).toThrow(/10 bytes is shorter than the 16-byte header/)
    })
    it('truncated data', () => {
      const b = good()
      expect(decode(b.subarray(0, b.length - 1))).toThrow(/need 1586 bytes, got 1585 \(truncated\)/)
    })
    it('trailing bytes', () => {
      const b = good()
      const longer = new Uint8Array(b.length + 3)
      longer.set(b)
      expect(decode(longer)).toThrow(/\(trailing bytes\)/)
    })
    it('a count that does not match the data', () => {
      const b = good()
      new DataView(b.buffer).setUint32(8, 3, true)
      expect(decode(b)).toThrow(/3 images of 28 x 28 at 8 bits need 2371 bytes, got 1586/)
    })
    it('a zero image size', () => {
      const b = good()
      b[12] = 0
      expect(decode(b)).toThrow(/bad image size 0 x 28/)
    })
    it('a label that is not a digit', () => {
      const b = good()
      b[17] = 10
      expect(decode(b)).toThrow(/label 1 is 10, expected a digit 0-9/)
    })
    it('bytes that are still gzipped', () => {
      expect(decode(new Uint8Array(gzipSync(good())))).toThrow(/still gzip-compressed/)
    })
    it('encode refuses inconsistent input', () => {
      const s = sample(2)
      expect(() => encodeMnist({ ...s, labels: s.labels.subarray(0, 1) })).toThrow(/2 images but 1 labels/)
      expect(() => encodeMnist({ ...s, grey: s.grey.subarray(1) })).toThrow(/need 1568 pixels, got 1567/)
      expect(() => encodeMnist({ ...s, labels: Uint8Array.of(1, 12) })).toThrow(/label 1 is 12/)
      expect(() => encodeMnist({ ...s, rows: 0 })).toThrow(/bad image size/)
    })
  })
})

describe('gunzip (DecompressionStream)', () => {
  it('decompresses gzip and decodes a whole asset', async () => {
    const s = sample(3)
    const gz = new Uint8Array(gzipSync(encodeMnist(s)))
    expect(isGzip(gz)).toBe(true)
    expect(await gunzip(gz)).toEqual(encodeMnist(s))
    const set = await decodeMnistAsset(gz.slice().buffer)
    expect(set.labels).toEqual(s.labels)
    expect(set.pixels[1]).toBe(1)
    expect((await decodeMnistAssetGrey(gz)).grey).toEqual(s.grey)
  })

  it('passes bytes that an HTTP layer already decompressed through', async () => {
    const raw = encodeMnist(sample(1))
    expect(isGzip(raw)).toBe(false)
    expect(await gunzip(raw)).toBe(raw)
  })

  it('reports corrupt or truncated gzip clearly', async () => {
    const gz = new Uint8Array(gzipSync(encodeMnist(sample(3))))
    await expect(gunzip(gz.subarray(0, gz.length >> 1))).rejects.toThrow(/gzip data is corrupt or truncated/)
  })

  it('names the asset paths relative to the base', () => {
    expect(MNIST_ASSET_PATHS).toEqual({ train: 'mnist/train.bin', test: 'mnist/test.bin' })
  })
})
