// The plugin end to end with a tiny synthetic data folder: `vite build` emits the assets,
// `vite preview` and the dev server hand them to a plain fetch as the gzip bytes.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build, createServer, preview, type InlineConfig } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MNIST_ASSET_PATHS, decodeMnist } from '../../src/protocol/mnist-format.ts'
import { decodeMnistAsset, gunzip } from '../../src/protocol/mnist-gunzip.ts'
import { MNIST_IDX_FILES } from './convert.ts'
import { syntheticMnist } from './fixtures.ts'
import { mnistAssets } from './vite-plugin.ts'

let root = ''
let dataDir = ''
const config = (extra: InlineConfig = {}): InlineConfig => ({
  root,
  configFile: false,
  logLevel: 'silent',
  plugins: [mnistAssets({ dataDir, cacheDir: path.join(root, 'cache') })],
  ...extra,
})

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mnist-plugin-'))
  dataDir = path.join(root, 'data')
  await mkdir(dataDir)
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>t</title><p>hi</p>')
  for (const [split, n] of [['train', 4], ['test', 2]] as const) {
    const s = syntheticMnist(n)
    await writeFile(path.join(dataDir, MNIST_IDX_FILES[split][0]), s.imagesIdx)
    await writeFile(path.join(dataDir, MNIST_IDX_FILES[split][1]), s.labelsIdx)
  }
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function fetchAsset(origin: string, p: string): Promise<Response> {
  return fetch(new URL(p, origin), { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
}

describe('mnistAssets()', () => {
  it('emits mnist/train.bin and mnist/test.bin at build time, and vite preview serves them as bytes', async () => {
    await build(config({ build: { outDir: 'dist' } }))
    const train = new Uint8Array(await readFile(path.join(root, 'dist', MNIST_ASSET_PATHS.train)))
    expect([train[0], train[1]]).toEqual([0x1f, 0x8b])
    expect((await decodeMnistAsset(train)).count).toBe(4)

    const server = await preview(config({ build: { outDir: 'dist' }, preview: { host: '127.0.0.1', port: 0 } }))
    try {
      const { port } = server.httpServer.address() as AddressInfo
      const res = await fetchAsset(`http://127.0.0.1:${port}`, '/' + MNIST_ASSET_PATHS.train)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-encoding')).toBeNull()
      expect(res.headers.get('content-type')).toBe('application/octet-stream')
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect(bytes).toEqual(train)
      const test = await decodeMnistAsset(await (await fetchAsset(`http://127.0.0.1:${port}`, '/mnist/test.bin')).arrayBuffer())
      expect(Array.from(test.labels)).toEqual([7, 0])
    } finally {
      await server.close()
    }
  })

  it('serves the same bytes from the dev server, under the base too', async () => {
    const built = new Uint8Array(await readFile(path.join(root, 'dist', MNIST_ASSET_PATHS.test)))
    for (const base of ['/', '/app/']) {
      const server = await createServer(config({ base, server: { host: '127.0.0.1', port: 0, ws: false } }))
      await server.listen()
      try {
        const { port } = server.httpServer!.address() as AddressInfo
        const res = await fetchAsset(`http://127.0.0.1:${port}`, base + MNIST_ASSET_PATHS.test)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toBe('application/octet-stream')
        const bytes = new Uint8Array(await res.arrayBuffer())
        expect(bytes).toEqual(built)
        const set = await decodeMnistAsset(bytes)
        expect(set.pixels).toEqual(decodeMnist(await gunzip(built)).pixels)
      } finally {
        await server.close()
      }
    }
  })

  it('answers 500 with the reason in dev when the data cannot be converted', async () => {
    const server = await createServer({
      ...config({ server: { host: '127.0.0.1', port: 0, ws: false } }),
      plugins: [mnistAssets({ dataDir: path.join(root, 'missing'), cacheDir: null })],
    })
    await server.listen()
    try {
      const { port } = server.httpServer!.address() as AddressInfo
      const res = await fetchAsset(`http://127.0.0.1:${port}`, '/mnist/train.bin')
      expect(res.status).toBe(500)
      expect(await res.text()).toMatch(/train-images-idx3-ubyte not found/)
    } finally {
      await server.close()
    }
  })
})
