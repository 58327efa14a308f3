// The sandbox frame: an iframe with sandbox="allow-scripts" (an opaque origin) whose CSP allows no
// network. Its script starts the worker from a Blob (the worker inherits the CSP) and relays
// messages between the app and the worker through a private MessageChannel, so user code calling
// self.postMessage reaches nobody. What it relays from the worker is copied field by field along
// the schema's shapes (protocol/relay.ts) and wrapped as `{ from: 'worker', msg }`; its own word
// is `{ from: 'frame', msg }` (ready, crash) with a text of its own, never the worker's.
import { RELAY_JS, relayShapes } from '../protocol/relay.ts'

/** The frame's own policy; the page's policy (csp.ts) applies on top of it, inherited. */
export const SANDBOX_CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:; worker-src blob:"

/** Said by the frame when its worker fails: a fixed text, so a snippet cannot choose the words. */
export const CRASH_TEXT = 'its worker stopped with an error it could not report'

// Plain JavaScript: it runs inside the frame, which loads nothing else.
const frameScript = () => `
(() => {
  ${RELAY_JS}
  const SHAPES = ${JSON.stringify(relayShapes())}
  let parentOrigin = null, port = null, worker = null, ready = false, ran = false, dropped = false
  const toParent = (from, msg) => { if (parentOrigin) parent.postMessage({ from, msg }, parentOrigin) }
  addEventListener('message', (e) => {
    if (e.source !== parent) return
    const m = e.data
    if (m && m.type === 'boot' && !worker && typeof m.source === 'string') {
      parentOrigin = e.origin === 'null' ? '*' : e.origin
      const url = URL.createObjectURL(new Blob([m.source], { type: 'text/javascript' }))
      worker = new Worker(url)
      const channel = new MessageChannel()
      port = channel.port1
      port.onmessage = (ev) => {
        const copy = relayCopy(SHAPES, ev.data)
        if (!copy) {
          // said once per run, so that a flood of bad messages is not a flood of notices
          if (!dropped) toParent('frame', { type: 'dropped' })
          dropped = true
          return
        }
        // The worker's first word, before any run, is the frame's "ready"; later ones are nothing.
        if (copy.type === 'ready') {
          if (!ready && !ran) toParent('frame', { type: 'ready' })
          ready = true
        } else toParent('worker', copy)
      }
      worker.onerror = (ev) => { ev.preventDefault(); toParent('frame', { type: 'crash', message: ${JSON.stringify(CRASH_TEXT)} }) }
      worker.postMessage({ type: 'port' }, [channel.port2])
    } else if (port && m && (m.type === 'run' || m.type === 'reset' || m.type === 'invoke')) {
      ran = true
      if (m.type === 'run') dropped = false
      port.postMessage(m)
    } else if (port && m && m.type === 'data') {
      port.postMessage(m, [m.train, m.test].filter((b) => b instanceof ArrayBuffer))
    }
  })
})()
`

let script: string | null = null
/** The frame's script, exactly as it stands in the frame (the page's CSP allows it by hash). */
export function frameScriptText(): string {
  script ??= frameScript()
  return script
}

export function frameDocument(): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">
</head><body><script>${frameScriptText()}</script></body></html>`
}
