// Vite plugins for the code editor (src/editor/):
//
// - `virtual:simplegrad-engine-dts` is the engine's declarations, generated at build time (and
//   again in the dev server when an engine file changes): one global script of everything
//   src/engine/index.ts exports, with its doc comments (src/editor/dts-gen.ts). Nothing is kept
//   by hand.
// - Monaco's TypeScript mode names its own worker with `new URL('ts.worker.js', import.meta.url)`,
//   which Vite would bundle (7 MB) although MonacoEnvironment.getWorker starts ours
//   (src/editor/ts.worker.ts) instead. That fallback is cut out.
import { resolve } from 'node:path'
import ts from 'typescript'
import type { Plugin } from 'vite'
import { generateEngineDeclarations } from '../src/editor/dts-gen.ts'

const ID = 'virtual:simplegrad-engine-dts'
const TS_WORKER_MANAGER = /monaco-editor\/esm\/vs\/languages\/features\/typescript\/workerManager\.js$/
const OWN_WORKER = /new Worker\(new URL\('ts\.worker\.js', import\.meta\.url\)[^)]*\)/

export function editorDts(entry = 'src/engine/index.ts'): Plugin[] {
  let root = process.cwd()
  const declarations: Plugin = {
    name: 'simplegrad-engine-dts',
    configResolved(config) {
      root = config.root
    },
    resolveId(source) {
      return source === ID ? '\0' + ID : null
    },
    load(id) {
      if (id !== '\0' + ID) return null
      const { text, sources } = generateEngineDeclarations(ts, resolve(root, entry))
      for (const file of sources) this.addWatchFile(file)
      return `export default ${JSON.stringify(text)}`
    },
  }
  const oneTsWorker: Plugin = {
    name: 'simplegrad-monaco-ts-worker',
    enforce: 'pre',
    transform(code, id) {
      if (!TS_WORKER_MANAGER.test(id.replace(/\\/g, '/'))) return null
      if (!OWN_WORKER.test(code)) {
        this.warn("Monaco's TypeScript worker reference has changed; its worker is bundled as well as ours")
        return null
      }
      return { code: code.replace(OWN_WORKER, "(() => { throw new Error('MonacoEnvironment.getWorker starts the TypeScript worker') })()"), map: null }
    },
  }
  return [declarations, oneTsWorker]
}
