// Wires the store to the real world: the compiler and the sandbox host.
import { compile } from '../compiler/compile.ts'
import { SandboxHost } from '../sandbox/host.ts'
import { MNIST_ASSET_PATHS } from '../protocol/mnist-format.ts'
import { createNotebookStore, type NotebookEnv } from './store.ts'
import type { NotebookDoc } from './types.ts'
import type { LineMap } from '../compiler/compile.ts'

export interface BrowserEnv {
  document: Document
  window: Window
  workerSource: string
}

export function createBrowserNotebook(env: BrowserEnv, initial?: NotebookDoc) {
  let counter = 0
  // eslint-disable-next-line prefer-const
  let store: ReturnType<typeof createNotebookStore>
  const host = new SandboxHost(env, { onMessage: (m) => store.getState().receive(m), onRejected: () => store.getState().rejected() })
  const notebookEnv: NotebookEnv = {
    compile(source) {
      const r = compile(source)
      return r.ok ? { ok: true, code: r.code, map: r.map } : { ok: false, error: { name: 'SyntaxError', ...r.error } }
    },
    send: ({ runId, cellId, code, map }) => void host.run({ runId, cellId, code, map: map as LineMap }),
    kill: () => host.stop(),
    provide: (what) => {
      if (what !== 'mnist') return
      fetchMnist(env.window).then(
        ([train, test]) => host.post({ type: 'data', what, train, test }, [train, test]),
        (e: unknown) => host.post({ type: 'data', what, error: e instanceof Error ? e.message : String(e) }),
      )
    },
    invoke: (handle, pixels) => host.post({ type: 'invoke', handle, pixels }),
    newId: () => `c${Date.now().toString(36)}${(counter++).toString(36)}`,
  }
  store = createNotebookStore(notebookEnv, initial)
  return { store, host }
}

/** The bundled MNIST assets, fetched once from our own origin; each hand-over gets a copy. */
let mnistCache: Promise<[ArrayBuffer, ArrayBuffer]> | null = null
async function fetchMnist(win: Window): Promise<[ArrayBuffer, ArrayBuffer]> {
  mnistCache ??= Promise.all([MNIST_ASSET_PATHS.train, MNIST_ASSET_PATHS.test].map(async (path) => {
    const res = await win.fetch(new URL(import.meta.env.BASE_URL + path, win.location.href))
    if (!res.ok) throw new Error(`could not load ${path} from this site (HTTP ${res.status})`)
    return res.arrayBuffer()
  })) as Promise<[ArrayBuffer, ArrayBuffer]>
  mnistCache.catch(() => { mnistCache = null })
  const [train, test] = await mnistCache
  return [train.slice(0), test.slice(0)]
}
