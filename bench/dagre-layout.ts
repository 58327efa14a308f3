// The previous layout (dagre), kept only as the benchmark's baseline for src/graph/layout.ts.
// Unchanged apart from its imports; its view type is the old one (no groups).
//
// The layout: a pure function from a view of a snapshot to positions and edge paths. Layers run
// left to right (inputs on the left, the root on the right), computed by dagre. Each Value or
// Tensor node is laid out together with its op node, which sits just left of it, as micrograd
// draws them: inputs → op → output. Leaves that only one node uses (constants, data points) sit
// in a column just left of that node's op, which keeps big graphs compact and quick to lay out.
import dagre from '@dagrejs/dagre'
import type { GraphSnapshot, SnapNode, TensorValues } from '../src/protocol/messages.ts'
import { nameOf, shapeText, short } from '../src/graph/format.ts'
// The card and heatmap geometry are the app's own: only the layout around them is the old one.
import { HEAT_LEGEND, HEAT_TOP, MAP_MIN, heatGeometry, type CardBox } from '../src/graph/layout.ts'

interface MoreGroup { key: string; hidden: number[]; text: string }
export interface GraphView { snapshot: GraphSnapshot; shown: number[]; groupOf: Int32Array; more: MoreGroup[] }

/** Everything, as the old panel drew it. */
export function fullView(snapshot: GraphSnapshot): GraphView {
  return { snapshot, shown: snapshot.nodes.map((n) => n.id), groupOf: new Int32Array(snapshot.nodes.length).fill(-1), more: [] }
}

export const CARD_H = 62
export const OP_H = 28
export const OP_GAP = 18
export const MORE_H = 40
const RANK_SEP = 44
const NODE_SEP = 16
const COLUMN_GAP = 10
const CHAR = 7.4 // width of one character of the 12px monospace font, near enough
const LABEL_CHAR = 8.2 // 13px bold sans-serif
const PORT_GAP = 7
/** A node with more users than this has only its first edge laid out by dagre; the rest are drawn after. */
const FANOUT = 4
/** Above this many boxes, dagre's ordering takes its quicker path. */
const FAST_UNITS = 250
export interface MoreBox {
  key: string
  x: number
  y: number
  w: number
  h: number
  text: string
  count: number
}

export interface EdgePath {
  /** `${from}>${to}#${port}`, with `n<id>` for nodes and `m<k>` for summary nodes */
  key: string
  /** snapshot ids, or a summary node's key */
  from: number | string
  to: number | string
  /** which input of `to` this edge is */
  port: number
  d: string
  /** an edge into or out of a summary node */
  dashed: boolean
}

export interface GraphLayout {
  width: number
  height: number
  cards: CardBox[]
  /** indexed by snapshot id; undefined when not drawn */
  cardOf: (CardBox | undefined)[]
  more: MoreBox[]
  edges: EdgePath[]
}

export interface LayoutOptions {
  /** dagre's ranker; 'network-simplex' gives the tightest layers, 'longest-path' is fastest */
  ranker?: 'network-simplex' | 'tight-tree' | 'longest-path'
}

type Card = Omit<CardBox, 'x' | 'y'>

const r1 = (x: number) => Math.round(x * 10) / 10


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

/**
 * One box for dagre: a node, its op, and the leaves only it uses, in a column on the left. When
 * the node also has inputs from outside, the column leaves a free band at the op's height for
 * their edges: the leaves before them go above it, the others below.
 */
interface Unit {
  key: string
  card?: Card
  above: Card[]
  below: Card[]
  /** no band: the column is centred */
  centred: boolean
  w: number
  h: number
  text?: string
  count?: number
}

const stackHeight = (cs: Card[]) => cs.reduce((h, c) => h + c.h, 0) + Math.max(0, cs.length - 1) * COLUMN_GAP
const BAND = OP_H + 16

/** Positions and paths for a view of a snapshot. Deterministic: the same view gives the same layout. */
export function dagreLayout(view: GraphView, opts: LayoutOptions = {}): GraphLayout {
  const s = view.snapshot, nodes = s.nodes
  const seen = gradsSeen(view)
  const shown = new Uint8Array(nodes.length)
  for (const id of view.shown) shown[id] = 1
  const users: number[][] = nodes.map(() => [])
  for (const id of view.shown) for (const i of new Set(nodes[id].inputs)) users[i].push(id)
  for (const m of view.more) for (const h of m.hidden) for (const i of new Set(nodes[h].inputs)) if (shown[i]) users[i].push(-1)

  // A leaf joins its user's column when that user is its only one (and it is not the root).
  const hostOf = new Int32Array(nodes.length).fill(-1)
  for (const id of view.shown) {
    const n = nodes[id]
    if (n.op === '' && id !== s.root && users[id].length === 1 && users[id][0] >= 0) hostOf[id] = users[id][0]
  }

  const units: Unit[] = []
  const cards: Card[] = []
  for (const id of view.shown) cards[id] = cardFor(nodes[id], seen[id])
  for (const id of view.shown) {
    if (hostOf[id] !== -1) continue
    const card = cards[id]
    const inputs = nodes[id].inputs
    const attached = [...new Set(inputs)].filter((i) => hostOf[i] === id)
    const firstOutside = inputs.findIndex((i) => hostOf[i] !== id)
    const centred = firstOutside === -1
    const above = centred ? attached : attached.filter((i) => inputs.indexOf(i) < firstOutside)
    const below = centred ? [] : attached.filter((i) => inputs.indexOf(i) > firstOutside)
    const colW = attached.reduce((w, i) => Math.max(w, cards[i].w), 0)
    const half = centred
      ? stackHeight(above.map((i) => cards[i])) / 2
      : BAND / 2 + Math.max(stackHeight(above.map((i) => cards[i])), stackHeight(below.map((i) => cards[i])))
    const w = (attached.length ? colW + RANK_SEP : 0) + (card.op ? card.op.w + OP_GAP : 0) + card.w
    units.push({
      key: `n${id}`, card, above: above.map((i) => cards[i]), below: below.map((i) => cards[i]), centred, w,
      h: Math.max(card.h, OP_H, attached.length ? 2 * half : 0),
    })
  }
  for (const m of view.more) {
    units.push({ key: m.key, above: [], below: [], centred: true, w: Math.ceil(Math.max(120, 24 + m.text.length * CHAR)), h: MORE_H, text: m.text, count: m.hidden.length })
  }

  // Edges: input → the op node of each drawn user, one per use (x * x has two).
  const keyOf = (id: number) => (view.groupOf[id] === -1 ? `n${id}` : view.more[view.groupOf[id]].key)
  const edgeList: { from: string; to: string; port: number; ports: number; inside: boolean }[] = []
  for (const id of view.shown) {
    const n = nodes[id]
    n.inputs.forEach((i, port) => edgeList.push({ from: keyOf(i), to: `n${id}`, port, ports: n.inputs.length, inside: hostOf[i] === id }))
  }
  const intoMore = new Set<string>()
  for (const m of view.more) for (const h of m.hidden) for (const i of nodes[h].inputs) {
    const from = keyOf(i)
    if (from === m.key || intoMore.has(`${from}>${m.key}`)) continue
    intoMore.add(`${from}>${m.key}`)
    edgeList.push({ from, to: m.key, port: 0, ports: 1, inside: false })
  }
  // From a leaf in a column, the edge leaves from its host's unit.
  const unitKey = (k: string) => (k.startsWith('n') && hostOf[Number(k.slice(1))] !== -1 ? `n${hostOf[Number(k.slice(1))]}` : k)

  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP, edgesep: 8, marginx: 16, marginy: 16, ranker: opts.ranker ?? 'network-simplex' })
  g.setDefaultEdgeLabel(() => ({}))
  for (const u of units) g.setNode(u.key, { width: u.w, height: u.h })
  // A node used by many others (a shared weight) would drag long edges across every layer between
  // its users: dagre lays out only its first edge, and the others are drawn straight after.
  const fanout = new Map<string, number>()
  for (const e of edgeList) if (!e.inside) fanout.set(e.from, (fanout.get(e.from) ?? 0) + 1)
  const firstFrom = new Set<string>()
  const routed = edgeList.map((e) => {
    if (e.inside) return false
    if (fanout.get(e.from)! <= FANOUT) return true
    if (firstFrom.has(e.from)) return false
    firstFrom.add(e.from)
    return true
  })
  edgeList.forEach((e, k) => {
    if (routed[k]) g.setEdge(unitKey(e.from), e.to, { weight: e.from.startsWith('m') || e.to.startsWith('m') ? 1 : 2 }, String(k))
  })

  // Big graphs skip dagre's search for a better ordering (about a quarter of its time; the
  // pictures barely differ).
  dagre.layout(g, units.length > FAST_UNITS ? { disableOptimalOrderHeuristic: true } : undefined)

  // Place each unit's parts: column, op, card, from left to right, centred on the unit's middle.
  const cardOf: (CardBox | undefined)[] = new Array(nodes.length)
  const out: CardBox[] = []
  const more: MoreBox[] = []
  const place = (c: Card, x: number, y: number): CardBox => {
    const box: CardBox = { ...c, x: r1(x), y: r1(y) }
    cardOf[c.id] = box
    out.push(box)
    return box
  }
  for (const u of units) {
    const p = g.node(u.key)
    const left = p.x! - u.w / 2, cy = p.y!
    if (!u.card) {
      more.push({ key: u.key, x: r1(left), y: r1(cy - u.h / 2), w: u.w, h: u.h, text: u.text!, count: u.count! })
      continue
    }
    let x = left
    const column = [...u.above, ...u.below]
    if (column.length) {
      const colW = column.reduce((w, c) => Math.max(w, c.w), 0)
      let y = u.centred ? cy - stackHeight(u.above) / 2 : cy - BAND / 2 - stackHeight(u.above)
      for (const c of u.above) {
        place(c, x + colW - c.w, y)
        y += c.h + COLUMN_GAP
      }
      y = cy + BAND / 2
      for (const c of u.below) {
        place(c, x + colW - c.w, y)
        y += c.h + COLUMN_GAP
      }
      x += colW + RANK_SEP
    }
    const c = u.card
    const box = place(c, left + u.w - c.w, cy - c.h / 2)
    if (c.op) box.op = { ...c.op, cx: r1(x + c.op.w / 2), cy: r1(cy) }
  }
  out.sort((a, b) => a.id - b.id)
  const moreByKey = new Map(more.map((m) => [m.key, m]))

  const exit = (k: string): [number, number] => {
    const c = k.startsWith('n') ? cardOf[Number(k.slice(1))]! : moreByKey.get(k)!
    return [c.x + c.w, c.y + c.h / 2]
  }
  const entry = (k: string, port: number, ports: number): [number, number] => {
    if (k.startsWith('m')) {
      const m = moreByKey.get(k)!
      return [m.x, m.y + m.h / 2]
    }
    const op = cardOf[Number(k.slice(1))]!.op!
    const dy = ports > 1 ? (port - (ports - 1) / 2) * Math.min(PORT_GAP, (op.h - 8) / (ports - 1)) : 0
    return [op.cx - op.w / 2, op.cy + dy]
  }
  const id = (k: string) => (k.startsWith('n') ? Number(k.slice(1)) : k)
  const edges: EdgePath[] = edgeList.map((e, k) => {
    const a = exit(e.from), b = entry(e.to, e.port, e.ports)
    const points: { x: number; y: number }[] = routed[k] ? ((g.edge(unitKey(e.from), e.to, String(k)) as { points?: { x: number; y: number }[] } | undefined)?.points ?? []) : []
    // dagre's bend points, less its two ends (ours are the ports), and only those between them
    const mid = points.slice(1, -1).filter((p) => p.x > a[0] && p.x < b[0]).map((p) => [p.x, p.y] as [number, number])
    return {
      key: `${e.from}>${e.to}#${e.port}`, from: id(e.from), to: id(e.to), port: e.port,
      d: edgePath(a, mid, b), dashed: e.from.startsWith('m') || e.to.startsWith('m'),
    }
  })
  const gl = g.graph()
  return { width: Math.ceil(gl.width ?? 0), height: Math.ceil(gl.height ?? 0), cards: out, cardOf, more, edges }
}

/** A smooth path that leaves and enters horizontally, through the layout's bend points. */
export function edgePath(a: [number, number], mid: [number, number][], b: [number, number]): string {
  const f = (p: [number, number]) => `${r1(p[0])},${r1(p[1])}`
  if (mid.length === 0) {
    const dx = Math.max(16, Math.abs(b[0] - a[0]) / 2)
    return `M${f(a)}C${f([a[0] + dx, a[1]])} ${f([b[0] - dx, b[1]])} ${f(b)}`
  }
  const first = mid[0], last = mid[mid.length - 1]
  const dx1 = Math.max(12, (first[0] - a[0]) / 2), dx2 = Math.max(12, (b[0] - last[0]) / 2)
  let d = `M${f(a)}C${f([a[0] + dx1, a[1]])} ${f([first[0] - dx1, first[1]])} ${f(first)}`
  for (let i = 1; i < mid.length; i++) d += `L${f(mid[i])}`
  return `${d}C${f([last[0] + dx2, last[1]])} ${f([b[0] - dx2, b[1]])} ${f(b)}`
}
