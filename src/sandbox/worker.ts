// The sandbox worker's entry: it takes the private port from the frame, then runs cells one at a
// time in the notebook scope. Everything a snippet can reach lives in this worker; the port is
// kept in this closure, so user code cannot speak for the runtime.
import { parseHostToWorker, type WorkerToHost } from '../protocol/messages.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'
import { installKernels } from '../runtime/kernels.ts'
import kernels from 'virtual:wasm-kernels'
// Plots, progress, MNIST and drawing pads register their globals with the runtime on import.
import '../runtime/extensions/index.ts'

// The worker's global scope, typed by hand: the DOM and WebWorker libs cannot share one program.
interface WorkerScope {
  addEventListener(type: 'message', f: (e: MessageEvent) => void): void
  addEventListener(type: 'error', f: (e: ErrorEvent) => void): void
  addEventListener(type: 'unhandledrejection', f: (e: PromiseRejectionEvent) => void): void
  removeEventListener(type: 'message', f: (e: MessageEvent) => void): void
}
declare const self: WorkerScope

// Relaxed SIMD where this browser validates it, plain SIMD otherwise, JavaScript where the page's
// CSP refuses WebAssembly. Said once on the console (the page's tests read it), never in outputs.
console.info(`SimpleGrad kernels: ${installKernels(kernels)}`)

let port: MessagePort | null = null
const send = (m: WorkerToHost) => port?.postMessage(m)
const runtime = createSandboxRuntime(self as unknown as Record<string, unknown>, send)

// Errors that escape a run (a throwing timer callback, an unhandled rejection) go to the cell that
// ran last, so nothing fails silently.
self.addEventListener('error', (e) => {
  e.preventDefault()
  runtime.reportStray(e.error ?? new Error(e.message))
})
self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault()
  runtime.reportStray(e.reason)
})

self.addEventListener('message', function onPort(e: MessageEvent) {
  if (port || e.data?.type !== 'port' || !(e.ports[0] instanceof MessagePort)) return
  self.removeEventListener('message', onPort)
  port = e.ports[0]
  port.onmessage = (ev) => {
    const m = parseHostToWorker(ev.data)
    if (!m) return
    if (m.type === 'reset') runtime.reset()
    else if (m.type === 'run') void runtime.run(m)
    else runtime.deliver(m)
  }
  send({ type: 'ready' })
})
