import { describe, expect, it } from 'vitest'
import { decodeMnist } from '../../src/protocol/mnist-format.ts'
import { gunzip } from '../../src/protocol/mnist-gunzip.ts'
import { compressAsset } from './convert.ts'
import { idxBytes, syntheticMnist, syntheticPixel } from './fixtures.ts'
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxError, idxToMnist, parseIdx } from './idx.ts'

describe('IDX parsing', () => {
  it('reads the magic numbers, big-endian dimensions and data of a synthetic pair', () => {
    const s = syntheticMnist(3)
    expect(Array.from(s.imagesIdx.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 28, 0, 0, 0, 28])
    expect(Array.from(s.labelsIdx.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0, 3])
    const images = parseIdx(s.imagesIdx, 3)
    expect(images.dims).toEqual([3, 28, 28])
    expect(images.data.length).toBe(3 * 784)
    expect(images.data[784 + 2 * 28 + 5]).toBe(syntheticPixel(1, 2, 5))
    expect(parseIdx(s.labelsIdx, 1)).toEqual({ dims: [3], data: Uint8Array.of(7, 0, 9) })
    expect(IDX_IMAGES_MAGIC).toBe(0x803)
    expect(IDX_LABELS_MAGIC).toBe(0x801)
  })
})

describe('IDX → asset conversion', () => {
  it('round-trips 3 synthetic images through convert → gzip → gunzip → decode', async () => {
    const s = syntheticMnist(3)
    const gz = await compressAsset(idxToMnist(s.imagesIdx, s.labelsIdx))
    expect(gz[0]).toBe(0x1f)
    expect(gz[1]).toBe(0x8b)
    const set = decodeMnist(await gunzip(gz))
    expect(set).toMatchObject({ count: 3, rows: 28, cols: 28 })
    expect(Array.from(set.labels)).toEqual([7, 0, 9])
    for (let i = 0; i < 3; i++) {
      for (let r = 0; r < 28; r++) {
        for (let c = 0; c < 28; c++) expect(set.pixels[i * 784 + r * 28 + c]).toBe(syntheticPixel(i, r, c) / 255)
      }
    }
  })

  it('converts at 4 bits too, within half a grey level', async () => {
    const s = syntheticMnist(3)
    const container = idxToMnist(s.imagesIdx, s.labelsIdx, 4)
    expect(container.length).toBe(16 + 3 + (3 * 784) / 2)
    const set = decodeMnist(await gunzip(await compressAsset(container)))
    for (let k = 0; k < s.grey.length; k++) expect(Math.abs(set.pixels[k] - s.grey[k] / 255)).toBeLessThanOrEqual(0.5 / 15 + 1e-12)
  })

  it('keeps other image sizes', () => {
    const s = syntheticMnist(2, 3, 5)
    const set = decodeMnist(idxToMnist(s.imagesIdx, s.labelsIdx))
    expect(set).toMatchObject({ count: 2, rows: 3, cols: 5 })
    expect(set.pixels[15 + 2 * 5 + 4]).toBe(syntheticPixel(1, 2, 4) / 255)
  })

  describe('malformed input gives clear errors', () => {
    const s = syntheticMnist(3)

    it('bad magic in the images file', () => {
      const bad = idxBytes([3, 28, 28], s.grey, 0x00000d03) // float data, not unsigned bytes
      expect(() => idxToMnist(bad, s.labelsIdx)).toThrow(IdxError)
      expect(() => idxToMnist(bad, s.labelsIdx)).toThrow('MNIST images file: bad magic number 0x00000d03, expected 0x00000803')
    })

    it('the two files swapped', () => {
      expect(() => idxToMnist(s.labelsIdx, s.imagesIdx)).toThrow(/images file: bad magic number 0x00000801, expected 0x00000803/)
    })

    it('bad magic in the labels file', () => {
      const bad = idxBytes([3], s.labels, 0x08010000)
      expect(() => idxToMnist(s.imagesIdx, bad)).toThrow(/labels file: bad magic number 0x08010000, expected 0x00000801/)
    })

    it('count mismatch between images and labels', () => {
      const labels = idxBytes([2], [7, 0])
      expect(() => idxToMnist(s.imagesIdx, labels)).toThrow('MNIST: count mismatch: the images file has 3 images, the labels file 2 labels')
    })

    it('truncated images data', () => {
      const cut = s.imagesIdx.subarray(0, s.imagesIdx.length - 100)
      expect(() => idxToMnist(cut, s.labelsIdx)).toThrow(
        'MNIST images file: truncated: dimensions 3 x 28 x 28 need 2352 data bytes, the file has 2252',
      )
    })

    it('truncated header', () => {
      expect(() => idxToMnist(s.imagesIdx.subarray(0, 10), s.labelsIdx)).toThrow(/truncated header: 10 bytes, the 3-d header needs 16/)
      expect(() => idxToMnist(new Uint8Array(2), s.labelsIdx)).toThrow(/2 bytes, too short for an IDX header/)
    })

    it('truncated labels', () => {
      expect(() => idxToMnist(s.imagesIdx, s.labelsIdx.subarray(0, 9))).toThrow(/labels file: truncated: dimensions 3 need 3 data bytes, the file has 1/)
    })

    it('trailing bytes', () => {
      const longer = new Uint8Array(s.labelsIdx.length + 1)
      longer.set(s.labelsIdx)
      expect(() => idxToMnist(s.imagesIdx, longer)).toThrow(/labels file: 1 bytes after the data of dimensions 3/)
    })

    it('a label that is not a digit', () => {
      expect(() => idxToMnist(s.imagesIdx, idxBytes([3], [7, 10, 9]))).toThrow(/label 1 is 10, expected a digit 0-9/)
    })

    it('an empty image size', () => {
      expect(() => idxToMnist(idxBytes([3, 0, 28], []), s.labelsIdx)).toThrow(/bad image size 0 x 28/)
    })
  })
})
