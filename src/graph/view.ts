// Which nodes to draw: the snapshot with its repeated structure folded into groups (groups.ts),
// less the groups the user or the stepper opened. A group of terms may be opened one term at a
// time: the stepper opens only the term it enters.
import type { GraphSnapshot } from '../protocol/messages.ts'
import type { NodeGroup } from './groups.ts'

/** What is open: whole groups by key, and single terms of a group of terms by index. */
export interface Openings {
  groups: ReadonlySet<string>
  terms: ReadonlyMap<string, ReadonlySet<number>>
}

export const NOTHING_OPEN: Openings = { groups: new Set(), terms: new Map() }

/** A closed group as it is drawn: one box standing for `hidden` nodes. */
export interface ShownGroup {
  key: string
  group: NodeGroup
  /** the nodes this box stands for now (a group of terms less its opened terms) */
  hidden: number[]
  /** terms: the outputs of the terms it stands for */
  outs: number[]
}

export interface GraphView {
  snapshot: GraphSnapshot
  /** snapshot ids drawn as nodes, ascending */
  shown: number[]
  /** for each snapshot id, -1 when drawn, else the index of its ShownGroup */
  groupOf: Int32Array
  groups: ShownGroup[]
}

/** Everything, no groups. */
export function fullView(snapshot: GraphSnapshot): GraphView {
  return { snapshot, shown: snapshot.nodes.map((n) => n.id), groupOf: new Int32Array(snapshot.nodes.length).fill(-1), groups: [] }
}

/** The snapshot with every group closed except those opened. */
export function groupedView(snapshot: GraphSnapshot, groups: NodeGroup[], open: Openings = NOTHING_OPEN): GraphView {
  const n = snapshot.nodes.length
  const groupOf = new Int32Array(n).fill(-1)
  const shownGroups: ShownGroup[] = []
  for (const g of groups) {
    if (open.groups.has(g.key)) continue
    let hidden = g.members, outs: number[] = []
    if (g.kind === 'terms') {
      const opened = open.terms.get(g.key)
      const closed = g.terms.filter((_, i) => !opened?.has(i))
      if (closed.length === 0) continue
      hidden = closed.flatMap((t) => t.members).sort((a, b) => a - b)
      outs = closed.map((t) => t.out)
    }
    const index = shownGroups.length
    for (const id of hidden) groupOf[id] = index
    shownGroups.push({ key: g.key, group: g, hidden, outs })
  }
  const shown: number[] = []
  for (let id = 0; id < n; id++) if (groupOf[id] === -1) shown.push(id)
  return { snapshot, shown, groupOf, groups: shownGroups }
}

/** Drawn elements of a view: each node, one op node per non-leaf, each group box. */
export function viewSize(view: GraphView): number {
  let n = view.groups.length
  for (const id of view.shown) n += view.snapshot.nodes[id].op ? 2 : 1
  return n
}

/**
 * What to open so that node `id` is drawn: nothing if it is, else its group (a group of terms
 * opens only the term that holds it). A sum's last addition is drawn by the sum's box itself.
 */
export function openFor(view: GraphView, id: number, open: Openings): Openings {
  const gi = view.groupOf[id]
  if (gi === -1) return open
  const g = view.groups[gi].group
  if (g.kind === 'sum' && g.rep === id) return open
  if (g.kind === 'terms') {
    const t = g.terms.findIndex((term) => term.members.includes(id))
    const terms = new Map(open.terms)
    terms.set(g.key, new Set([...(open.terms.get(g.key) ?? []), t]))
    return { groups: open.groups, terms }
  }
  return { groups: new Set([...open.groups, g.key]), terms: open.terms }
}

/** Opens a whole group, or closes it again (with every term it had open). */
export function toggleGroup(open: Openings, key: string): Openings {
  const groups = new Set(open.groups)
  const terms = new Map(open.terms)
  if (groups.has(key)) {
    groups.delete(key)
    terms.delete(key)
  } else groups.add(key)
  return { groups, terms }
}
