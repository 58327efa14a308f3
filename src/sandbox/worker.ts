// The sandbox worker's entry: it takes the private port from the frame, then runs cells one at a
// time in the notebook scope. Everything a snippet can reach lives in this worker; the port is
// kept in this closure, so user code cannot speak for the runtime: what the worker posts with and
// reads messages with is taken now, before any snippet runs, so a snippet that wraps
// MessagePort.prototype.postMessage, Function.prototype.call or MessageEvent's `data` getter
// later is never handed the port (a bound function calls its target without looking anything up).
import type { WorkerToHost } from '../protocol/messages.ts'
import { parseHostToWorker } from '../protocol/schema.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'
import { installKernels, setFreshMemoryChurn } from '../runtime/kernels.ts'
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
// New large Matrices in memory that is still mapped (see src/engine/fresh.ts).
setFreshMemoryChurn(1)

const bind = Function.prototype.call.bind(Function.prototype.bind) as <F>(f: F, self: unknown) => F
const dataOf = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')!.get!) as (e: MessageEvent) => unknown
const portsOf = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'ports')!.get!) as (e: MessageEvent) => readonly MessagePort[]
const postMessage = MessagePort.prototype.postMessage
const setOnMessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!.set!

let post: ((m: WorkerToHost) => void) | null = null
const send = (m: WorkerToHost) => {
  if (post) post(m)
}
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
  const data = dataOf(e) as { type?: unknown } | null
  const port = portsOf(e)[0]
  if (post || data?.type !== 'port' || !(port instanceof MessagePort)) return
  self.removeEventListener('message', onPort)
  post = bind(postMessage, port) as (m: WorkerToHost) => void
  bind(setOnMessage, port)((ev: MessageEvent) => {
    // Only the data goes on: the event (whose target is the port) never reaches snippet code.
    const m = parseHostToWorker(dataOf(ev))
    if (!m) return
    if (m.type === 'reset') runtime.reset()
    else if (m.type === 'run') void runtime.run(m)
    else runtime.deliver(m)
  })
  send({ type: 'ready' })
})
