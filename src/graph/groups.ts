// Repeated structure, found in a snapshot: a chain of additions (`loss += term` in a loop) is one
// "sum of k terms", and the terms of one sum that have the same shape (one squared error each)
// are one group of k terms. Pure and linear: each pass walks the nodes once, in creation order or
// against it (inputs always come before their users).
import type { GraphSnapshot } from '../protocol/messages.ts'

/** A chain of additions shorter than this many terms is drawn as it is (the neuron's four). */
export const MIN_SUM_TERMS = 8
/** Same-shaped terms form a group when there are at least this many. */
export const MIN_LIKE_TERMS = 3

export interface Term {
  /** the node that the sum adds */
  out: number
  /** out and the nodes only it uses, ascending */
  members: number[]
}

export interface NodeGroup {
  /** `s0`, `s1`, ... for sums, `t0`, ... for groups of terms */
  key: string
  kind: 'sum' | 'terms'
  /** every node it stands for, ascending */
  members: number[]
  /** a sum: the chain's last addition, whose data and grad the group shows */
  rep: number
  /** a sum: how many terms it adds; terms: how many terms */
  count: number
  /** terms: each one, in order */
  terms: Term[]
  /** terms: the shape they share, written out (`(x·m + b − y)^2`) */
  formula: string
  /** terms: the sum they belong to */
  sum?: string
}

function consumersOf(s: GraphSnapshot): number[][] {
  const out: number[][] = s.nodes.map(() => [])
  for (const n of s.nodes) for (const i of n.inputs) if (out[i].at(-1) !== n.id) out[i].push(n.id)
  return out
}

/** The sums and groups of like terms of a snapshot (none for small graphs). */
export function findGroups(s: GraphSnapshot): NodeGroup[] {
  const nodes = s.nodes, n = nodes.length
  if (n < 2 * MIN_SUM_TERMS) return []
  const consumers = consumersOf(s)
  // prev[v]: the link before v in a chain of additions (an addition that only v uses)
  const prev = new Int32Array(n).fill(-1), next = new Int32Array(n).fill(-1)
  for (const v of nodes) {
    if (v.op !== 'add' || v.inputs.length !== 2) continue
    const u = v.inputs.find((i) => nodes[i].op === 'add' && consumers[i].length === 1 && next[i] === -1 && i !== v.inputs[1 - v.inputs.indexOf(i)])
    if (u !== undefined) {
      prev[v.id] = u
      next[u] = v.id
    }
  }
  const groups: NodeGroup[] = []
  const taken = new Uint8Array(n)
  for (let end = n - 1; end >= 0; end--) {
    if (prev[end] === -1 || next[end] !== -1) continue
    const chain: number[] = []
    for (let v = end; v !== -1; v = prev[v]) chain.push(v)
    chain.reverse()
    const inChain = new Set(chain)
    // the terms: the first link's inputs and every later link's other input; a zero leaf that
    // starts the chain (`let loss = Value(0)`) belongs to the sum itself
    const outs: number[] = []
    const folded: number[] = []
    for (const [j, c] of chain.entries()) {
      for (const i of nodes[c].inputs) {
        if (inChain.has(i)) continue
        if (j === 0 && nodes[i].op === '' && nodes[i].data === 0 && consumers[i].length === 1) folded.push(i)
        else outs.push(i)
      }
    }
    if (outs.length < MIN_SUM_TERMS) continue
    const key = `s${groups.filter((g) => g.kind === 'sum').length}`
    const members = [...chain, ...folded].sort((a, b) => a - b)
    for (const m of members) taken[m] = 1
    groups.push({ key, kind: 'sum', members, rep: end, count: outs.length, terms: [], formula: '' })
    groups.push(...likeTerms(s, consumers, outs, key, taken, groups.length))
  }
  return groups
}

/**
 * The terms of one sum grouped by shape. A term is its output and every node that only it uses
 * (found against creation order: a node belongs to a term when all its users do).
 */
function likeTerms(s: GraphSnapshot, consumers: number[][], outs: number[], sum: string, taken: Uint8Array, seq: number): NodeGroup[] {
  const nodes = s.nodes
  const owner = new Map<number, number>() // node -> index of its term
  outs.forEach((o, t) => { if (!owner.has(o)) owner.set(o, t) })
  const lo = Math.min(...outs)
  let first = lo
  // walk back from the latest term: a node joins the term that all its users belong to
  const hi = Math.max(...outs)
  for (let v = hi; v >= 0; v--) {
    if (owner.has(v) || taken[v] || v === s.root) continue
    const us = consumers[v]
    if (us.length === 0) continue
    const t = owner.get(us[0])
    if (t === undefined || outs[t] === v) continue
    if (us.every((u) => owner.get(u) === t)) {
      owner.set(v, t)
      first = Math.min(first, v)
    }
  }
  const terms: Term[] = outs.map((out) => ({ out, members: [] }))
  for (let v = first; v <= hi; v++) {
    const t = owner.get(v)
    if (t !== undefined && terms[t].out === outs[t]) terms[t].members.push(v)
  }
  // shapes: each node's signature, interned; outside nodes are alike, leaves by their label
  const sig = new Map<number, number>()
  const intern = new Map<string, number>()
  const idOf = (text: string) => {
    let id = intern.get(text)
    if (id === undefined) intern.set(text, (id = intern.size))
    return id
  }
  const byShape = new Map<number, number[]>()
  terms.forEach((term, t) => {
    const mine = new Set(term.members)
    for (const v of term.members) {
      const node = nodes[v]
      const ins = node.inputs.map((i) => (mine.has(i) ? sig.get(i)! : -1))
      sig.set(v, idOf(`${node.op}|${node.symbol}|${node.kind}|${node.op ? '' : node.label}|${ins.join(',')}`))
    }
    const shape = sig.get(term.out)!
    const list = byShape.get(shape) ?? []
    list.push(t)
    byShape.set(shape, list)
  })
  const out: NodeGroup[] = []
  let k = 0
  for (const list of byShape.values()) {
    if (list.length < MIN_LIKE_TERMS) continue
    const chosen = list.map((t) => terms[t])
    const members = chosen.flatMap((t) => t.members).sort((a, b) => a - b)
    out.push({
      key: `t${seq + k}`, kind: 'terms', members, rep: chosen[0].out, count: chosen.length, terms: chosen,
      formula: formulaOf(s, chosen[0]), sum,
    })
    k++
  }
  return out
}

/**
 * One term written out with its inputs' names: unnamed leaves inside it become x, y, z, ...;
 * `a + b × -1` reads `a − b`, as the snippet wrote it.
 */
export function formulaOf(s: GraphSnapshot, term: Term): string {
  const nodes = s.nodes
  const mine = new Set(term.members)
  const letters = ['x', 'y', 'z', 'u', 'v', 'w']
  const text = new Map<number, string>()
  const prec = new Map<number, number>() // 1: sum, 2: product, 3: atom
  let next = 0
  const name = (i: number): [string, number] => {
    const node = nodes[i]
    if (text.has(i)) return [text.get(i)!, prec.get(i)!]
    if (node.label) return [node.label, 3]
    if (!mine.has(i)) return [`n${i}`, 3]
    const t = node.op === '' && typeof node.data === 'number' && Number.isInteger(node.data) && Math.abs(node.data) <= 10
      ? String(node.data) : letters[next++] ?? `x${next}`
    text.set(i, t)
    prec.set(i, 3)
    return [t, 3]
  }
  const wrap = ([t, p]: [string, number], min: number) => (p < min ? `(${t})` : t)
  const isNegOne = (i: number) => nodes[i].op === '' && nodes[i].data === -1
  for (const v of term.members) {
    const node = nodes[v]
    if (node.op === '') continue
    const ins = node.inputs
    let t: string, p: number
    if (node.op === 'add' && ins.length === 2) {
      const b = nodes[ins[1]]
      if (b.op === 'mul' && b.inputs.length === 2 && isNegOne(b.inputs[1]) && mine.has(ins[1])) {
        t = `${wrap(name(ins[0]), 1)} − ${wrap(name(b.inputs[0]), 2)}`
      } else t = `${wrap(name(ins[0]), 1)} + ${wrap(name(ins[1]), 1)}`
      p = 1
    } else if (node.op === 'mul' && ins.length === 2) {
      if (isNegOne(ins[1])) {
        t = `−${wrap(name(ins[0]), 3)}`
        p = 2
      } else {
        t = `${wrap(name(ins[0]), 2)}·${wrap(name(ins[1]), 2)}`
        p = 2
      }
    } else if (node.op === 'pow' && ins.length === 1) {
      t = `${wrap(name(ins[0]), 3)}${node.symbol === '^2' ? '²' : node.symbol}`
      p = 3
    } else {
      t = `${node.symbol || node.op}(${ins.map((i) => name(i)[0]).join(', ')})`
      p = 3
    }
    text.set(v, t)
    prec.set(v, p)
  }
  return name(term.out)[0]
}
