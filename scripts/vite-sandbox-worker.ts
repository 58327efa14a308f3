// A Vite plugin that bundles the sandbox worker (src/sandbox/worker.ts) into one classic script
// and serves it as a string: `import source from 'virtual:sandbox-worker'`. The sandbox frame has
// an opaque origin and a CSP without network, so it cannot fetch the worker: it gets the text and
// starts the worker from a Blob.
import { readFileSync } from 'node:fs'
import { rolldown, type Plugin as RolldownPlugin } from 'rolldown'
import type { Plugin } from 'vite'
import { buildWasm, outFile } from './build-wasm.mjs'

const ID = 'virtual:sandbox-worker'
const KERNELS = 'virtual:wasm-kernels'

/**
 * `import kernels from 'virtual:wasm-kernels'` in the worker: the WebAssembly kernels' bytes,
 * embedded as base64 (the frame cannot fetch them), built first if they are missing.
 */
function wasmKernels(watch: (file: string) => void): RolldownPlugin {
  return {
    name: 'wasm-kernels',
    resolveId(source) {
      return source === KERNELS ? '\0' + KERNELS : null
    },
    load(id) {
      if (id !== '\0' + KERNELS) return null
      buildWasm(true)
      const b64 = (flavour: string) => {
        const file = outFile('gemm', flavour)
        watch(file)
        return JSON.stringify(readFileSync(file).toString('base64'))
      }
      const decode = 'const bytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))'
      return `${decode}\nexport default { simd: bytes(${b64('simd')}), relaxed: bytes(${b64('relaxed')}) }`
    },
  }
}

export function sandboxWorker(entry = 'src/sandbox/worker.ts'): Plugin {
  let minify = false
  return {
    name: 'sandbox-worker',
    configResolved(config) {
      minify = config.command === 'build'
    },
    resolveId(source) {
      return source === ID ? '\0' + ID : null
    },
    async load(id) {
      if (id !== '\0' + ID) return null
      const bundle = await rolldown({ input: entry, platform: 'browser', logLevel: 'warn', plugins: [wasmKernels((f) => this.addWatchFile(f))] })
      try {
        const { output } = await bundle.generate({ format: 'iife', minify })
        const chunk = output[0]
        for (const m of chunk.moduleIds) if (!m.startsWith('\0')) this.addWatchFile(m)
        return `export default ${JSON.stringify(chunk.code)}`
      } finally {
        await bundle.close()
      }
    },
  }
}
