// The graph panel: the last graph a cell sent, drawn with D3, and the backward stepper.
// It reads the store; the drawing itself lives in graph/ (layout, replay, rendering).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import type { GraphSnapshot, NodeValue, TensorValues } from '../protocol/messages.ts'
import { GraphCanvas } from '../graph/canvas.ts'
import { checkGradients, type GradCheck } from '../graph/check.ts'
import { nameOf, short } from '../graph/format.ts'
import { heatColors, legendText } from '../graph/heatmap.ts'
import type { HoverInfo } from '../graph/interact.ts'
import { layoutLater, viewSize, WORKER_SIZE } from '../graph/layout-async.ts'
import { layoutGraph, type GraphLayout } from '../graph/layout.ts'
import { gradsAt, stepCount, stepInfo, userCounts, type StepInfo } from '../graph/replay.ts'
import { DEFAULT_SPEED, playStart, SPEEDS, stepCommandFor, stepCommands } from '../graph/stepper.ts'
import { DRAW_LIMIT, drawSize, fullView, summaryView, type GraphView } from '../graph/view.ts'
import { useNotebook } from './context.ts'
import './graph.css'

type Mode = 'full' | 'summary' | 'ask'

/** Above this many drawn elements the panel offers a summary. */
const SUMMARY_OFFER = 300

export function GraphPanel() {
  const graphs = useNotebook((s) => s.graphs)
  const graphCell = useNotebook((s) => s.graphCell)
  const cells = useNotebook((s) => s.cells)
  const step = useNotebook((s) => s.step)
  const setStep = useNotebook((s) => s.setStep)
  const showGraph = useNotebook((s) => s.showGraph)
  const snap = graphCell ? graphs[graphCell] : undefined
  const withGraphs = cells.filter((c) => graphs[c.id])

  if (!snap) {
    return (
      <section className="graph-panel graph-empty" aria-label="Graph">
        <div className="graph-empty-art" aria-hidden="true">
          <span>x</span><i>×</i><span>y</span><b>→</b><span>z</span>
        </div>
        <p>Run a cell that calls <code>backward(...)</code> or <code>draw(...)</code> to see its graph.</p>
        <p className="graph-muted">Then step through backpropagation one node at a time.</p>
      </section>
    )
  }
  return (
    <SnapshotView key={graphCell} snap={snap} step={step} setStep={setStep}
      picker={withGraphs.length > 1 ? (
        <label className="graph-picker">
          <span className="graph-muted">Cell</span>
          <select aria-label="Show the graph of cell" value={graphCell ?? ''} onChange={(e) => showGraph(e.target.value)}>
            {withGraphs.map((c) => <option key={c.id} value={c.id}>{`Cell ${cells.indexOf(c) + 1}`}</option>)}
          </select>
        </label>
      ) : null} />
  )
}

function initialMode(s: GraphSnapshot): Mode {
  return drawSize(s) > DRAW_LIMIT ? 'ask' : 'full'
}

function SnapshotView({ snap, step, setStep, picker }: { snap: GraphSnapshot; step: number; setStep(k: number): void; picker: React.ReactNode }) {
  // What to draw: everything, unless the graph is big (then ask), or the user chose otherwise.
  // The choice holds for this cell's later snapshots (a live graph while a loop runs).
  const [chosen, setMode] = useState<Mode | null>(null)
  const size = drawSize(snap)
  const mode: Mode = initialMode(snap) === 'ask' ? (chosen ?? 'ask') : chosen === 'summary' && size > SUMMARY_OFFER ? 'summary' : 'full'
  const view = useMemo<GraphView | null>(() => (mode === 'ask' ? null : mode === 'summary' ? summaryView(snap) : fullView(snap)), [snap, mode])
  const layout = useLayout(view)
  const n = stepCount(snap)
  const k = Math.min(step, n)
  const users = useMemo(() => userCounts(snap), [snap])
  const info = useMemo(() => stepInfo(snap, k, users), [snap, k, users])
  const [check, setCheck] = useState<{ snap: GraphSnapshot; result: GradCheck } | null>(null)
  const checkResult = check?.snap === snap ? check.result : null

  const canvasRef = useRef<GraphCanvas | null>(null)
  const svgRef = useRef<SVGSVGElement | null>(null)
  const [hover, setHover] = useState<HoverInfo | null>(null)
  const boxRef = useRef<HTMLDivElement | null>(null)

  const state = useMemo(() => ({
    grads: gradsAt(snap, k),
    step: info.node === null ? null : { node: info.node, inputs: info.inputs.map((x) => x.id) },
    check: checkResult ? new Map(checkResult.leaves.map((r) => [r.id, r])) : null,
  }), [snap, k, info, checkResult])
  const stateRef = useRef(state)
  stateRef.current = state

  useEffect(() => {
    const svg = svgRef.current
    if (!svg || !layout.layout || !layout.view) return
    const canvas = new GraphCanvas(svg, setHover)
    canvasRef.current = canvas
    canvas.show(layout.view, layout.layout, stateRef.current)
    return () => {
      canvas.destroy()
      canvasRef.current = null
    }
  }, [layout])
  const lastK = useRef(k)
  useEffect(() => {
    canvasRef.current?.update(state, lastK.current !== k)
    lastK.current = k
  }, [state, k])

  const playing = usePlayer(k, n, setStep)
  const go = useCallback((target: number) => {
    playing.stop()
    setStep(target)
  }, [playing, setStep])
  const onKey = (e: ReactKeyboardEvent) => {
    const t = e.target as HTMLElement
    if (t.closest('input, select, textarea')) return
    if (n > 0 && (e.key === ' ' || e.key === 'k') && !t.closest('button')) {
      e.preventDefault()
      playing.toggle()
      return
    }
    const cmd = n > 0 ? stepCommandFor(e.key) : undefined
    if (cmd && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault()
      go(cmd.target(k, n))
    }
  }
  const name = snap.nodes[snap.root] ? `graph-${nameOf(snap.nodes[snap.root]).replace(/[^\w.-]+/g, '_')}` : 'graph'

  return (
    <section className="graph-panel" aria-label="Graph" tabIndex={0} onKeyDown={onKey}>
      <header className="graph-head">
        <h2>Graph <span className="graph-muted">of {nameOf(snap.nodes[snap.root])}{snap.kind === 'draw' ? ', drawn' : ''}</span></h2>
        {picker}
        <div className="graph-tools" role="toolbar" aria-label="Graph view">
          <button type="button" className="graph-btn" onClick={() => canvasRef.current?.zoomBy(1.3)} aria-label="Zoom in" title="Zoom in">+</button>
          <button type="button" className="graph-btn" onClick={() => canvasRef.current?.zoomBy(1 / 1.3)} aria-label="Zoom out" title="Zoom out">−</button>
          <button type="button" className="graph-btn" onClick={() => canvasRef.current?.fit()} title="Fit the whole graph in view">Fit</button>
          <button type="button" className="graph-btn" onClick={() => setCheck({ snap, result: checkGradients(snap) })}
            title="Compare each leaf's grad with a finite-difference estimate">Check gradients</button>
          <button type="button" className="graph-btn" onClick={() => canvasRef.current?.exportSvg(name)} aria-label="Export SVG" title="Save the graph as SVG">SVG</button>
          <button type="button" className="graph-btn" onClick={() => void canvasRef.current?.exportPng(name)} aria-label="Export PNG" title="Save the graph as PNG">PNG</button>
        </div>
      </header>
      <Notices snap={snap} mode={mode} setMode={setMode} check={checkResult} />
      {mode === 'ask' ? (
        <BigGraph snap={snap} setMode={setMode} />
      ) : (
        <div className="graph-canvas" ref={boxRef} onPointerLeave={() => setHover(null)}>
          <svg ref={svgRef} data-testid="graph" className="sg-root" />
          {!layout.layout && <div className="graph-busy" role="status">Laying out {view ? viewSize(view).toLocaleString('en') : ''} nodes…</div>}
          {layout.error && <div className="graph-busy" role="alert">{layout.error}</div>}
          {hover && <Tooltip hover={hover} box={boxRef.current} />}
          <div className="graph-legend-keys" aria-hidden="true">
            <span className="k-pos">grad &gt; 0</span><span className="k-neg">grad &lt; 0</span>
            {n > 0 && <span className="k-flow">gradient flowing</span>}
          </div>
        </div>
      )}
      {n > 0 ? (
        <Stepper k={k} n={n} go={go} playing={playing} />
      ) : (
        <p className="graph-note">Drawn with <code>draw(...)</code>: there is no backward pass to step through; the grads are shown as they were.</p>
      )}
      {n > 0 && <Explanation snap={snap} info={info} />}
    </section>
  )
}

/** Runs f, recording its duration with the User Timing API (seen in DevTools and by the browser tests). */
function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now()
  const out = f()
  performance.measure(name, { start: t0, end: performance.now() })
  return out
}

/** Synchronous layout for ordinary graphs, a worker for big ones. */
function useLayout(view: GraphView | null): { view: GraphView | null; layout: GraphLayout | null; error: string | null } {
  const small = view !== null && viewSize(view) <= WORKER_SIZE
  const now = useMemo(() => (view && small ? timed('graph:layout', () => layoutGraph(view)) : null), [view, small])
  const [later, setLater] = useState<{ view: GraphView; layout: GraphLayout | null; error: string | null } | null>(null)
  useEffect(() => {
    if (!view || small) return
    const pending = layoutLater(view)
    const t0 = performance.now()
    pending.promise.then(
      (layout) => {
        performance.measure('graph:layout', { start: t0, end: performance.now() })
        setLater({ view, layout, error: null })
      },
      (e: unknown) => setLater({ view, layout: null, error: `The layout failed: ${e instanceof Error ? e.message : String(e)}` }),
    )
    return () => pending.cancel()
  }, [view, small])
  return useMemo(() => {
    if (!view) return { view: null, layout: null, error: null }
    if (small) return { view, layout: now, error: null }
    return later?.view === view ? later : { view, layout: null, error: null }
  }, [view, small, now, later])
}

interface Player {
  on: boolean
  speed: number
  toggle(): void
  stop(): void
  setSpeed(s: number): void
}

/** Play/Pause: one step every 1/speed seconds until the last step. */
function usePlayer(k: number, n: number, setStep: (k: number) => void): Player {
  const [on, setOn] = useState(false)
  const [speed, setSpeed] = useState<number>(DEFAULT_SPEED)
  useEffect(() => {
    if (!on) return
    if (k >= n) {
      setOn(false)
      return
    }
    const t = setTimeout(() => setStep(k + 1), 1000 / speed)
    return () => clearTimeout(t)
  }, [on, k, n, speed, setStep])
  return useMemo(() => ({
    on, speed, setSpeed,
    stop: () => setOn(false),
    toggle: () => {
      if (on) return setOn(false)
      setStep(playStart(k, n))
      setOn(true)
    },
  }), [on, speed, k, n, setStep])
}

/** Small inline icons: the font may lack ⏮ and ⏭. */
const ICONS: Record<string, string> = {
  first: 'M3 2h2v12H3zM14 2v12L6 8z',
  back: 'M12 2v12L4 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  forward: 'M4 2v12l8-6z',
  last: 'M11 2h2v12h-2zM2 2v12l8-6z',
}
const Icon = ({ name }: { name: string }) => (
  <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d={ICONS[name]} fill="currentColor" /></svg>
)

function Stepper({ k, n, go, playing }: { k: number; n: number; go(k: number): void; playing: Player }) {
  const c = stepCommands
  return (
    <div className="graph-stepper" role="group" aria-label="Backward stepper">
      <button type="button" className="graph-btn icon" onClick={() => go(c.first.target(k, n))} disabled={k === 0} aria-label={c.first.label} title={`${c.first.label} (Home)`}><Icon name="first" /></button>
      <button type="button" className="graph-btn icon" onClick={() => go(c.back.target(k, n))} disabled={k === 0} aria-label={c.back.label} title={`${c.back.label} (←)`}><Icon name="back" /></button>
      <button type="button" className="graph-btn icon play" onClick={playing.toggle} aria-label={playing.on ? 'Pause' : 'Play'} title={playing.on ? 'Pause (Space)' : 'Play (Space)'}>
        <Icon name={playing.on ? 'pause' : 'play'} />
      </button>
      <button type="button" className="graph-btn icon" onClick={() => go(c.forward.target(k, n))} disabled={k === n} aria-label={c.forward.label} title={`${c.forward.label} (→)`}><Icon name="forward" /></button>
      <button type="button" className="graph-btn icon" onClick={() => go(c.last.target(k, n))} disabled={k === n} aria-label={c.last.label} title={`${c.last.label} (End)`}><Icon name="last" /></button>
      <input type="range" min={0} max={n} value={k} onChange={(e) => go(Number(e.target.value))} aria-label="Step" className="graph-slider" />
      <span className="graph-status" data-testid="step-status" aria-live="polite">Step {k} of {n}</span>
      <label className="graph-speed">
        <span className="graph-muted">Speed</span>
        <select aria-label="Playback speed" value={playing.speed} onChange={(e) => playing.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s} step{s === 1 ? '' : 's'}/s</option>)}
        </select>
      </label>
    </div>
  )
}

function Explanation({ snap, info }: { snap: GraphSnapshot; info: StepInfo }) {
  if (info.k === 0) {
    return (
      <div className="graph-explain" aria-live="polite">
        <p className="graph-explain-head">Before <code>backward</code></p>
        <p>{snap.accumulated ? 'The grads are what earlier backward calls left (they were not zeroed).' : 'Every grad is 0.'} Step forward to seed the output’s grad, then watch the gradient flow back through each node.</p>
      </div>
    )
  }
  const node = snap.nodes[info.node!]
  const done = info.k === info.n
  return (
    <div className="graph-explain" aria-live="polite">
      <p className="graph-explain-head">
        {info.seed ? <>Step 1: seed the output <b>{nameOf(node)}</b></> : (
          <>Step {info.k}: backward through <b>{nameOf(node)}</b> = <code>{opText(snap, info.node!)}</code></>
        )}
      </p>
      <ul className="graph-sentences">
        {info.inputs.flatMap((x) => x.explain.map((line, i) => <li key={`${x.id}-${i}`}><code>{line}</code></li>))}
      </ul>
      {info.inputs.filter((x) => x.accumulates || x.explain.length > 1).map((x) => (
        <p key={x.id} className="graph-accum">
          {x.explain.length > 1
            ? <><b>{x.name}</b> is used twice by this node, so it receives two contributions. </>
            : <><b>{x.name}</b>.grad already held {valueText(x.before)}{x.users > 1 ? ` (${x.name} feeds ${x.users} nodes)` : ''}: gradients add up, so it is now {valueText(x.after)}. </>}
        </p>
      ))}
      {info.inputs.some((x) => typeof x.after !== 'number') && (
        <div className="graph-heat-steps">
          {info.inputs.map((x) => typeof x.after === 'number' ? null : (
            <figure key={x.id} className="graph-heat-step">
              <figcaption><b>{x.name}</b>.grad</figcaption>
              <MiniHeat t={x.before as TensorValues} caption="before" />
              <span aria-hidden="true">→</span>
              <MiniHeat t={x.after} caption="after" />
            </figure>
          ))}
        </div>
      )}
      {done && <p className="graph-done">Done: these are the grads <code>backward({nameOf(snap.nodes[snap.root])})</code> leaves.</p>}
    </div>
  )
}

/** `mul(weight1, input1)` or `tanh(n12)`: what the node computes, in the names the sentences use. */
function opText(s: GraphSnapshot, id: number): string {
  const n = s.nodes[id]
  const args = n.inputs.map((i) => nameOf(s.nodes[i]))
  if (args.length === 2 && /^[+×]$/.test(n.symbol)) return `${args[0]} ${n.symbol} ${args[1]}`
  if (n.symbol.startsWith('^') && args.length === 1) return `${args[0]}${n.symbol}`
  return `${n.symbol || n.op}(${args.join(', ')})`
}

const valueText = (v: NodeValue) => (typeof v === 'number' ? short(v, 6) : `a ${v.rows}×${v.cols} matrix`)

function MiniHeat({ t, caption }: { t: TensorValues; caption: string }) {
  const colors = heatColors(t)
  const cell = Math.max(3, Math.min(12, Math.floor(60 / Math.max(t.gridRows, t.gridCols))))
  const [lo, hi] = legendText(t)
  return (
    <span className="graph-mini">
      <svg width={t.gridCols * cell} height={t.gridRows * cell} role="img" aria-label={`${caption}: from ${lo} to ${hi}`}>
        {colors.map((c, i) => <rect key={i} x={(i % t.gridCols) * cell} y={Math.floor(i / t.gridCols) * cell} width={cell} height={cell} fill={c} />)}
      </svg>
      <small>{caption} <span className="graph-muted">{lo === hi ? 'all 0' : `${lo}…${hi}`}</span></small>
    </span>
  )
}

function Notices({ snap, mode, setMode, check }: { snap: GraphSnapshot; mode: Mode; setMode(m: Mode): void; check: GradCheck | null }) {
  const root = nameOf(snap.nodes[snap.root])
  return (
    <>
      {snap.accumulated && (
        <div className="graph-notice warn" role="note">
          <b>Grads were not zero when backward started.</b> Gradients accumulate with <code>+=</code>, so these include what
          {snap.calls > 1 ? ` ${snap.calls - 1} earlier backward call${snap.calls > 2 ? 's' : ''} in this cell` : ' an earlier backward call'} left.
          Call <code>zero_grad({root})</code> before <code>backward({root})</code> to start from zero.
        </div>
      )}
      {snap.truncated !== undefined && (
        <div className="graph-notice" role="note">
          This graph has {snap.truncated.toLocaleString('en')} nodes, too many to send to the page: only its output is shown.
        </div>
      )}
      {mode === 'summary' && (
        <div className="graph-notice" role="note">
          A summary of {snap.nodes.length.toLocaleString('en')} nodes: repeated terms are folded into “⋯ more” nodes.{' '}
          <button type="button" className="graph-link" onClick={() => setMode('full')}>Draw all of it</button>
        </div>
      )}
      {mode === 'full' && drawSize(snap) > SUMMARY_OFFER && (
        <div className="graph-notice" role="note">
          All {snap.nodes.length.toLocaleString('en')} nodes are drawn: zoom in to read them, or fold repeated terms.{' '}
          <button type="button" className="graph-link" onClick={() => setMode('summary')}>Show a summary</button>
        </div>
      )}
      {check && (
        <div className={`graph-notice ${check.supported && check.bad.length === 0 ? 'ok' : 'warn'}`} role="status" data-testid="grad-check">
          {!check.supported ? check.note : check.bad.length === 0
            ? <>All {check.leaves.length} leaf grads match their finite-difference estimates. ✓</>
            : <>{check.bad.length} of {check.leaves.length} leaf grads disagree with their finite-difference estimates:{' '}
              {check.bad.slice(0, 6).map((b) => `${b.name} (grad ${short(b.grad)}, estimate ${short(b.estimate)})`).join(', ')}{check.bad.length > 6 ? ', …' : ''}.</>}
          {check.supported && check.note && <> <span className="graph-muted">{check.note}</span></>}
        </div>
      )}
    </>
  )
}

function BigGraph({ snap, setMode }: { snap: GraphSnapshot; setMode(m: Mode): void }) {
  return (
    <div className="graph-big" role="group" aria-label="Big graph">
      <p><b>This graph has {snap.nodes.length.toLocaleString('en')} nodes</b> ({drawSize(snap).toLocaleString('en')} with its op nodes).
        Drawing all of it takes a moment and is hard to read; a summary folds repeated terms (such as the terms of a long sum) into one node.</p>
      <div className="graph-big-actions">
        <button type="button" className="graph-btn primary" onClick={() => setMode('summary')}>Draw a summary</button>
        <button type="button" className="graph-btn" onClick={() => setMode('full')}>Draw all {snap.nodes.length.toLocaleString('en')} nodes</button>
      </div>
    </div>
  )
}

function Tooltip({ hover, box }: { hover: HoverInfo; box: HTMLDivElement | null }) {
  const r = box?.getBoundingClientRect()
  const x = hover.x - (r?.left ?? 0) + 14, y = hover.y - (r?.top ?? 0) + 14
  return (
    <div className="graph-tooltip" style={{ left: x, top: y }} role="tooltip">
      <b>{hover.title}</b>
      {hover.lines.map((l, i) => <div key={i}>{l}</div>)}
    </div>
  )
}
