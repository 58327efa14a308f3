// "Check gradients": compare every leaf's grad with a finite-difference estimate computed from the
// snapshot alone, by re-running the forward pass with plain numbers.
import type { GraphSnapshot, SnapNode } from '../protocol/messages.ts'
import { nameOf } from './format.ts'

export interface LeafCheck {
  id: number
  name: string
  /** the grad as backward left it */
  grad: number
  /** (f(x + h) − f(x − h)) / 2h */
  estimate: number
  ok: boolean
}

export interface GradCheck {
  /** false when the check cannot be made (Tensors, or an op it does not know) */
  supported: boolean
  note: string
  leaves: LeafCheck[]
  /** the leaves that disagree */
  bad: LeafCheck[]
}

const tanh = (x: number) => {
  const e = Math.exp(2 * x)
  return e === Infinity ? 1 : (e - 1) / (e + 1)
}

/** The exponent of a `pow` node with a constant exponent: its symbol is `^k`. */
export function powExponent(n: SnapNode): number | null {
  const m = /^\^(.+)$/.exec(n.symbol)
  if (!m) return null
  const k = Number(m[1])
  return Number.isFinite(k) ? k : null
}

/** One op on plain numbers, or null when the op is not known here. */
function opFn(n: SnapNode): ((x: Float64Array, a: number[]) => number) | null {
  const [i, j] = n.inputs
  switch (n.op) {
    case 'add': return (x) => x[i] + x[j]
    case 'mul': return (x) => x[i] * x[j]
    case 'pow': {
      if (n.inputs.length === 2) return (x) => x[i] ** x[j]
      const k = powExponent(n)
      return k === null ? null : (x) => x[i] ** k
    }
    case 'inv': return (x) => 1.0 / x[i]
    case 'exp': return (x) => Math.exp(x[i])
    case 'log': return (x) => Math.log(x[i])
    case 'tanh': return (x) => tanh(x[i])
    case 'relu': return (x) => (x[i] > 0 ? x[i] : 0)
    case 'sigmoid': return (x) => 1 / (1 + Math.exp(-x[i]))
  }
  return null
}

const MAX_WORK = 4e7

/** Compares each leaf's grad with a central finite difference of the root's data. */
export function checkGradients(s: GraphSnapshot): GradCheck {
  const none = (note: string): GradCheck => ({ supported: false, note, leaves: [], bad: [] })
  if (s.truncated) return none('The graph was too big to send whole, so it cannot be checked here.')
  if (s.nodes.some((n) => n.kind === 'tensor')) {
    return none('Checking gradients works on Value graphs; for Tensors, compare a few entries by hand with a small nudge to one weight.')
  }
  const fns = s.nodes.map((n) => (n.op ? opFn(n) : null))
  const unknown = s.nodes.find((n, i) => n.op && !fns[i])
  if (unknown) return none(`The check does not know the op “${unknown.op}” (${unknown.symbol}).`)

  const N = s.nodes.length
  const base = new Float64Array(N)
  for (const n of s.nodes) base[n.id] = n.data as number
  const x = new Float64Array(N)
  const forward = (leaf: number, value: number): number => {
    x.set(base)
    x[leaf] = value
    // only the nodes after the leaf can change (inputs come before users)
    for (let id = leaf + 1; id < N; id++) if (fns[id]) x[id] = fns[id]!(x, s.nodes[id].inputs)
    return x[s.root]
  }
  // The forward pass must reproduce the snapshot's numbers, or the estimates mean nothing.
  x.set(base)
  for (let id = 0; id < N; id++) if (fns[id]) x[id] = fns[id]!(x, s.nodes[id].inputs)
  const root = base[s.root]
  if (!(Object.is(x[s.root], root) || Math.abs(x[s.root] - root) <= 1e-9 * Math.max(1, Math.abs(root)))) {
    return none('Re-running the forward pass from the snapshot did not give the same output, so the check was skipped.')
  }

  let leaves = s.nodes.filter((n) => !n.op && n.id !== s.root)
  let note = ''
  if (leaves.length * N > MAX_WORK) {
    const max = Math.max(1, Math.floor(MAX_WORK / N))
    leaves = [...leaves.filter((n) => n.label), ...leaves.filter((n) => !n.label)].slice(0, max)
    note = `Checked ${max} of the leaves (the named ones first).`
  }
  const results: LeafCheck[] = leaves.map((n) => {
    const v = base[n.id]
    const h = 1e-6 * Math.max(1, Math.abs(v))
    const fp = forward(n.id, v + h), fm = forward(n.id, v - h)
    const estimate = (fp - fm) / (2 * h)
    const grad = n.grad as number
    // truncation error ~ h², rounding error ~ eps |f| / h
    const tol = 1e-4 * Math.max(1, Math.abs(grad), Math.abs(estimate)) + (4 * Number.EPSILON * Math.max(Math.abs(fp), Math.abs(fm))) / h
    const ok = Number.isFinite(estimate) ? Math.abs(grad - estimate) <= tol : !Number.isFinite(grad) || Number.isNaN(estimate)
    return { id: n.id, name: nameOf(n), grad, estimate, ok }
  })
  const bad = results.filter((r) => !r.ok)
  if (!note && s.kind === 'draw') note = 'This graph was drawn with draw(), so its grads are whatever they were then.'
  if (!note && s.accumulated) note = 'The grads were not zero when backward started, so they hold more than this call’s derivatives: call zero_grad first.'
  return { supported: true, note, leaves: results, bad }
}
