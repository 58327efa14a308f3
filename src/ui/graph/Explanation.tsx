// What the step shown did, in the engine's sentences with the numbers filled in. A sentence and
// the node it speaks of light up together when either is hovered.
import type { GraphSnapshot, NodeValue, TensorValues } from '../../protocol/messages.ts'
import { nameOf, short } from '../../graph/format.ts'
import { heatColors, legendText } from '../../graph/heatmap.ts'
import type { StepInfo } from '../../graph/replay.ts'

export interface ExplainProps {
  snap: GraphSnapshot
  info: StepInfo
  /** the node hovered in the graph, whose sentences light up */
  lit: number | null
  /** a sentence about `id` is hovered (null: none) */
  onHover(id: number | null): void
  /** predict mode hides the numbers until the answers are checked */
  hideNumbers?: boolean
}

export function Explanation({ snap, info, lit, onHover, hideNumbers }: ExplainProps) {
  if (info.k === 0) {
    return (
      <div className="graph-explain" aria-live="polite">
        <p className="graph-explain-head">Before <code>backward</code></p>
        <p>{snap.accumulated ? 'Some grads are what earlier backward calls left (they were not zeroed).' : 'Every grad is 0.'} Step forward to seed the output’s grad, then watch the gradient flow back through each node.</p>
      </div>
    )
  }
  const node = snap.nodes[info.node!]
  const done = info.k === info.n
  return (
    <div className="graph-explain" aria-live="polite">
      <p className={`graph-explain-head${lit === info.node ? ' lit' : ''}`} onPointerEnter={() => onHover(info.node)} onPointerLeave={() => onHover(null)}>
        {info.seed ? <>Step 1: seed the output <b>{nameOf(node)}</b></> : (
          <>Step {info.k}: backward through <b>{nameOf(node)}</b> = <code>{opText(snap, info.node!)}</code></>
        )}
      </p>
      {hideNumbers ? (
        <p className="graph-muted">Which grads does this step change, and to what? Type them below, then Check.</p>
      ) : (
        <ul className="graph-sentences">
          {info.inputs.flatMap((x) => x.explain.map((line, i) => (
            <li key={`${x.id}-${i}`} className={lit === x.id ? 'lit' : undefined} onPointerEnter={() => onHover(x.id)} onPointerLeave={() => onHover(null)}>
              <code>{line}</code>
            </li>
          )))}
        </ul>
      )}
      {!hideNumbers && info.inputs.filter((x) => x.accumulates || x.explain.length > 1).map((x) => (
        <p key={x.id} className="graph-accum">
          {x.explain.length > 1
            ? <><b>{x.name}</b> is used twice by this node, so it receives two contributions. </>
            : <><b>{x.name}</b>.grad already held {valueText(x.before)}{x.users > 1 ? ` (${x.name} feeds ${x.users} nodes)` : ''}: gradients add up, so it is now {valueText(x.after)}. </>}
        </p>
      ))}
      {!hideNumbers && info.inputs.some((x) => typeof x.after !== 'number') && (
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
      {done && !hideNumbers && <p className="graph-done">Done: these are the grads <code>backward({nameOf(snap.nodes[snap.root])})</code> leaves.</p>}
    </div>
  )
}

/** `mul(weight1, input1)` or `tanh(n12)`: what the node computes, in the names the sentences use. */
export function opText(s: GraphSnapshot, id: number): string {
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
