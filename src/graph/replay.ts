// The stepper's replay: grads at step k come from the snapshot's trace alone (never recomputed).
// Step 0 is `initial`; step k sets each input of steps 1..k to its `after` value.
import type { GraphSnapshot, NodeValue } from '../protocol/messages.ts'
import { isZero, nameOf, sameValue } from './format.ts'

/** How many steps the stepper has (0 for a draw() snapshot: no trace). */
export const stepCount = (s: GraphSnapshot): number => (s.kind === 'backward' ? s.steps.length : 0)

/** Every node's grad at step k (indexed by node id). A draw() snapshot shows its grads as they are. */
export function gradsAt(s: GraphSnapshot, k: number): NodeValue[] {
  if (s.kind !== 'backward' || s.initial.length !== s.nodes.length) return s.nodes.map((n) => n.grad)
  const g = s.initial.slice()
  const end = Math.max(0, Math.min(k, s.steps.length))
  for (let i = 0; i < end; i++) {
    const step = s.steps[i]
    step.inputs.forEach((id, j) => { g[id] = step.after[j] })
  }
  return g
}

export interface StepInput {
  id: number
  name: string
  /** the grad before this step and after it */
  before: NodeValue
  after: NodeValue
  /** the engine's sentences for this input (two for x * x) */
  explain: string[]
  /** its grad was not zero before: this step adds to what another use (or an earlier call) left */
  accumulates: boolean
  /** how many nodes use this one */
  users: number
}

export interface StepInfo {
  /** 0..n */
  k: number
  n: number
  /** the node whose local backward ran; null at step 0 */
  node: number | null
  /** step 1: the root's grad is set to 1 */
  seed: boolean
  inputs: StepInput[]
}

/** How many distinct nodes use each node. */
export function userCounts(s: GraphSnapshot): number[] {
  const users = s.nodes.map(() => 0)
  for (const n of s.nodes) for (const i of new Set(n.inputs)) users[i]++
  return users
}

/** What step k did, for the explanation under the graph. */
export function stepInfo(s: GraphSnapshot, k: number, users = userCounts(s)): StepInfo {
  const n = stepCount(s)
  if (k <= 0 || k > n) return { k: Math.max(0, Math.min(k, n)), n, node: null, seed: false, inputs: [] }
  const step = s.steps[k - 1]
  const before = gradsAt(s, k - 1)
  const inputs: StepInput[] = []
  step.inputs.forEach((id, j) => {
    const sentence = step.explain[j] ?? ''
    const known = inputs.find((x) => x.id === id)
    if (known) {
      // the same input twice (x * x): one entry, both sentences
      if (sentence) known.explain.push(sentence)
      known.after = step.after[j]
      return
    }
    inputs.push({
      id, name: nameOf(s.nodes[id]), before: before[id], after: step.after[j], explain: sentence ? [sentence] : [],
      accumulates: k > 1 && !isZero(before[id]), users: users[id],
    })
  })
  return { k, n, node: step.node, seed: k === 1, inputs }
}

/** The nodes whose grads differ between two grad arrays (for redrawing only what changed). */
export function changed(a: NodeValue[], b: NodeValue[]): number[] {
  const out: number[] = []
  for (let i = 0; i < b.length; i++) if (a[i] === undefined || !sameValue(a[i], b[i])) out.push(i)
  return out
}
