// One cell's graph: groups, layout and drawing, the stepper, the explanation and predict mode.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react'
import type { GraphSnapshot } from '../../protocol/messages.ts'
import { markLine } from '../../editor/line-mark.ts'
import { GraphCanvas } from '../../graph/canvas.ts'
import { checkGradients, type GradCheck } from '../../graph/check.ts'
import { nameOf } from '../../graph/format.ts'
import { findGroups } from '../../graph/groups.ts'
import type { HoverInfo } from '../../graph/interact.ts'
import { staleGrads } from '../../graph/notices.ts'
import { allRight, questionsOf } from '../../graph/predict.ts'
import { gradsAt, stepCount, stepInfo, userCounts } from '../../graph/replay.ts'
import { nodeLines } from '../../graph/source-lines.ts'
import { stepCommandFor } from '../../graph/stepper.ts'
import { groupedView, NOTHING_OPEN, openFor, toggleGroup, type Openings } from '../../graph/view.ts'
import { Explanation } from './Explanation.tsx'
import { GraphToolbar } from './GraphToolbar.tsx'
import { Notices } from './Notices.tsx'
import { NO_PREDICTIONS, PredictPanel, type PredictState } from './Predict.tsx'
import { Stepper, usePlayer } from './Stepper.tsx'
import { Tooltip } from './Tooltip.tsx'
import { useBox, useGraphLayout } from './useGraphLayout.ts'

export interface SnapshotViewProps {
  snap: GraphSnapshot
  cellId: string
  /** the graph cell's source, and the sources of the cells after it (for notices) */
  source: string
  later: string[]
  step: number
  setStep(k: number): void
  picker: ReactNode
}

export function SnapshotView({ snap, cellId, source, later, step, setStep, picker }: SnapshotViewProps) {
  const groups = useMemo(() => findGroups(snap), [snap])
  const [open, setOpen] = useState<Openings>(NOTHING_OPEN)
  const view = useMemo(() => groupedView(snap, groups, open), [snap, groups, open])
  const boxRef = useRef<HTMLDivElement | null>(null)
  const box = useBox(boxRef)
  const layout = useGraphLayout(view, box)
  const n = stepCount(snap)
  const k = Math.min(step, n)
  const users = useMemo(() => userCounts(snap), [snap])
  const info = useMemo(() => stepInfo(snap, k, users), [snap, k, users])
  const [check, setCheck] = useState<{ snap: GraphSnapshot; result: GradCheck } | null>(null)
  const checkResult = check?.snap === snap ? check.result : null
  const stale = useMemo(() => staleGrads(snap, [source, ...later]), [snap, source, later])
  const lines = useMemo(() => nodeLines(snap, source), [snap, source])

  // predict mode: the grads a step changes are asked for before they are shown
  const [predict, setPredict] = useState(false)
  const [guesses, setGuesses] = useState<PredictState>(NO_PREDICTIONS)
  const questions = useMemo(() => questionsOf(info), [info])
  const asking = predict && k > 0 && guesses.checked[k] === undefined

  const canvasRef = useRef<GraphCanvas | null>(null)
  const svgRef = useRef<SVGSVGElement | null>(null)
  const [hover, setHover] = useState<HoverInfo | null>(null)
  const [litNode, setLitNode] = useState<number | null>(null)

  const state = useMemo(() => ({
    grads: gradsAt(snap, asking ? k - 1 : k),
    hidden: asking ? new Set(questions.map((q) => q.id)) : undefined,
    step: info.node === null ? null : { node: info.node, inputs: info.inputs.map((x) => x.id) },
    check: checkResult ? new Map(checkResult.leaves.map((r) => [r.id, r])) : null,
  }), [snap, k, info, checkResult, asking, questions])
  const stateRef = useRef(state)
  stateRef.current = state
  const focusRef = useRef<number | null>(null)
  focusRef.current = info.node

  useEffect(() => {
    const svg = svgRef.current
    if (!svg || !layout) return
    const canvas = new GraphCanvas(svg, setHover)
    canvasRef.current = canvas
    canvas.show(view, layout, stateRef.current, {
      focus: focusRef.current,
      onGroup: (key) => setOpen((o) => toggleGroup(o, key)),
      onNode: setLitNode,
    })
    return () => {
      canvas.destroy()
      canvasRef.current = null
    }
  }, [layout, view])
  const lastK = useRef(k)
  useEffect(() => {
    canvasRef.current?.update(state, lastK.current !== k)
    lastK.current = k
  }, [state, k])
  // the line that made the step's node (or the hovered one) is marked in the editor, once the
  // student steps or hovers (a fresh run leaves the editor as it was)
  const [touched, setTouched] = useState(false)
  useEffect(() => {
    const id = litNode ?? info.node
    if (touched || litNode !== null) markLine(id === null ? null : { cellId, line: lines[id] ?? 0 })
  }, [litNode, info.node, lines, cellId, touched])
  useEffect(() => () => markLine(null), [])

  const playing = usePlayer(k, n, setStep)
  const go = useCallback((target: number) => {
    playing.stop()
    setTouched(true)
    // the stepper opens the group it enters
    const node = stepInfo(snap, target, users).node
    if (node !== null) setOpen((o) => openFor(groupedView(snap, groups, o), node, o))
    setStep(target)
  }, [playing, setStep, snap, users, groups])
  const onKey = (e: ReactKeyboardEvent) => {
    const t = e.target as HTMLElement
    if (t.closest('input, select, textarea')) return
    if (n > 0 && (e.key === ' ' || e.key === 'k') && !t.closest('button, [role="button"]')) {
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
  const openGroups = groups.filter((g) => open.groups.has(g.key) || (open.terms.get(g.key)?.size ?? 0) > 0)

  return (
    <section className="graph-panel" aria-label="Graph" tabIndex={0} onKeyDown={onKey}>
      <header className="graph-head">
        <h2>Graph <span className="graph-muted">of {nameOf(snap.nodes[snap.root])}{snap.kind === 'draw' ? ', drawn' : ''}</span></h2>
        {picker}
        <GraphToolbar canvas={() => canvasRef.current} name={name} onCheck={() => setCheck({ snap, result: checkGradients(snap) })}
          predict={predict} setPredict={(on) => { setPredict(on); setGuesses(NO_PREDICTIONS) }} canPredict={n > 0} />
      </header>
      <Notices snap={snap} stale={stale} check={checkResult} />
      {openGroups.length > 0 && (
        <div className="graph-notice" role="note">
          Opened: {openGroups.map((g, i) => (
            <span key={g.key}>{i > 0 ? ', ' : ''}{g.kind === 'sum' ? `the sum of ${g.count} terms` : `${g.count} terms ${g.formula}`}{' '}
              <button type="button" className="graph-link" onClick={() => setOpen((o) => toggleGroup({ ...o, groups: new Set([...o.groups, g.key]) }, g.key))}>Fold</button>
            </span>
          ))}
        </div>
      )}
      <div className="graph-canvas" ref={boxRef} onPointerLeave={() => setHover(null)}>
        <svg ref={svgRef} data-testid="graph" className="sg-root" />
        {hover && <Tooltip hover={hover} box={boxRef.current} />}
        <div className="graph-legend-keys" aria-hidden="true">
          <span className="k-pos">grad &gt; 0</span><span className="k-neg">grad &lt; 0</span>
          {n > 0 && <span className="k-flow">gradient flowing</span>}
        </div>
      </div>
      {n > 0 ? (
        <Stepper k={k} n={n} go={go} playing={playing} />
      ) : (
        <p className="graph-note">Drawn with <code>draw(...)</code>: there is no backward pass to step through; the grads are shown as they were.</p>
      )}
      {n > 0 && (
        <Explanation snap={snap} info={info} lit={litNode} hideNumbers={asking && questions.length > 0}
          onHover={(id) => canvasRef.current?.highlight(id === null ? null : [id])} />
      )}
      {predict && k > 0 && (
        <PredictPanel k={k} questions={questions} state={guesses}
          setTyped={(answers) => setGuesses((g) => ({ ...g, typed: { ...g.typed, [k]: answers } }))}
          check={() => setGuesses((g) => ({ ...g, checked: { ...g.checked, [k]: allRight(questions, g.typed[k] ?? []) } }))} />
      )}
    </section>
  )
}
