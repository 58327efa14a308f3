// The extensions' globals as the editor's type checker and hovers see them: a global script to
// append to the snippet library (src/editor/snippet-lib.ts's RUNTIME_DTS). It imports nothing, so
// it can be moved or copied as it is; `Value`, `Tensor` and `Matrix` come from the engine's
// declarations. src/integration/globals.test.ts checks its names against runtime/globals.ts and the
// globals that the extensions install.

export const EXTENSIONS_DTS = `
/** Numbers for a plot: number[], a typed array, Value[], or a one-row or one-column Matrix or Tensor. */
type PlotSeries = ArrayLike<number | Value> | Matrix | Tensor

interface PlotOptions {
  /** the plot's title */
  title?: string
  /** the x axis' label */
  xlabel?: string
  /** the y axis' label */
  ylabel?: string
  /** this mark's name in the legend */
  label?: string
  /** a CSS color, such as 'crimson' or '#2f5fd0' */
  color?: string
  /** draw on the cell's previous plot instead of starting a new one (Julia's \`plot!\`) */
  add?: boolean
}

/** A mark in a cell's output, redrawn live: updates reach the page about ten times a second. */
interface PlotHandle {
  /** the plot's id in the cell's output */
  readonly id: number
  /** Replaces the mark's points: \`update(xs, ys)\`, or \`update(ys)\` for x = 1, 2, ... */
  update(xs: PlotSeries, ys?: PlotSeries): this
  /** Adds one point: the cheap way to grow a curve inside a loop (\`curve.push(step, loss)\`). */
  push(x: number | Value, y: number | Value): this
}

/**
 * A scatter plot under the cell: one dot per (x, y).
 *
 * \`\`\`ts
 * scatter(heights, skills, { title: 'Skill by height', xlabel: 'height', ylabel: 'skill' })
 * \`\`\`
 * With \`{ add: true }\` the dots are drawn on the cell's previous plot.
 */
declare function scatter(xs: PlotSeries, ys: PlotSeries, options?: PlotOptions): PlotHandle
/** A scatter plot of ys against 1, 2, ..., n. */
declare function scatter(ys: PlotSeries, options?: PlotOptions): PlotHandle

/**
 * A line through the points (x, y), under the cell. \`{ add: true }\` draws it over the cell's
 * previous plot (Julia's \`plot!\`). For a live curve, keep the handle and call
 * \`handle.push(x, y)\` or \`handle.update(xs, ys)\` as the loop runs.
 *
 * \`\`\`ts
 * plot([40, 90], [m * 40 + b, m * 90 + b], { add: true, label: 'fit' })
 * \`\`\`
 */
declare function plot(xs: PlotSeries, ys: PlotSeries, options?: PlotOptions): PlotHandle
/** A line through ys against 1, 2, ..., n. */
declare function plot(ys: PlotSeries, options?: PlotOptions): PlotHandle

interface ImageOptions {
  /** the image's height in pixels (by default a square, or the Matrix's shape) */
  rows?: number
  /** the image's width in pixels */
  cols?: number
  title?: string
}

interface ImageHandle {
  readonly id: number
  /** Shows other pixels in the same place. */
  update(image: Matrix | Tensor | ArrayLike<number | Value> | number[][]): this
}

/**
 * An image in grey levels under the cell: 0 is paper, 1 is ink (values outside [0, 1] are scaled).
 * A Matrix keeps its shape, except that one row of 784 pixels (an MNIST image) is shown as 28 x 28.
 *
 * \`\`\`ts
 * imshow(test.image(0), { title: 'a ' + test.label(0) })
 * \`\`\`
 */
declare function imshow(image: Matrix | Tensor | ArrayLike<number | Value> | number[][], options?: ImageOptions): ImageHandle

interface Progress {
  /**
   * Shows how far a long loop has come, under the cell, with the time left: \`progress(i, n)\`
   * says that i of n steps are done. Reports reach the page about ten times a second. With a
   * \`unit\` the count is of those, and their rate is shown: \`progress(seen, 100800, 'training', 'images')\`
   * reads \`... · 25,000 images/s\`.
   */
  (done: number, total: number, label?: string, unit?: string): void
  /**
   * 0, 1, ..., n - 1, showing the loop's progress as it goes:
   *
   * \`\`\`ts
   * for (const i of progress.range(100000, 'training')) { ... }
   * \`\`\`
   */
  range(n: number, label?: string): IterableIterator<number>
}
declare const progress: Progress

/** One split of MNIST: 28 x 28 grey images of hand-written digits, with their labels. */
interface MnistData {
  /** the number of images (60,000 for train, 10,000 for test) */
  readonly count: number
  /** each image's height and width: 28 */
  readonly rows: number
  readonly cols: number
  /** pixels per image: 784 */
  readonly size: number
  /** image i's digit, 0-9 */
  readonly labels: Uint8Array
  /** Images start..end-1 as a Matrix of (end - start) rows of 784 pixels in [0, 1]. */
  images(start?: number, end?: number): Matrix
  /** The labels of images start..end-1, one-hot: (end - start) rows of 10 with a 1 at the digit. */
  onehot(start?: number, end?: number): Matrix
  /** Image i as a 1 x 784 row (imshow shows it as 28 x 28). */
  image(i: number): Matrix
  /** Image i's digit. */
  label(i: number): number
}

/** The MNIST digits, bundled with the playground. */
declare const mnist: {
  /**
   * The standard MNIST set: 60,000 training and 10,000 test images. The first call fetches them
   * (about 11 MB); later calls return them at once.
   *
   * \`\`\`ts
   * const { train, test } = await mnist.load()
   * const X = train.images(0, 100)   // a (100, 784) Matrix
   * const y = train.onehot(0, 100)   // a (100, 10) Matrix
   * \`\`\`
   */
  load(): Promise<{ train: MnistData; test: MnistData }>
}

/** What a pad's function returns: a line of text, or text with bars (such as ten probabilities). */
type PadAnswer = string | { text: string; bars?: ArrayLike<number> | Matrix }

/**
 * A drawing pad under the cell: the reader draws (mouse, pen or touch), and after each stroke
 * \`f\` gets the drawing as a 1 x 784 Matrix in [0, 1] (0 paper, 1 ink, centred as MNIST's digits
 * are) and returns what to show beside the pad.
 *
 * \`\`\`ts
 * pad((pixels) => ({ text: 'I see a ' + guess(pixels), bars: probabilities(pixels) }), { title: 'Draw a digit' })
 * \`\`\`
 */
declare function pad(f: (pixels: Matrix) => PadAnswer | Promise<PadAnswer>, options?: { title?: string; rows?: number; cols?: number }): { readonly handle: number }
`
