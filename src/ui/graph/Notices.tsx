// Notices above the graph: grads that an earlier backward left and the notebook reads, a graph
// too big to send, the gradient check's result.
import type { GraphSnapshot } from '../../protocol/messages.ts'
import type { GradCheck } from '../../graph/check.ts'
import { nameOf, short } from '../../graph/format.ts'

export function Notices({ snap, stale, check }: { snap: GraphSnapshot; stale: string[]; check: GradCheck | null }) {
  const root = nameOf(snap.nodes[snap.root])
  const names = stale.slice(0, 4).map((n, i) => <span key={n}>{i > 0 ? ', ' : ''}<code>{n}</code></span>)
  return (
    <>
      {stale.length > 0 && (
        <div className="graph-notice warn" role="note" data-testid="accumulation-notice">
          <b>{names}{stale.length > 4 ? ` and ${stale.length - 4} more` : ''} {stale.length === 1 ? 'was' : 'were'} not zero when backward started</b>, and
          the notebook reads {stale.length === 1 ? 'its grad' : 'their grads'}. Gradients accumulate with <code>+=</code>, so {stale.length === 1 ? 'it includes' : 'they include'} what
          {snap.calls > 1 ? ` ${snap.calls - 1} earlier backward call${snap.calls > 2 ? 's' : ''} in this cell` : ' an earlier backward call'} left.
          Set <code>{stale[0]}.grad = 0</code> (or call <code>zero_grad({root})</code>) before <code>backward({root})</code>.
        </div>
      )}
      {snap.truncated !== undefined && (
        <div className="graph-notice" role="note">
          This graph has {snap.truncated.toLocaleString('en')} nodes, too many to send to the page: only its output is shown.
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
