// Decompressing an MNIST asset (mnist-format.ts describes it) where it is used: in the sandbox
// worker, after the app has fetched the bytes from its own origin and transferred them. Uses the
// DecompressionStream, Blob and Response globals (Chromium, Firefox, Safari 16.4+, workers, Node 18+).
import { decodeMnist, decodeMnistGrey, type MnistGrey, type MnistSet } from './mnist-format.ts'

/** True when bytes begin with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/**
 * Gunzips bytes. Bytes that are not gzip (an HTTP layer that already undid a Content-Encoding)
 * come back as they are, so the result is the container either way.
 */
export async function gunzip(bytes: Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  const input = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  if (!isGzip(input)) return input
  const stream = new Blob([input as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer())
  } catch (e) {
    throw new Error(`MNIST asset: gzip data is corrupt or truncated (${e instanceof Error ? e.message : String(e)})`, { cause: e })
  }
}

/** A fetched asset (train.bin or test.bin) to numbers: gunzip, then decodeMnist. */
export async function decodeMnistAsset(bytes: Uint8Array | ArrayBuffer): Promise<MnistSet> {
  return decodeMnist(await gunzip(bytes))
}

/** A fetched asset to grey levels 0-255 (47 MB for the training set instead of 376 MB of Float64). */
export async function decodeMnistAssetGrey(bytes: Uint8Array | ArrayBuffer): Promise<MnistGrey> {
  return decodeMnistGrey(await gunzip(bytes))
}
