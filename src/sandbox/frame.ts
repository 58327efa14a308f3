// The sandbox frame: an iframe with sandbox="allow-scripts" (an opaque origin) whose CSP allows no
// network. Its script starts the worker from a Blob (the worker inherits the CSP) and relays
// messages between the app and the worker through a private MessageChannel, so user code calling
// self.postMessage reaches nobody. The frame checks sizes before relaying; the app checks types.
import { MAX_LINE_LENGTH, MAX_LINES_PER_MESSAGE } from '../protocol/messages.ts'

export const SANDBOX_CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:"

// Plain JavaScript: it runs inside the frame, which loads nothing else.
const FRAME_SCRIPT = `
(() => {
  const MAX_LINES = ${MAX_LINES_PER_MESSAGE}, MAX_LEN = ${MAX_LINE_LENGTH}
  let parentOrigin = null, port = null, worker = null
  const toParent = (m) => { if (parentOrigin) parent.postMessage(m, parentOrigin) }
  const small = (m) => {
    if (!m || typeof m !== 'object') return false
    if (Array.isArray(m.lines)) {
      if (m.lines.length > MAX_LINES) return false
      for (const l of m.lines) if (typeof l !== 'string' || l.length > MAX_LEN) return false
    }
    if (typeof m.partial === 'string' && m.partial.length > MAX_LEN) return false
    if (m.error && typeof m.error.message === 'string' && m.error.message.length > MAX_LEN) return false
    return true
  }
  addEventListener('message', (e) => {
    if (e.source !== parent) return
    const m = e.data
    if (m && m.type === 'boot' && !worker && typeof m.source === 'string') {
      parentOrigin = e.origin === 'null' ? '*' : e.origin
      const url = URL.createObjectURL(new Blob([m.source], { type: 'text/javascript' }))
      worker = new Worker(url)
      const channel = new MessageChannel()
      port = channel.port1
      port.onmessage = (ev) => { if (small(ev.data)) toParent(ev.data) }
      worker.onerror = (ev) => { ev.preventDefault(); toParent({ type: 'crash', message: String(ev.message || 'the sandbox worker failed').slice(0, 500) }) }
      worker.postMessage({ type: 'port' }, [channel.port2])
    } else if (port && m && (m.type === 'run' || m.type === 'reset' || m.type === 'invoke')) {
      port.postMessage(m)
    } else if (port && m && m.type === 'data') {
      port.postMessage(m, [m.train, m.test].filter((b) => b instanceof ArrayBuffer))
    }
  })
})()
`

export function frameDocument(): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">
</head><body><script>${FRAME_SCRIPT}</script></body></html>`
}
