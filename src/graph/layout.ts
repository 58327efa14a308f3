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
  /** its two ends, x0, y0, x1, y1 (to draw only the edges near the view) */
  ends: [number, number, number, number]
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
function valueCardWidth(n: SnapNode, title: string, grads: number[], len: (x: number) => number): number {
  let chars = 5 + len(n.data as number)
  for (const g of grads) chars = Math.max(chars, 5 + len(g))
  return Math.ceil(Math.max(104, 24 + chars * CHAR, 40 + title.length * LABEL_CHAR))
}

const opWidth = (symbol: string) => (symbol.length <= 2 ? OP_H : Math.ceil(16 + symbol.length * CHAR))

/** The card (without its position) of one node. */
function cardFor(n: SnapNode, grads: number[], len: (x: number) => number): Card {
  const title = n.label || nameOf(n)
  const op = n.op ? { cx: 0, cy: 0, w: opWidth(n.symbol || n.op), h: OP_H, symbol: n.symbol || n.op, name: n.op } : undefined
  if (n.kind === 'value') return { id: n.id, kind: n.kind, title, titleMuted: !n.label, w: valueCardWidth(n, title, grads, len), h: CARD_H, op }
  const t = n.data as TensorValues
  const heat = heatGeometry(t)
  const shape = shapeText(t)
  const mapW = Math.max(heat.width, MAP_MIN)
  const w = Math.ceil(Math.max(24 + 2 * mapW + 20, 24 + (title.length + shape.length + 1) * LABEL_CHAR))
  return { id: n.id, kind: n.kind, title, titleMuted: !n.label, shape, heat, w, h: HEAT_TOP + heat.height + HEAT_LEGEND + 10, op }
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
  const widest = Math.max(title.length * LABEL_CHAR, (text.length + 8) * CHAR, 22 * CHAR)
  return { key: g.key, kind: g.group.kind, w: Math.ceil(Math.max(170, 24 + widest)), h: GROUP_H, title, text, count: g.hidden.length, rep: sum ? g.group.rep : null }
}

/** Units in an order where every edge goes forward (Kahn's algorithm; groups can break id order). */
function topoOrder(count: number, from: number[], to: number[]): Int32Array {
  const indeg = new Int32Array(count)
  for (const t of to) indeg[t]++
  const out: number[][] = Array.from({ length: count }, () => [])
  from.forEach((f, e) => out[f].push(to[e]))
  // a min-heap of ready units, so that creation order holds wherever the edges allow it
  const heap: number[] = []
  const push = (v: number) => {
    let i = heap.push(v) - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (heap[p] <= heap[i]) break
      ;[heap[p], heap[i]] = [heap[i], heap[p]]
      i = p
    }
  }
  const pop = () => {
    const top = heap[0], last = heap.pop()!
    if (heap.length) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1, r = l + 1
        let m = i
        if (l < heap.length && heap[l] < heap[m]) m = l
        if (r < heap.length && heap[r] < heap[m]) m = r
        if (m === i) break
        ;[heap[m], heap[i]] = [heap[i], heap[m]]
        i = m
      }
    }
    return top
  }
  for (let i = 0; i < count; i++) if (indeg[i] === 0) push(i)
  const order = new Int32Array(count)
  const placed = new Uint8Array(count)
  let tail = 0
  while (heap.length) {
    const u = pop()
    order[tail++] = u
    placed[u] = 1
    for (const v of out[u]) if (--indeg[v] === 0) push(v)
  }
  for (let i = 0; i < count; i++) if (!placed[i]) order[tail++] = i // a cycle through groups: drawn anyway
  return order
}

/** Positions and paths for a view of a snapshot. Deterministic: the same view gives the same layout. */
export function layoutGraph(view: GraphView, opts: LayoutOptions = {}): GraphLayout {
  const dir: Direction = opts.dir ?? 'LR'
  const s = view.snapshot, nodes = s.nodes
  const seen = gradsSeen(view)
  // the length of each number as a card shows it, once per distinct number
  const lengths = new Map<number, number>()
  const len = (x: number) => {
    let l = lengths.get(x)
    if (l === undefined) lengths.set(x, (l = short(x).length))
    return l
  }
  // units in creation order: shown nodes by id, each group where its last member is. Edges are
  // between unit numbers (no string keys on the way: thousands of nodes)
  const units: Unit[] = []
  const unitOfNode = new Int32Array(nodes.length).fill(-1)
  const unitOfGroup = new Int32Array(view.groups.length)
  const groupAt = new Map<number, number[]>()
  view.groups.forEach((g, gi) => {
    const last = g.hidden[g.hidden.length - 1]
    groupAt.set(last, [...(groupAt.get(last) ?? []), gi])
  })
  const sizeOf = (w: number, h: number, opW: number, opH: number): [number, number] => dir === 'LR'
    ? [(opW ? opW + OP_GAP : 0) + w, Math.max(h, opH)]
    : [Math.max(w, opW), (opH ? opH + OP_GAP : 0) + h]
  let shownAt = 0
  for (let id = 0; id < nodes.length; id++) {
    if (view.shown[shownAt] === id) {
      shownAt++
      const card = cardFor(nodes[id], seen[id], len)
      const [w, h] = sizeOf(card.w, card.h, card.op?.w ?? 0, card.op?.h ?? 0)
      unitOfNode[id] = units.length
      units.push({ key: `n${id}`, card, w, h })
    }
    for (const gi of groupAt.get(id) ?? []) {
      const g = view.groups[gi]
      const box = groupBox(view, g)
      unitOfGroup[gi] = units.length
      units.push({ key: g.key, group: { g, box }, w: box.w, h: box.h })
    }
  }
  const unitOf = (id: number) => (view.groupOf[id] === -1 ? unitOfNode[id] : unitOfGroup[view.groupOf[id]])

  // edges: input → the op node of each drawn user, one per use (x * x has two); into groups, one per source
  const ef: number[] = [], et: number[] = [], eport: number[] = [], eports: number[] = []
  for (const id of view.shown) {
    const ins = nodes[id].inputs
    for (let port = 0; port < ins.length; port++) {
      ef.push(unitOf(ins[port]))
      et.push(unitOfNode[id])
      eport.push(port)
      eports.push(ins.length)
    }
  }
  view.groups.forEach((g, gi) => {
    const me = unitOfGroup[gi]
    const seenFrom = new Set<number>()
    for (const h of g.hidden) for (const i of nodes[h].inputs) {
      const from = unitOf(i)
      if (from === me || seenFrom.has(from)) continue
      seenFrom.add(from)
      ef.push(from)
      et.push(me)
      eport.push(0)
      eports.push(1)
    }
  })
  const order = view.groups.length ? topoOrder(units.length, ef, et) : Int32Array.from(units.keys())
  const pos = new Int32Array(units.length)
  order.forEach((u, i) => { pos[u] = i })
  const lf: number[] = [], lt: number[] = []
  for (let e = 0; e < ef.length; e++) {
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
  const boxOf: (CardBox | GroupBox)[] = new Array(units.length)
  ordered.forEach((u, i) => {
    const unit = order[i]
    const cx = MARGIN + (dir === 'LR' ? res.along[i] : res.across[i])
    const cy = MARGIN + (dir === 'LR' ? res.across[i] : res.along[i])
    const left = cx - u.w / 2, top = cy - u.h / 2
    if (u.group) {
      const box: GroupBox = { ...u.group.box, x: r1(left), y: r1(top) }
      groups.push(box)
      boxOf[unit] = box
      if (box.rep !== null) cardOf[box.rep] = box
      return
    }
    const c = u.card!
    const x = dir === 'LR' ? left + u.w - c.w : cx - c.w / 2
    const y = dir === 'LR' ? cy - c.h / 2 : top + u.h - c.h
    // built field by field: spreading objects with optional fields is slow for thousands of cards
    const box: CardBox = { id: c.id, kind: c.kind, x: r1(x), y: r1(y), w: c.w, h: c.h, title: c.title, titleMuted: c.titleMuted }
    if (c.shape !== undefined) box.shape = c.shape
    if (c.heat !== undefined) box.heat = c.heat
    if (c.op) {
      const o = c.op
      box.op = { cx: r1(dir === 'LR' ? left + o.w / 2 : cx), cy: r1(dir === 'LR' ? cy : top + o.h / 2), w: o.w, h: o.h, symbol: o.symbol, name: o.name }
    }
    cards.push(box)
    cardOf[c.id] = box
    boxOf[unit] = box
  })
  cards.sort((a, b) => a.id - b.id)

  const exit = (u: number): [number, number] => {
    const c = boxOf[u]
    return dir === 'LR' ? [c.x + c.w, c.y + c.h / 2] : [c.x + c.w / 2, c.y + c.h]
  }
  const entry = (u: number, port: number, ports: number): [number, number] => {
    const b = boxOf[u]
    if (!('op' in b) || !b.op) return dir === 'LR' ? [b.x, b.y + b.h / 2] : [b.x + b.w / 2, b.y]
    const op = b.op
    const room = dir === 'LR' ? op.h - 8 : op.w - 8
    const d = ports > 1 ? (port - (ports - 1) / 2) * Math.min(PORT_GAP, room / (ports - 1)) : 0
    return dir === 'LR' ? [op.cx - op.w / 2, op.cy + d] : [op.cx + d, op.cy - op.h / 2]
  }
  const endOf = (u: number): number | string => (units[u].card ? units[u].card!.id : units[u].key)
  const edges: EdgePath[] = ef.map((f, e) => {
    const a = exit(f), b = entry(et[e], eport[e], eports[e])
    return {
      key: `${units[f].key}>${units[et[e]].key}#${eport[e]}`, from: endOf(f), to: endOf(et[e]), port: eport[e],
      d: edgePath(a, b, dir), ends: [a[0], a[1], b[0], b[1]],
      dashed: units[f].group !== undefined || units[et[e]].group !== undefined,
    }
  })
  const [w, h] = dir === 'LR' ? [res.length, res.breadth] : [res.breadth, res.length]
  const groupOuts = new Map(view.groups.map((g) => [g.key, g.outs]))
  const groupOfNode = new Map<number, string>()
  for (const g of view.groups) for (const id of g.hidden) groupOfNode.set(id, g.key)
  return { dir, width: Math.ceil(w + 2 * MARGIN), height: Math.ceil(h + 2 * MARGIN), cards, cardOf, groups, edges, groupOuts, groupOfNode }
}

/** A smooth curve that leaves and enters along the layout's direction. */
export function edgePath(a: [number, number], b: [number, number], dir: Direction = 'LR'): string {
  const [ax, ay] = [r1(a[0]), r1(a[1])], [bx, by] = [r1(b[0]), r1(b[1])]
  if (dir === 'LR') {
    const dx = Math.max(16, Math.abs(b[0] - a[0]) / 2)
    return `M${ax},${ay}C${r1(a[0] + dx)},${ay} ${r1(b[0] - dx)},${by} ${bx},${by}`
  }
  const dy = Math.max(16, Math.abs(b[1] - a[1]) / 2)
  return `M${ax},${ay}C${ax},${r1(a[1] + dy)} ${bx},${r1(b[1] - dy)} ${bx},${by}`
}
