// The layout: a pure function from a view of a snapshot to positions and edge paths. Each Value
// or Tensor node is laid out with its op node, which sits just before it (inputs → op → output,
// as micrograd draws them); a closed group is one box. The boxes go through the layered layout of
// layered.ts, left to right (a wide panel) or top to bottom (a tall one).
import type { NodeValue, SnapNode, TensorValues } from '../protocol/messages.ts'
import { nameOf, shapeText, short } from './format.ts'
import { layered } from './layered.ts'
import type { GraphView, ShownGroup } from './view.ts'

export const CARD_H = 62
export const OP_H = 28
export const OP_GAP = 14
export const GROUP_H = 84
const LAYER_GAP = 40
const BOX_GAP = 18
const MARGIN = 16
const CHAR = 7.4 // width of one character of the 12px monospace font, near enough
const LABEL_CHAR = 8.2 // 13px bold sans-serif
const PORT_GAP = 7
/** Heatmaps: at most this many pixels a side, cells of at most CELL_MAX pixels. */
export const HEAT_MAX = 72
const CELL_MAX = 14
export const HEAT_TOP = 40 // the tensor header and the "data"/"grad" captions above the maps
export const HEAT_LEGEND = 22
/** A heatmap's column is at least this wide, so that its legend's two numbers fit. */
export const MAP_MIN = 76

/** Left to right, or top to bottom. */
export type Direction = 'LR' | 'TB'

export interface HeatGeometry {
  /** cell size in pixels */
  cell: number
  rows: number
  cols: number
  width: number
  height: number
}

export interface CardBox {
  id: number
  kind: 'value' | 'tensor'
  /** the card's top-left corner, width and height */
  x: number
  y: number
  w: number
  h: number
  /** bold title: the label, or the name the explanations use, muted */
  title: string
  titleMuted: boolean
  /** Tensors: "(2, 3)" and the heatmaps' geometry */
  shape?: string
  heat?: HeatGeometry
  /** the op node: its centre, size and the symbol it shows */
  op?: { cx: number; cy: number; w: number; h: number; symbol: string; name: string }
}

/** A closed group's box. */
export interface GroupBox {
  key: string
  kind: 'sum' | 'terms'
  x: number
  y: number
  w: number
  h: number
  /** the first line (the sum's name, or the terms' formula) and the second ("sum of 80 terms") */
  title: string
  text: string
  /** how many nodes it stands for */
  count: number
  /** a sum: the node whose data and grad it shows */
  rep: number | null
}

export interface EdgePath {
  /** `${from}>${to}#${port}`, with `n<id>` for nodes and the group's key for groups */
  key: string
  /** snapshot ids, or a group's key */
  from: number | string
  to: number | string
  /** which input of `to` this edge is */
  port: number
  d: string
  /** an edge into or out of a group */
  dashed: boolean
}

export interface GraphLayout {
  dir: Direction
  width: number
  height: number
  cards: CardBox[]
  /** indexed by snapshot id: the node's card, or the box that draws it; undefined when hidden */
  cardOf: (CardBox | GroupBox | undefined)[]
  groups: GroupBox[]
  edges: EdgePath[]
  /** each closed group of terms: the outputs of the terms it stands for */
  groupOuts: Map<string, number[]>
  /** each node hidden in a closed group: the group's key */
  groupOfNode: Map<number, string>
}

export interface LayoutOptions {
  dir?: Direction
}

type Card = Omit<CardBox, 'x' | 'y'>

const r1 = (x: number) => Math.round(x * 10) / 10

export function heatGeometry(t: TensorValues): HeatGeometry {
  const rows = t.gridRows, cols = t.gridCols
  const cell = Math.max(2, Math.min(CELL_MAX, Math.floor(HEAT_MAX / Math.max(rows, cols))))
  return { cell, rows, cols, width: cell * cols, height: cell * rows }
}

/** The widest text a Value card may show, so that its width does not change while stepping. */
function valueCardWidth(n: SnapNode, title: string, grads: number[]): number {
  let chars = 5 + short(n.data as number).length
  for (const g of grads) chars = Math.max(chars, 5 + short(g).length)
  return Math.ceil(Math.max(104, 24 + chars * CHAR, 40 + title.length * LABEL_CHAR))
}

const opWidth = (symbol: string) => (symbol.length <= 2 ? OP_H : Math.ceil(16 + symbol.length * CHAR))

/** The card (without its position) of one node. */
function cardFor(n: SnapNode, grads: number[]): Card {
  const title = n.label || nameOf(n)
  const base = { id: n.id, kind: n.kind, title, titleMuted: !n.label }
  const op = n.op ? { cx: 0, cy: 0, w: opWidth(n.symbol || n.op), h: OP_H, symbol: n.symbol || n.op, name: n.op } : undefined
  if (n.kind === 'value') return { ...base, w: valueCardWidth(n, title, grads), h: CARD_H, op }
  const t = n.data as TensorValues
  const heat = heatGeometry(t)
  const shape = shapeText(t)
  const mapW = Math.max(heat.width, MAP_MIN)
  const w = Math.ceil(Math.max(24 + 2 * mapW + 20, 24 + (title.length + shape.length + 1) * LABEL_CHAR))
  return { ...base, shape, heat, w, h: HEAT_TOP + heat.height + HEAT_LEGEND + 10, op }
}

/** Every grad a Value node takes while stepping (initial, after each step, final). */
function gradsSeen(view: GraphView): number[][] {
  const s = view.snapshot
  const seen: number[][] = s.nodes.map((n) => (typeof n.grad === 'number' ? [n.grad] : []))
  s.initial.forEach((g, i) => { if (typeof g === 'number') seen[i].push(g) })
  for (const step of s.steps) step.inputs.forEach((id, j) => { const g = step.after[j]; if (typeof g === 'number') seen[id].push(g) })
  return seen
}


interface Unit {
  key: string
  card?: Card
  group?: { g: ShownGroup; box: Omit<GroupBox, 'x' | 'y'> }
  w: number
  h: number
}

/** The range of some numbers as a card shows it: `12.1 … 4051`, or one number. */
export function rangeText(vs: NodeValue[]): string {
  let lo = Infinity, hi = -Infinity
  for (const v of vs) if (typeof v === 'number') {
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  if (lo === Infinity) return `${vs.length} tensors`
  return lo === hi ? short(lo) : `${short(lo)} … ${short(hi)}`
}

function groupBox(view: GraphView, g: ShownGroup): Omit<GroupBox, 'x' | 'y'> {
  const s = view.snapshot
  const sum = g.group.kind === 'sum'
  const title = sum ? nameOf(s.nodes[g.group.rep]) : g.group.formula
  const text = sum ? `sum of ${g.group.count} terms` : `×${g.outs.length} terms like this`
  const widest = Math.max(title.length * LABEL_CHAR, text.length * CHAR, 22 * CHAR)
  return { key: g.key, kind: g.group.kind, w: Math.ceil(Math.max(170, 24 + widest)), h: GROUP_H, title, text, count: g.hidden.length, rep: sum ? g.group.rep : null }
}

/** Units in an order where every edge goes forward (Kahn's algorithm; groups can break id order). */
function topoOrder(count: number, from: number[], to: number[]): Int32Array {
  const indeg = new Int32Array(count)
  for (const t of to) indeg[t]++
  const out: number[][] = Array.from({ length: count }, () => [])
  from.forEach((f, e) => out[f].push(to[e]))
  const order = new Int32Array(count)
  let head = 0, tail = 0
  const placed = new Uint8Array(count)
  // a heap is not needed: scanning ids in order keeps creation order among ready units
  const ready: number[] = []
  for (let i = 0; i < count; i++) if (indeg[i] === 0) ready.push(i)
  ready.reverse()
  while (ready.length) {
    const u = ready.pop()!
    order[tail++] = u
    placed[u] = 1
    const next: number[] = []
    for (const v of out[u]) if (--indeg[v] === 0) next.push(v)
    next.sort((a, b) => b - a)
    ready.push(...next)
    // keep the smallest id on top
    ready.sort((a, b) => b - a)
  }
  head = tail
  for (let i = 0; i < count; i++) if (!placed[i]) order[head++] = i // a cycle through groups: drawn anyway
  return order
}

/** Positions and paths for a view of a snapshot. Deterministic: the same view gives the same layout. */
export function layoutGraph(view: GraphView, opts: LayoutOptions = {}): GraphLayout {
  const dir: Direction = opts.dir ?? 'LR'
  const s = view.snapshot, nodes = s.nodes
  const seen = gradsSeen(view)
  const keyOf = (id: number) => (view.groupOf[id] === -1 ? `n${id}` : view.groups[view.groupOf[id]].key)

  // units in creation order: shown nodes by id, each group where its last member is
  const units: Unit[] = []
  const unitOf = new Map<string, number>()
  const groupAt = new Map<number, ShownGroup[]>()
  for (const g of view.groups) {
    const last = g.hidden[g.hidden.length - 1]
    groupAt.set(last, [...(groupAt.get(last) ?? []), g])
  }
  const sizeOf = (w: number, h: number, opW: number, opH: number): [number, number] => dir === 'LR'
    ? [(opW ? opW + OP_GAP : 0) + w, Math.max(h, opH)]
    : [Math.max(w, opW), (opH ? opH + OP_GAP : 0) + h]
  let shownAt = 0
  for (let id = 0; id < nodes.length; id++) {
    if (view.shown[shownAt] === id) {
      shownAt++
      const card = cardFor(nodes[id], seen[id])
      const [w, h] = sizeOf(card.w, card.h, card.op?.w ?? 0, card.op?.h ?? 0)
      unitOf.set(`n${id}`, units.length)
      units.push({ key: `n${id}`, card, w, h })
    }
    for (const g of groupAt.get(id) ?? []) {
      const box = groupBox(view, g)
      unitOf.set(g.key, units.length)
      units.push({ key: g.key, group: { g, box }, w: box.w, h: box.h })
    }
  }

  // edges: input → the op node of each drawn user, one per use (x * x has two); into groups, one per source
  const edgeList: { from: string; to: string; port: number; ports: number }[] = []
  for (const id of view.shown) {
    const n = nodes[id]
    n.inputs.forEach((i, port) => edgeList.push({ from: keyOf(i), to: `n${id}`, port, ports: n.inputs.length }))
  }
  for (const g of view.groups) {
    const seenFrom = new Set<string>()
    for (const h of g.hidden) for (const i of nodes[h].inputs) {
      const from = keyOf(i)
      if (from === g.key || seenFrom.has(from)) continue
      seenFrom.add(from)
      edgeList.push({ from, to: g.key, port: 0, ports: 1 })
    }
  }
  const ef = edgeList.map((e) => unitOf.get(e.from)!), et = edgeList.map((e) => unitOf.get(e.to)!)
  const order = view.groups.length ? topoOrder(units.length, ef, et) : Int32Array.from(units.keys())
  const pos = new Int32Array(units.length)
  order.forEach((u, i) => { pos[u] = i })
  const lf: number[] = [], lt: number[] = []
  for (let e = 0; e < edgeList.length; e++) {
    const a = pos[ef[e]], b = pos[et[e]]
    if (a < b) {
      lf.push(a)
      lt.push(b)
    }
  }
  const ordered = Array.from(order, (u) => units[u])
  const res = layered({
    along: ordered.map((u) => (dir === 'LR' ? u.w : u.h)),
    across: ordered.map((u) => (dir === 'LR' ? u.h : u.w)),
    from: lf, to: lt, layerGap: LAYER_GAP, boxGap: BOX_GAP,
  })

  const cardOf: (CardBox | GroupBox | undefined)[] = new Array(nodes.length)
  const cards: CardBox[] = []
  const groups: GroupBox[] = []
  const boxOf = new Map<string, CardBox | GroupBox>()
  ordered.forEach((u, i) => {
    const cx = MARGIN + (dir === 'LR' ? res.along[i] : res.across[i])
    const cy = MARGIN + (dir === 'LR' ? res.across[i] : res.along[i])
    const left = cx - u.w / 2, top = cy - u.h / 2
    if (u.group) {
      const box: GroupBox = { ...u.group.box, x: r1(left), y: r1(top) }
      groups.push(box)
      boxOf.set(u.key, box)
      if (box.rep !== null) cardOf[box.rep] = box
      return
    }
    const c = u.card!
    const x = dir === 'LR' ? left + u.w - c.w : cx - c.w / 2
    const y = dir === 'LR' ? cy - c.h / 2 : top + u.h - c.h
    const box: CardBox = { ...c, x: r1(x), y: r1(y) }
    if (c.op) box.op = { ...c.op, cx: r1(dir === 'LR' ? left + c.op.w / 2 : cx), cy: r1(dir === 'LR' ? cy : top + c.op.h / 2) }
    cards.push(box)
    cardOf[c.id] = box
    boxOf.set(u.key, box)
  })
  cards.sort((a, b) => a.id - b.id)

  const exit = (k: string): [number, number] => {
    const c = boxOf.get(k)!
    return dir === 'LR' ? [c.x + c.w, c.y + c.h / 2] : [c.x + c.w / 2, c.y + c.h]
  }
  const entry = (k: string, port: number, ports: number): [number, number] => {
    const b = boxOf.get(k)!
    if (!('op' in b) || !b.op) return dir === 'LR' ? [b.x, b.y + b.h / 2] : [b.x + b.w / 2, b.y]
    const op = b.op
    const room = dir === 'LR' ? op.h - 8 : op.w - 8
    const d = ports > 1 ? (port - (ports - 1) / 2) * Math.min(PORT_GAP, room / (ports - 1)) : 0
    return dir === 'LR' ? [op.cx - op.w / 2, op.cy + d] : [op.cx + d, op.cy - op.h / 2]
  }
  const id = (k: string) => (k.startsWith('n') ? Number(k.slice(1)) : k)
  const edges: EdgePath[] = edgeList.map((e) => ({
    key: `${e.from}>${e.to}#${e.port}`, from: id(e.from), to: id(e.to), port: e.port,
    d: edgePath(exit(e.from), entry(e.to, e.port, e.ports), dir),
    dashed: !e.from.startsWith('n') || !e.to.startsWith('n'),
  }))
  const [w, h] = dir === 'LR' ? [res.length, res.breadth] : [res.breadth, res.length]
  const groupOuts = new Map(view.groups.map((g) => [g.key, g.outs]))
  const groupOfNode = new Map<number, string>()
  for (const g of view.groups) for (const id of g.hidden) groupOfNode.set(id, g.key)
  return { dir, width: Math.ceil(w + 2 * MARGIN), height: Math.ceil(h + 2 * MARGIN), cards, cardOf, groups, edges, groupOuts, groupOfNode }
}

/** A smooth curve that leaves and enters along the layout's direction. */
export function edgePath(a: [number, number], b: [number, number], dir: Direction = 'LR'): string {
  const f = (p: [number, number]) => `${r1(p[0])},${r1(p[1])}`
  if (dir === 'LR') {
    const dx = Math.max(16, Math.abs(b[0] - a[0]) / 2)
    return `M${f(a)}C${f([a[0] + dx, a[1]])} ${f([b[0] - dx, b[1]])} ${f(b)}`
  }
  const dy = Math.max(16, Math.abs(b[1] - a[1]) / 2)
  return `M${f(a)}C${f([a[0], a[1] + dy])} ${f([b[0], b[1] - dy])} ${f(b)}`
}
