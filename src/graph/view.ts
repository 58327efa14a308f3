// Which nodes to draw: the whole snapshot, or a summary of a big one in which repeated
// structure (the middle terms of a long sum) is collapsed into one "⋯ N more" node.
import type { GraphSnapshot } from '../protocol/messages.ts'

/** Above this many drawn elements (Value/Tensor nodes plus op nodes) the panel asks first. */
export const DRAW_LIMIT = 2500
/** A summary aims at no more drawn elements than this. */
export const SUMMARY_TARGET = 400
/** Chains of the same op at least this long are collapsed, keeping this many at each end. */
const MIN_CHAIN = 7
const KEEP = 2

export interface MoreGroup {
  /** `m0`, `m1`, ...: the key of the stand-in node */
  key: string
  /** the snapshot nodes it stands for */
  hidden: number[]
  text: string
}

export interface GraphView {
  snapshot: GraphSnapshot
  /** snapshot ids drawn, ascending */
  shown: number[]
  /** for each snapshot id, -1 when drawn, else the index of its MoreGroup */
  groupOf: Int32Array
  more: MoreGroup[]
  summary: boolean
}

/** Drawn elements of the whole snapshot: each node, and one op node per non-leaf. */
export function drawSize(s: GraphSnapshot): number {
  let n = 0
  for (const node of s.nodes) n += node.op ? 2 : 1
  return n
}

/** Everything. */
export function fullView(snapshot: GraphSnapshot): GraphView {
  return {
    snapshot, shown: snapshot.nodes.map((n) => n.id), groupOf: new Int32Array(snapshot.nodes.length).fill(-1), more: [], summary: false,
  }
}

function consumersOf(s: GraphSnapshot): number[][] {
  const out: number[][] = s.nodes.map(() => [])
  for (const n of s.nodes) for (const i of n.inputs) if (out[i].at(-1) !== n.id) out[i].push(n.id)
  return out
}

/**
 * A summary: long chains of one op (a sum built term by term, as `loss += ...` does) keep their
 * first and last terms, and the middle ones, with everything only they use, become one node. If
 * that is still too big, only the nodes nearest the root are kept.
 */
export function summaryView(snapshot: GraphSnapshot, target = SUMMARY_TARGET): GraphView {
  const nodes = snapshot.nodes, n = nodes.length
  const consumers = consumersOf(snapshot)
  const groupOf = new Int32Array(n).fill(-1)
  const more: MoreGroup[] = []

  // prev[v]: the chain link before v (an input with the same op, used by v alone)
  const prev = new Int32Array(n).fill(-1), next = new Int32Array(n).fill(-1)
  for (const v of nodes) {
    if (v.inputs.length < 2 || !v.op) continue
    const u = v.inputs.find((i) => nodes[i].op === v.op && consumers[i].length === 1 && next[i] === -1)
    if (u !== undefined) {
      prev[v.id] = u
      next[u] = v.id
    }
  }
  for (let end = n - 1; end >= 0; end--) {
    if (prev[end] === -1 || next[end] !== -1) continue
    const chain: number[] = []
    for (let v = end; v !== -1; v = prev[v]) chain.push(v)
    chain.reverse()
    if (chain.length < MIN_CHAIN) continue
    const middle = chain.slice(KEEP, chain.length - KEEP)
    const g = more.length
    for (const v of middle) groupOf[v] = g
    more.push({ key: `m${g}`, hidden: [], text: `⋯ ${middle.length} more ${nodes[end].symbol || nodes[end].op} terms` })
  }
  hideUnused(snapshot, consumers, groupOf)

  let shown = nodes.filter((v) => groupOf[v.id] === -1).map((v) => v.id)
  const size = (ids: number[]) => ids.reduce((s, i) => s + (nodes[i].op ? 2 : 1), 0) + more.length
  if (size(shown) > target) {
    // Still too big: keep the nodes nearest the root, breadth first along inputs.
    const keep = new Uint8Array(n)
    const queue = [snapshot.root]
    keep[snapshot.root] = 1
    let budget = target - (nodes[snapshot.root].op ? 2 : 1)
    for (let q = 0; q < queue.length && budget > 0; q++) {
      for (const i of nodes[queue[q]].inputs) {
        if (keep[i] || groupOf[i] !== -1) continue
        const cost = nodes[i].op ? 2 : 1
        if (cost > budget) continue
        keep[i] = 1
        budget -= cost
        queue.push(i)
      }
    }
    const g = more.length
    let count = 0
    for (const id of shown) if (!keep[id]) {
      groupOf[id] = g
      count++
    }
    more.push({ key: `m${g}`, hidden: [], text: `⋯ ${count} more nodes` })
    shown = shown.filter((id) => keep[id])
  }
  for (let id = 0; id < n; id++) if (groupOf[id] !== -1) more[groupOf[id]].hidden.push(id)
  const used = more.filter((m) => m.hidden.length > 0)
  const renumber = new Map(more.map((m, i) => [i, used.indexOf(m)]))
  for (let id = 0; id < n; id++) if (groupOf[id] !== -1) groupOf[id] = renumber.get(groupOf[id])!
  used.forEach((m, i) => { m.key = `m${i}` })
  return { snapshot, shown, groupOf, more: used, summary: true }
}

/** Hide each node whose users are all hidden (and is not the root), in the group of its first user. */
function hideUnused(s: GraphSnapshot, consumers: number[][], groupOf: Int32Array): void {
  for (let id = s.nodes.length - 1; id >= 0; id--) {
    if (id === s.root || groupOf[id] !== -1) continue
    const users = consumers[id]
    if (users.length > 0 && users.every((u) => groupOf[u] !== -1)) groupOf[id] = groupOf[users[0]]
  }
}
