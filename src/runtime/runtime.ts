// The worker's runtime: the snippet globals (the engine, println, print, console), the notebook
// scope (the worker's global object, see compile.ts), and running one cell at a time with its
// output streamed and its errors mapped back to the cell's own line and column.
import * as engine from '../engine/index.ts'
import { cellPositionFromStack, measureLineOffset } from '../compiler/line-map.ts'
import { formatConsoleArgs } from './console-format.ts'
import { ENGINE_GLOBALS } from './globals.ts'
import { createRuntime as createOperators } from './operators.ts'
import { OutputStream } from './output.ts'
import { BackwardRecorder, drawSnapshot, fitSnapshot } from './snapshot.ts'
import type { DataRequest, ErrorInfo, InvokeRequest, RunRequest, WorkerToHost } from '../protocol/messages.ts'

const AsyncFunction = (async () => {}).constructor as new (arg: string, body: string) => (sg: unknown) => Promise<unknown>

/** While a long loop runs, the graph panel is refreshed at most this often... */
const LIVE_GRAPH_MS = 1000
/** ...and less often when a refresh is dear: the loop's graph, built here and drawn by the page
 *  (a second core the training shares on a small machine), takes at most about 1/LIVE_GRAPH_SHARE
 *  of the time. MNIST's costs ~40 ms to build here and more to draw. */
const LIVE_GRAPH_SHARE = 50
/** For Values, the clock is read after about this many nodes of backward calls, not at every call:
 *  reading it was 2% of the linear-regression loop, whose calls take 15 µs each. */
const LIVE_GRAPH_NODES = 20_000

export interface SandboxRuntime {
  run(req: RunRequest): Promise<void>
  /** forget every name the cells declared */
  reset(): void
  /** an error that escaped a run (a timer callback, an unhandled rejection) */
  reportStray(err: unknown): void
  /** data the page sent, or a call from a drawing pad */
  deliver(m: DataRequest | InvokeRequest): void
}

/** Extra snippet globals (plots, data, pads): each gets the runtime's services. */
export interface RuntimeServices {
  send(m: WorkerToHost): void
  /** the run in progress (or the last one) */
  runId(): number
}
export interface RuntimeExtension {
  globals: Record<string, unknown>
  /** called at the start of every run */
  onRun?(): void
  /** called when a run ends, before its last output is sent (the final state of live plots) */
  onEnd?(): void
  deliver?(m: DataRequest | InvokeRequest): void
}
const extensions: Array<(s: RuntimeServices) => RuntimeExtension> = []
/** Registers extra globals; call before createSandboxRuntime. */
export function extendRuntime(f: (s: RuntimeServices) => RuntimeExtension): void {
  extensions.push(f)
}

export function createSandboxRuntime(global: Record<string, unknown>, send: (m: WorkerToHost) => void): SandboxRuntime {
  const sg = createOperators(global)
  const lineOffset = measureLineOffset()
  const builtins = new Set(Object.getOwnPropertyNames(global))
  let out: OutputStream | null = null
  let lastRun: RunRequest | null = null
  let chain: Promise<void> = Promise.resolve()
  const recorder = new BackwardRecorder()
  let nextLiveGraph = 0

  const sendGraph = () => {
    const t0 = performance.now()
    const snapshot = lastRun && recorder.build()
    if (!snapshot || !lastRun) return
    send({ type: 'graph', runId: lastRun.runId, snapshot: fitSnapshot(snapshot) })
    const t1 = performance.now()
    nextLiveGraph = t1 + Math.max(LIVE_GRAPH_MS, (t1 - t0) * LIVE_GRAPH_SHARE)
  }
  let nodesSinceClock = 0
  engine.setBackwardObserver((root, order, numbers) => {
    recorder.observe(root, order, numbers)
    // A long training loop: refresh the panel now and then (built from the call just observed).
    if (root instanceof engine.ValueNode) {
      nodesSinceClock += order.length
      if (nodesSinceClock < LIVE_GRAPH_NODES) return
      nodesSinceClock = 0
    }
    if (recorder.calls > 1 && performance.now() > nextLiveGraph) sendGraph()
  })

  const write = (text: string) => {
    if (out) out.write(text)
  }
  const define = (name: string, value: unknown) =>
    Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false })
  for (const name of ENGINE_GLOBALS) define(name, (engine as Record<string, unknown>)[name])
  define('println', (...xs: unknown[]) => write(xs.map(engine.show).join('') + '\n'))
  define('draw', (root: unknown) => {
    if (!(root instanceof engine.ValueNode) && !(root instanceof engine.TensorNode)) {
      throw new Error(`draw(root) expects a Value or a Tensor, got ${formatConsoleArgs([root])}`)
    }
    if (lastRun) send({ type: 'graph', runId: lastRun.runId, snapshot: fitSnapshot(drawSnapshot(root)) })
  })
  define('print', (...xs: unknown[]) => write(xs.map(engine.show).join('')))
  const services: RuntimeServices = { send, runId: () => lastRun?.runId ?? 0 }
  const installed = extensions.map((f) => f(services))
  for (const ext of installed) for (const [name, value] of Object.entries(ext.globals)) define(name, value)
  const con = global.console as Record<string, unknown>
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    con[level] = (...xs: unknown[]) => write(formatConsoleArgs(xs) + '\n')
  }
  const runtimeNames = new Set([...builtins, ...Object.getOwnPropertyNames(global)])

  const errorInfo = (err: unknown, req: RunRequest): ErrorInfo => {
    const e = err instanceof Error ? err : new Error(`a value was thrown: ${formatConsoleArgs([err])}`)
    let message = e.message
    if (e instanceof RangeError && /call stack/i.test(message)) {
      message = 'Maximum call stack size exceeded: a function keeps calling itself (runaway recursion?). The call stack ran out.'
    }
    const info: ErrorInfo = { name: e.name || 'Error', message }
    const pos = cellPositionFromStack(e.stack ?? '', req.map, sourceURL(req), lineOffset)
    if (pos) {
      info.line = pos.line
      info.column = pos.column
    }
    return info
  }

  const endExtensions = () => {
    for (const ext of installed) {
      try {
        ext.onEnd?.()
      } catch {
        // an extension's last update must not hide the cell's own result
      }
    }
  }

  const runOne = async (req: RunRequest) => {
    lastRun = req
    out = new OutputStream(req.runId, send, () => performance.now())
    recorder.reset()
    for (const ext of installed) ext.onRun?.()
    nextLiveGraph = performance.now() + LIVE_GRAPH_MS
    const t0 = performance.now()
    try {
      const body = `${req.code}\n//# sourceURL=${sourceURL(req)}`
      await new AsyncFunction('__sg', body)(sg)
      endExtensions()
      out.flush()
      sendGraph()
      send({ type: 'done', runId: req.runId, ms: performance.now() - t0 })
    } catch (err) {
      endExtensions()
      out.flush()
      sendGraph()
      send({ type: 'error', runId: req.runId, error: errorInfo(err, req) })
    }
  }

  return {
    run(req) {
      chain = chain.then(() => runOne(req))
      return chain
    },
    reset() {
      for (const name of Object.getOwnPropertyNames(global)) {
        if (!runtimeNames.has(name)) delete global[name]
      }
    },
    deliver(m) {
      for (const ext of installed) ext.deliver?.(m)
    },
    reportStray(err) {
      if (!lastRun) return
      out?.flush()
      send({ type: 'error', runId: lastRun.runId, error: errorInfo(err, lastRun) })
    },
  }
}

/** The name a cell's code has in stack traces. */
const sourceURL = (req: RunRequest) => `cell-${req.runId}.ts`
