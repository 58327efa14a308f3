// The app's side of the sandbox: makes the frame, boots the worker in it, sends runs, and turns
// what comes back (checked, and only from its own frame) into callbacks. Stop removes the frame,
// which ends the worker whatever it is doing; the next run starts a fresh one.
import { frameDocument } from './frame.ts'
import type { FromSandbox, HostToWorker, RunRequest } from '../protocol/messages.ts'
import { parseFromSandbox } from '../protocol/schema.ts'

export interface SandboxEvents {
  /** every checked message from the worker or the frame */
  onMessage(m: Exclude<FromSandbox, { type: 'dropped' }>): void
  /** a message failed the check (in the frame or here) and was dropped */
  onRejected?(): void
}

export interface HostEnv {
  document: Document
  window: Window
  /** the worker bundle's source (a string, so that it can become a Blob inside the frame) */
  workerSource: string
}

export class SandboxHost {
  private frame: HTMLIFrameElement | null = null
  private ready: Promise<void> | null = null
  private readonly listener = (e: MessageEvent) => this.receive(e)
  private resolveReady: (() => void) | null = null

  constructor(private readonly env: HostEnv, private readonly events: SandboxEvents) {
    env.window.addEventListener('message', this.listener)
  }

  /** True while a frame (and so a notebook scope) exists. */
  get alive(): boolean {
    return this.frame !== null
  }

  /** Starts a frame if there is none; resolves when its worker is ready. */
  start(): Promise<void> {
    if (this.ready) return this.ready
    const { document } = this.env
    const frame = document.createElement('iframe')
    frame.setAttribute('sandbox', 'allow-scripts')
    frame.setAttribute('title', 'sandbox')
    frame.setAttribute('aria-hidden', 'true')
    // Rendered, not display: none. Chromium runs a sandboxed frame in a process of its own, and a
    // process with nothing rendered counts as in the background: V8 then saves energy (no
    // optimising compiler, no background compiles), and training ran at half speed. One pixel,
    // transparent, out of the way of clicks, keys and screen readers, keeps it a foreground process.
    frame.tabIndex = -1
    Object.assign(frame.style, { position: 'fixed', left: '0', bottom: '0', width: '1px', height: '1px', border: '0', opacity: '0', pointerEvents: 'none' })
    frame.srcdoc = frameDocument()
    this.frame = frame
    this.ready = new Promise<void>((resolve) => {
      this.resolveReady = resolve
      frame.addEventListener('load', () => {
        frame.contentWindow?.postMessage({ type: 'boot', source: this.env.workerSource }, '*')
      }, { once: true })
    })
    document.body.appendChild(frame)
    return this.ready
  }

  async run(req: Omit<RunRequest, 'type'>): Promise<void> {
    await this.start()
    this.post({ type: 'run', ...req })
  }

  /** Data or a pad's call for the running worker; buffers in `transfer` move without a copy. */
  post(m: HostToWorker, transfer: Transferable[] = []): void {
    this.frame?.contentWindow?.postMessage(m, '*', transfer)
  }

  /** Ends the worker at once: the notebook scope is gone; the next run starts a fresh sandbox. */
  stop(): void {
    this.frame?.remove()
    this.frame = null
    this.ready = null
    this.resolveReady = null
  }

  dispose(): void {
    this.stop()
    this.env.window.removeEventListener('message', this.listener)
  }

  private receive(e: MessageEvent): void {
    // Only our own frame's window may speak; it has an opaque origin, so check the source.
    if (!this.frame || e.source !== this.frame.contentWindow) return
    const m = parseFromSandbox(e.data)
    if (!m || m.type === 'dropped') {
      this.events.onRejected?.()
      return
    }
    if (m.type === 'ready') this.resolveReady?.()
    if (m.type === 'crash') this.stop()
    this.events.onMessage(m)
  }
}
