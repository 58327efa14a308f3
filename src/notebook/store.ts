// The notebook store: one zustand store made of slices (document, runs). Actions sit beside
// their state; the sandbox and the compiler are injected, so tests drive the store in Node.
import { createStore, type StoreApi } from 'zustand/vanilla'
import { PAGE_MAX_CHARS, PAGE_MAX_LINES, PAGE_MAX_PADS, PAGE_MAX_PLOTS, PAGE_MAX_POINTS, TAIL_LINES, type FromSandbox, type ErrorInfo, type GraphSnapshot, type PlotSpec } from '../protocol/messages.ts'
import type { DocOrigin } from './session.ts'
import type { Draft } from './drafts.ts'
import { emptyOutput, type Cell, type CellKind, type CellOutput, type NotebookDoc } from './types.ts'
import { deleteCellState, undoDeleteState, type EditSlice } from './edit-slice.ts'

export type CompileResult =
  | { ok: true; code: string; map: unknown }
  | { ok: false; error: ErrorInfo }

/** What the store needs from the outside world. */
export interface NotebookEnv {
  compile(source: string): CompileResult
  /** start one run in the sandbox; its messages come back through `receive` */
  send(run: { runId: number; cellId: string; code: string; map: unknown }): void
  /** end the sandbox at once */
  kill(): void
  /** the worker asked for bundled data: fetch it from our own origin and hand it over */
  provide(what: 'mnist'): void
  /** call the snippet's function behind a drawing pad */
  invoke(handle: number, pixels: number[]): void
  newId(): string
}

export interface DocSlice {
  cells: Cell[]
  setSource(id: string, source: string): void
  addCell(at: number, kind?: CellKind, source?: string): string
  deleteCell(id: string): void
  moveCell(id: string, delta: number): void
  setKind(id: string, kind: CellKind): void
  /**
   * Shows another document. The one way a document is switched (a link, an example, New, Back to
   * my notebook, import, a conflict's other side): it discards the sandbox, so nothing a notebook
   * ran survives into another.
   */
  loadDoc(doc: NotebookDoc): void
  /** Discards the sandbox and its scope, keeping the document and its outputs ("Keep"). */
  renewSandbox(): void
  toDoc(): NotebookDoc
}

export interface RunSlice {
  outputs: Record<string, CellOutput>
  /** the cell running now, and the ones waiting */
  current: { runId: number; cellId: string } | null
  queue: string[]
  /** a sentence about the sandbox for the whole notebook (after Stop or a crash) */
  notice: string | null
  runCells(ids: string[]): void
  runAll(): void
  stop(): void
  receive(m: FromSandbox): void
  /** the sandbox sent something that did not pass the page's check */
  rejected(): void
  clearOutputs(): void
  invokePad(handle: number, pixels: number[]): void
}

export interface SessionSlice {
  /** where the open document came from (a shared link is shown without saving over the user's own) */
  origin: DocOrigin
  /** a sentence about a link that could not be opened, or opened with a doubt */
  problem: string | null
  /** another tab saved the user's notebook; what it saved */
  conflict: NotebookDoc | null
  /** the last share link made */
  share: { url: string; length: number; tooLong: boolean } | null
  /** `memory`: the browser lets the page store nothing; `failed`: the last save did not go through */
  saving: 'kept' | 'memory' | 'failed'
  /** the shown notebook is not the user's own and has been changed since it opened */
  edited: boolean
  /** changes to notebooks that are not the user's own, kept aside (not the one shown) */
  aside: Draft[]
  setSession(p: Partial<Pick<SessionSlice, 'origin' | 'problem' | 'conflict' | 'share' | 'saving' | 'edited' | 'aside'>>): void
}

/** The graph panel: the last snapshot of each cell, which one is shown, and the stepper's step. */
export interface GraphSlice {
  graphs: Record<string, GraphSnapshot>
  /** the cell whose graph the panel shows (the last one to send a graph, unless the user picked) */
  graphCell: string | null
  /** the stepper's position: 0 is before backward, steps.length the final state */
  step: number
  showGraph(cellId: string | null): void
  setStep(step: number): void
}

export type NotebookState = DocSlice & RunSlice & SessionSlice & GraphSlice & EditSlice

const RESET_NOTE = "The notebook's variables were reset: the next run starts a fresh sandbox."
const REJECTED_NOTE = 'The sandbox sent something that did not pass the page’s check, so it is not shown.'

/** A cell's printed lines with a print message's added, within the page's own limits. */
function addLines(o: CellOutput, lines: string[]): Pick<CellOutput, 'lines' | 'omitted'> {
  if (!lines.length) return { lines: o.lines, omitted: o.omitted }
  let chars = 0
  for (const l of o.lines) chars += l.length
  const kept: string[] = []
  for (const l of lines) {
    if (o.lines.length + kept.length >= PAGE_MAX_LINES || chars + l.length > PAGE_MAX_CHARS) break
    kept.push(l)
    chars += l.length
  }
  return { lines: kept.length ? [...o.lines, ...kept] : o.lines, omitted: o.omitted + lines.length - kept.length }
}

/** A cell's plots with one added or replaced, within the page's limits (else unchanged). */
function addPlot(plots: PlotSpec[], plot: PlotSpec): PlotSpec[] {
  const i = plots.findIndex((p) => p.id === plot.id)
  const next = i < 0 ? [...plots, plot] : plots.map((p, j) => (j === i ? plot : p))
  const points = next.reduce((n, p) => n + (p.kind === 'xy' ? p.marks.reduce((k, m) => k + m.xs.length, 0) : p.pixels.length), 0)
  return next.length > PAGE_MAX_PLOTS || points > PAGE_MAX_POINTS ? plots : next
}

export function createNotebookStore(env: NotebookEnv, initial: NotebookDoc = { v: 1, cells: [{ kind: 'code', source: '' }] }): StoreApi<NotebookState> {
  let nextRunId = 1
  const toCells = (doc: NotebookDoc): Cell[] => doc.cells.map((c) => ({ id: env.newId(), kind: c.kind, source: c.source }))

  /** Which cell each run belongs to: a timer may throw after its cell has finished. */
  const runCell = new Map<number, string>()
  /** Which cell shows each drawing pad: answers come after the run has finished. */
  const padCell = new Map<number, string>()
  /** The last run started in this sandbox: an error after its end (a timer) is still its own. */
  let lastRun: number | null = null

  return createStore<NotebookState>()((set, get) => {
    const setOutput = (id: string, f: (o: CellOutput) => CellOutput) =>
      set((s) => ({ outputs: { ...s.outputs, [id]: f(s.outputs[id] ?? emptyOutput()) } }))

    /** Start the next queued cell, if nothing runs. */
    const pump = () => {
      const s = get()
      if (s.current) return
      const [cellId, ...rest] = s.queue
      if (cellId === undefined) return
      set({ queue: rest })
      const cell = s.cells.find((c) => c.id === cellId)
      if (!cell || cell.kind !== 'code') return pump()
      const compiled = env.compile(cell.source)
      if (!compiled.ok) {
        setOutput(cellId, () => ({ ...emptyOutput('error'), error: compiled.error }))
        return abandonQueue()
      }
      const runId = nextRunId++
      runCell.set(runId, cellId)
      lastRun = runId
      set({ current: { runId, cellId }, notice: null })
      setOutput(cellId, () => emptyOutput('running'))
      env.send({ runId, cellId, code: compiled.code, map: compiled.map })
    }

    const abandonQueue = () => {
      for (const id of get().queue) setOutput(id, (o) => ({ ...o, status: o.status === 'queued' ? 'idle' : o.status }))
      set({ queue: [] })
    }

    /** Ends the sandbox and forgets its runs and pads: nothing it says later applies. */
    const discardSandbox = () => {
      env.kill()
      finishCurrent('stopped')
      abandonQueue()
      runCell.clear()
      padCell.clear()
      lastRun = null
    }

    const finishCurrent = (status: 'done' | 'error' | 'stopped', extra: Partial<CellOutput> = {}) => {
      const cur = get().current
      if (!cur) return
      setOutput(cur.cellId, (o) => ({ ...o, status, ...extra }))
      set({ current: null })
    }

    return {
      cells: toCells(initial),
      setSource: (id, source) => set((s) => ({ cells: s.cells.map((c) => (c.id === id ? { ...c, source } : c)) })),
      addCell: (at, kind = 'code', source = '') => {
        const id = env.newId()
        set((s) => {
          const cells = s.cells.slice()
          cells.splice(Math.max(0, Math.min(at, cells.length)), 0, { id, kind, source })
          return { cells }
        })
        return id
      },
      deleteCell: (id) => set((s) => deleteCellState(s, id, env.newId)),
      moveCell: (id, delta) => set((s) => {
        const i = s.cells.findIndex((c) => c.id === id)
        const j = i + delta
        if (i < 0 || j < 0 || j >= s.cells.length) return {}
        const cells = s.cells.slice()
        const [cell] = cells.splice(i, 1)
        cells.splice(j, 0, cell)
        return { cells }
      }),
      setKind: (id, kind) => set((s) => ({ cells: s.cells.map((c) => (c.id === id ? { ...c, kind } : c)) })),
      loadDoc: (doc) => {
        discardSandbox()
        set({ cells: toCells(doc), outputs: {}, queue: [], notice: null, graphs: {}, graphCell: null, step: 0, deleted: [], collapsed: {} })
      },
      renewSandbox: () => {
        discardSandbox()
        set({ notice: null })
      },
      toDoc: () => ({ v: 1, cells: get().cells.map(({ kind, source }) => ({ kind, source })) }),

      outputs: {},
      current: null,
      queue: [],
      notice: null,
      runCells: (ids) => {
        const code = ids.filter((id) => get().cells.find((c) => c.id === id)?.kind === 'code')
        const waiting = new Set(get().queue)
        const fresh = code.filter((id) => !waiting.has(id) && get().current?.cellId !== id)
        for (const id of fresh) setOutput(id, () => emptyOutput('queued'))
        set((s) => ({ queue: [...s.queue, ...fresh] }))
        pump()
      },
      runAll: () => get().runCells(get().cells.map((c) => c.id)),
      stop: () => {
        const running = get().current !== null || get().queue.length > 0
        discardSandbox()
        set({ notice: running ? `Stopped. ${RESET_NOTE}` : `The sandbox was reset. ${RESET_NOTE}` })
      },
      receive: (m) => {
        const cur = get().current
        if (m.type === 'crash') {
          finishCurrent('error', { error: { name: 'SandboxError', message: `The sandbox stopped: ${m.message}` } })
          abandonQueue()
          set({ notice: `The sandbox crashed (${m.message}). ${RESET_NOTE}` })
          return
        }
        if (m.type === 'ready') return
        if (m.type === 'dropped') return get().rejected()
        if (m.type === 'result') {
          const cellId = padCell.get(m.handle)
          if (cellId) setOutput(cellId, (o) => ({ ...o, pads: o.pads.map((p) => (p.handle === m.handle ? { ...p, result: { text: m.text, bars: m.bars } } : p)) }))
          return
        }
        if (m.type === 'error' && m.runId !== cur?.runId) {
          // an error after the last run ended (a throwing timer): show it under the cell that ran
          // it. Only the last run's: an earlier cell's output is not rewritten.
          const cellId = m.runId === lastRun && !cur ? runCell.get(m.runId) : undefined
          if (cellId && get().outputs[cellId]) setOutput(cellId, (o) => ({ ...o, status: 'error', error: m.error }))
          return
        }
        if (!cur || m.runId !== cur.runId) return
        switch (m.type) {
          case 'print':
            setOutput(cur.cellId, (o) => ({ ...o, ...addLines(o, m.lines), partial: m.partial }))
            break
          case 'tail':
            setOutput(cur.cellId, (o) => ({ ...o, tail: m.lines.slice(-TAIL_LINES), omitted: Math.max(o.omitted, m.omitted) }))
            break
          case 'error':
            finishCurrent('error', { error: m.error })
            abandonQueue()
            break
          case 'graph': {
            const steps = m.snapshot.steps.length
            set((s) => ({ graphs: { ...s.graphs, [cur.cellId]: m.snapshot }, graphCell: cur.cellId, step: steps }))
            break
          }
          case 'plot':
            setOutput(cur.cellId, (o) => ({ ...o, plots: addPlot(o.plots, m.plot) }))
            break
          case 'progress':
            setOutput(cur.cellId, (o) => ({ ...o, progress: { done: m.done, total: m.total, label: m.label, unit: m.unit, elapsed: m.elapsed } }))
            break
          case 'need':
            env.provide(m.what)
            break
          case 'pad':
            if ((get().outputs[cur.cellId]?.pads.length ?? 0) >= PAGE_MAX_PADS || padCell.has(m.handle)) break
            padCell.set(m.handle, cur.cellId)
            setOutput(cur.cellId, (o) => ({ ...o, pads: [...o.pads, { handle: m.handle, rows: m.rows, cols: m.cols, title: m.title }] }))
            break
          case 'done':
            finishCurrent('done', { ms: m.ms, progress: undefined })
            pump()
            break
        }
      },
      rejected: () => {
        if (get().current) set({ notice: REJECTED_NOTE })
      },
      clearOutputs: () => set({ outputs: {} }),
      invokePad: (handle, pixels) => env.invoke(handle, pixels),

      graphs: {},
      graphCell: null,
      step: 0,
      showGraph: (cellId) => set((s) => ({ graphCell: cellId, step: cellId ? s.graphs[cellId]?.steps.length ?? 0 : 0 })),
      setStep: (step) => set((s) => {
        const g = s.graphCell ? s.graphs[s.graphCell] : undefined
        return { step: g ? Math.max(0, Math.min(step, g.steps.length)) : 0 }
      }),

      deleted: [],
      collapsed: {},
      undoDelete: () => {
        const { state, id } = undoDeleteState(get())
        set(state)
        return id
      },
      toggleOutput: (id) => set((s) => ({ collapsed: { ...s.collapsed, [id]: !s.collapsed[id] } })),

      origin: { kind: 'mine' },
      problem: null,
      conflict: null,
      share: null,
      saving: 'kept',
      edited: false,
      aside: [],
      setSession: (p) => set(p),
    }
  })
}
