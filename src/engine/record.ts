// What the last observed backward call's Values held (each one's data, and its grad before the
// pass), kept without copying every number at every call: a training loop calls backward 100,000
// times and the playground draws only the last call (copying them all was a tenth of its time).
// - A node that no traversal has seen and whose grad no snippet has set (mark 0) has the grad it
//   was made with, +0; so the sort copies only the other nodes' grads (hold), as it meets them.
// - A node's data changes only through its `data` setter (node.ts), which keeps the old number
//   (keepData) the first time it is set after the call.
// - Any other traversal (topo, draw, a traced backward, zero_grad) may change the marks that both
//   rest on, so it first turns the call into numbers (settle).
import type { ValueNode } from './node.ts'

/** mark of a node whose grad a snippet set before any traversal saw it */
export const GRAD_SET = -1
/** mark of a node of the watched call whose data was set after it (the old data is kept) */
const DATA_KEPT = -2
/** `watched` when no call is watched: equal to no mark */
const NONE = -3

/** The epoch of the watched call's sort: its nodes carry it as their mark. */
export let watched = NONE
let order: readonly ValueNode[] = []
let heldNodes: ValueNode[] = []
let heldGrads = new Float64Array(64)
let held = 0
// Leaves, the usual nodes to hold (a model's parameters, its data), by their place in the order:
// storing a number costs less than storing a node (V8's write barrier).
let leafAt = new Int32Array(64)
let leafGrads = new Float64Array(64)
let leaves = 0
let keptNodes: ValueNode[] = []
let keptData = new Float64Array(16)
let kept = 0
let settled: Float64Array | null = null
// Counts the calls, so that a call's numbers are not asked for once a newer call replaced them.
let generation = 0

/** A new call is to be watched; its sort holds grads (hold) and then names its order (watch). */
export function startCall(): void {
  generation++
  watched = NONE
  held = 0
  leaves = 0
  kept = 0
  settled = null
}

/** The sort met n, which is not fresh, before marking it: its grad before the pass. */
export function hold(n: ValueNode): void {
  if (held === heldGrads.length) heldGrads = grown(heldGrads)
  heldNodes[held] = n
  heldGrads[held++] = n.g
}

/** Like hold, for a leaf that goes into the order at k. */
export function holdAt(n: ValueNode, k: number): void {
  if (leaves === leafAt.length) {
    leafAt = grown(leafAt)
    leafGrads = grown(leafGrads)
  }
  leafAt[leaves] = k
  leafGrads[leaves++] = n.g
}

/** The call's nodes, all marked `epoch` by its sort. */
export function watch(epoch: number, nodes: readonly ValueNode[]): void {
  watched = epoch
  order = nodes
}

/** n's data is about to be set after the watched call: keep what it held. */
export function keepData(n: ValueNode): void {
  if (kept === keptData.length) keptData = grown(keptData)
  keptNodes[kept] = n
  keptData[kept++] = n.d
  n.mark = DATA_KEPT
}

/** Before any traversal other than the next observed call: the watched call, as numbers. */
export function settle(): void {
  if (watched === NONE) return
  settled = numbersNow()
  watched = NONE
}

/** Stops watching and forgets the call (a new observer, or none). */
export function forget(): void {
  startCall()
  order = []
  heldNodes = []
  keptNodes = []
}

/**
 * The numbers of the call being watched, for its observer: a function that gives node i's data at
 * [2i] and its grad before the pass at [2i + 1], as they were at the call, however the nodes
 * changed since (a new array each time). It throws once a newer call has replaced this one.
 */
export function callNumbers(): () => Float64Array {
  const call = generation
  return () => {
    if (call !== generation) throw new Error('these numbers belonged to an earlier backward call')
    return settled ?? numbersNow()
  }
}

function numbersNow(): Float64Array {
  const grads = new Map<ValueNode, number>()
  for (let i = 0; i < held; i++) grads.set(heldNodes[i], heldGrads[i])
  const data = new Map<ValueNode, number>()
  for (let i = 0; i < kept; i++) data.set(keptNodes[i], keptData[i])
  const out = new Float64Array(2 * order.length)
  for (let i = 0; i < order.length; i++) {
    const n = order[i]
    out[2 * i] = n.mark === DATA_KEPT ? data.get(n)! : n.d
    out[2 * i + 1] = grads.get(n) ?? 0
  }
  for (let j = 0; j < leaves; j++) out[2 * leafAt[j] + 1] = leafGrads[j]
  return out
}

/** a, copied into an array of its kind twice as long */
function grown<A extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(a: A): A {
  const b = new (a.constructor as new (length: number) => A)(2 * a.length)
  b.set(a)
  return b
}
