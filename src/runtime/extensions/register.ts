// How the extensions (plots, progress, MNIST, drawing pads) join the worker's runtime.
import { extendRuntime, type RuntimeExtension, type RuntimeServices } from '../runtime.ts'

export interface Extension extends RuntimeExtension {
  /**
   * Called when a run's code has finished (or thrown), before its last output and `done` are
   * sent: live plots send their final state here. (The runtime calls it once it supports it.)
   */
  onEnd?(): void
}

/** Adds an extension's globals to every runtime made afterwards. */
export function register(f: (services: RuntimeServices) => Extension): void {
  extendRuntime(f)
}
