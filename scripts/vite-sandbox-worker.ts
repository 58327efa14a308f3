// A Vite plugin that bundles the sandbox worker (src/sandbox/worker.ts) into one classic script
// and serves it as a string: `import source from 'virtual:sandbox-worker'`. The sandbox frame has
// an opaque origin and a CSP without network, so it cannot fetch the worker: it gets the text and
// starts the worker from a Blob.
import { rolldown } from 'rolldown'
import type { Plugin } from 'vite'

const ID = 'virtual:sandbox-worker'

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
      const bundle = await rolldown({ input: entry, platform: 'browser', logLevel: 'warn' })
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
