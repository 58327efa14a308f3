// Tiny synthetic MNIST files for the tests: IDX bytes built by hand, with known pixels and labels.

/** An unsigned-byte IDX file: magic 0x0000 08 <ndims>, big-endian uint32 dims, then data. */
export function idxBytes(dims: number[], data: ArrayLike<number>, magic = 0x0800 | dims.length): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, magic, false)
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false))
  out.set(Array.from(data), 4 + 4 * dims.length)
  return out
}

/** Image i's pixel (r, c) in the synthetic set. */
export function syntheticPixel(i: number, r: number, c: number): number {
  return (i * 97 + r * 28 + c * 3) % 256
}

export interface SyntheticMnist {
  count: number
  rows: number
  cols: number
  labels: Uint8Array
  grey: Uint8Array
  imagesIdx: Uint8Array
  labelsIdx: Uint8Array
}

/** count images of rows x cols with syntheticPixel values; labels 7, 0, 9, 7, 0, 9, … */
export function syntheticMnist(count = 3, rows = 28, cols = 28): SyntheticMnist {
  const labels = Uint8Array.from({ length: count }, (_, i) => [7, 0, 9][i % 3])
  const grey = new Uint8Array(count * rows * cols)
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) grey[(i * rows + r) * cols + c] = syntheticPixel(i, r, c)
  }
  return {
    count,
    rows,
    cols,
    labels,
    grey,
    imagesIdx: idxBytes([count, rows, cols], grey),
    labelsIdx: idxBytes([count], labels),
  }
}
