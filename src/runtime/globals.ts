// The snippet globals: the one list of the names a cell can use without declaring them. The worker
// installs exactly these (runtime.ts, extensions/), and the editor declares exactly these
// (src/editor/dts-gen.ts keeps only these of the engine's exports; snippet-lib.ts and
// extensions-dts.ts declare the rest). src/integration/globals.test.ts checks both sides against
// this list. It is data only, so the editor can import it without the runtime.
import type * as Engine from '../engine/index.ts'

/** The engine's exports that snippets see (CONTRACT.md sections 1 and 2). */
export const ENGINE_GLOBALS = [
  'Value', 'Tensor', 'Matrix', 'backward', 'zero_grad', 'exp', 'log', 'tanh', 'relu', 'sigmoid',
  'softmax_crossentropy', 'element_mul', 'sum', 'matmul', 'show', 'seed', 'rand', 'randn', 'zeros', 'ones',
] as const satisfies readonly (keyof typeof Engine)[]

/** The runtime's own: Julia's printing, and drawing a graph without backward. */
export const RUNTIME_GLOBALS = ['println', 'print', 'draw'] as const

/** The extensions' (runtime/extensions/): plots, progress, the MNIST data, drawing pads. */
export const EXTENSION_GLOBALS = ['scatter', 'plot', 'imshow', 'progress', 'mnist', 'pad'] as const

/**
 * What every worker already has, declared for snippets by the editor's library (the rest of the
 * worker's scope is not offered): console (its output goes to the cell), timers, performance.now.
 */
export const HOST_GLOBALS = ['console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'performance'] as const

/** Every name a snippet may use without declaring it. */
export const SNIPPET_GLOBALS: readonly string[] = [...ENGINE_GLOBALS, ...RUNTIME_GLOBALS, ...EXTENSION_GLOBALS, ...HOST_GLOBALS]
