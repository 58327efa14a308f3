import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodeMnist } from '../../protocol/mnist-format.ts'
import type { WorkerToHost } from '../../protocol/messages.ts'
import { MnistData, MnistLoader } from './mnist.ts'

/** A tiny set of 2 x 2 images: image i has grey level 10 * i + p at pixel p, and label i % 10. */
function asset(count: number): ArrayBuffer {
  const grey = Uint8Array.from({ length: count * 4 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4))
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10)
  const gz = gzipSync(encodeMnist({ count, rows: 2, cols: 2, labels, grey }))
  return gz.buffer.slice(gz.byteOffset, gz.byteOffset + gz.byteLength) as ArrayBuffer
}

describe('mnist.load()', () => {
  it('asks the page once, decodes what it sends, and keeps it for later calls', async () => {
    const sent: WorkerToHost[] = []
    const loader = new MnistLoader({ send: (m) => sent.push(m), runId: () => 5 })
    const a = loader.load()
    const b = loader.load()
    expect(sent).toEqual([{ type: 'need', runId: 5, what: 'mnist' }])
    loader.deliver({ type: 'data', what: 'mnist', train: asset(12), test: asset(3) })
    const [x, y] = await Promise.all([a, b])
    expect(x).toBe(y)
    expect(x.train.count).toBe(12)
    expect(x.test.count).toBe(3)
    expect(await loader.load()).toBe(x)
    expect(sent).toHaveLength(1)
  })

  it('rejects with the page\'s reason, and asks again next time', async () => {
    const sent: WorkerToHost[] = []
    const loader = new MnistLoader({ send: (m) => sent.push(m), runId: () => 1 })
    const a = loader.load()
    loader.deliver({ type: 'data', what: 'mnist', error: 'HTTP 404' })
    await expect(a).rejects.toThrow('mnist.load(): HTTP 404')
    void loader.load()
    expect(sent).toHaveLength(2)
  })

  it('rejects when the bytes are not an MNIST asset', async () => {
    const loader = new MnistLoader({ send: () => {}, runId: () => 1 })
    const a = loader.load()
    loader.deliver({ type: 'data', what: 'mnist', train: new ArrayBuffer(8), test: new ArrayBuffer(8) })
    await expect(a).rejects.toThrow(/^mnist\.load\(\): /)
  })
})

describe('MnistData: Matrices made on demand from grey bytes', () => {
  const grey = Uint8Array.from({ length: 5 * 4 }, (_, k) => (k * 13) % 256)
  const data = new MnistData({ count: 5, rows: 2, cols: 2, labels: Uint8Array.of(3, 1, 4, 1, 5), grey }, 'train')

  it('images(start, end) is one row of pixels in [0, 1] per image', () => {
    const m = data.images(1, 3)
    expect(m.shape).toEqual([2, 4])
    expect(Array.from(m.data)).toEqual(Array.from(grey.subarray(4, 12), (g) => g / 255))
    expect(m.vector).toBe(false)
    expect(data.images().shape).toEqual([5, 4])
  })

  it('a batch is written from the grey bytes when first read, the same numbers', () => {
    const m = data.images(0, 5)
    expect(m.source).not.toBeInstanceOf(Float64Array) // nothing written yet: a product takes the bytes
    expect(m.get(4, 3)).toBe(grey[19] / 255)
    expect(m.source).toBeInstanceOf(Float64Array) // written once, then kept
    expect(Array.from(m.data)).toEqual(Array.from(grey, (g) => g / 255))
  })

  it('onehot(start, end) has a 1 in each row\'s label column', () => {
    expect(data.onehot(0, 2).toArray()).toEqual([
      [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    ])
  })

  it('image(i) is a 1 x size row and label(i) its digit', () => {
    expect(data.image(4).shape).toEqual([1, 4])
    expect(data.label(2)).toBe(4)
    expect(data.labels[4]).toBe(5)
    expect(data.size).toBe(4)
    expect(String(data)).toBe('MNIST train: 5 images of 2 x 2')
  })

  it('says which images exist when asked for others', () => {
    expect(() => data.images(4, 6)).toThrow('train.images(4, 6): images are numbered 0 to 4, and start < end')
    expect(() => data.images(2, 2)).toThrow('start < end')
    expect(() => data.image(5)).toThrow('train.image(5): images are numbered 0 to 4')
    expect(() => data.onehot(0.5, 2)).toThrow('train.onehot(0.5, 2)')
  })
})
