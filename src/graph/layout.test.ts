import { describe, expect, it } from 'vitest'
import { linearRegressionGraph, neuronGraph, squareGraph, tensorGraph, xyGraph } from './fixtures.ts'
import { edgePath, layoutGraph, type GraphLayout } from './layout.ts'
import { drawSize, fullView, summaryView } from './view.ts'

const overlap = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

function boxes(l: GraphLayout) {
  return [
    ...l.cards.map((c) => ({ x: c.x, y: c.y, w: c.w, h: c.h })),
    ...l.cards.filter((c) => c.op).map((c) => ({ x: c.op!.cx - c.op!.w / 2, y: c.op!.cy - c.op!.h / 2, w: c.op!.w, h: c.op!.h })),
    ...l.more,
  ]
}

describe('layout', () => {
  it('puts inputs left of their op node, and the op node left of its output (z = x * y)', () => {
    const s = xyGraph().backward()
    const l = layoutGraph(fullView(s))
    const [x, y, z] = [0, 1, 2].map((i) => l.cardOf[i]!)
    expect(z.op).toMatchObject({ symbol: '×', name: 'mul' })
    for (const input of [x, y]) expect(input.x + input.w).toBeLessThan(z.op!.cx - z.op!.w / 2)
    expect(z.op!.cx + z.op!.w / 2).toBeLessThan(z.x)
    expect(l.edges.map((e) => e.key).sort()).toEqual(['n0>n2#0', 'n1>n2#1'])
    expect(x.title).toBe('x')
  })

  it('draws one edge per use: x * x has two edges into the op node, at different ports', () => {
    const l = layoutGraph(fullView(squareGraph().backward()))
    const edges = l.edges.filter((e) => e.from === 0 && e.to === 1)
    expect(edges).toHaveLength(2)
    expect(edges[0].d).not.toBe(edges[1].d)
  })

  it('lays out the neuron left to right, with no two boxes overlapping', () => {
    const s = neuronGraph().backward()
    const l = layoutGraph(fullView(s))
    expect(l.cards).toHaveLength(s.nodes.length)
    const all = boxes(l)
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlap(all[i], all[j])).toBe(false)
    // every node is right of all of its inputs
    for (const n of s.nodes) for (const i of n.inputs) expect(l.cardOf[i]!.x).toBeLessThan(l.cardOf[n.id]!.x)
    const root = l.cardOf[s.root]!
    expect(root.x + root.w).toBeGreaterThan(Math.max(...l.cards.filter((c) => c.id !== s.root).map((c) => c.x + c.w)))
    expect(l.width).toBeGreaterThan(0)
    for (const c of l.cards) expect(c.x + c.w).toBeLessThanOrEqual(l.width)
  })

  it('is deterministic and rounded to a tenth of a pixel', () => {
    const a = layoutGraph(fullView(neuronGraph().backward()))
    const b = layoutGraph(fullView(neuronGraph().backward()))
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    for (const c of a.cards) expect([c.x * 10, c.y * 10].every(Number.isInteger)).toBe(true)
  })

  it('gives Tensor cards their shape and heatmap geometry', () => {
    const s = tensorGraph()
    const l = layoutGraph(fullView(s))
    const W = l.cardOf[1]!
    expect(W).toMatchObject({ kind: 'tensor', shape: '(3, 2)', title: 'W' })
    expect(W.heat).toMatchObject({ rows: 3, cols: 2, cell: 14 })
    expect(l.cardOf[2]!.op).toMatchObject({ name: 'matmul', symbol: 'matmul' })
  })

  it('keeps a Value card wide enough for every grad it shows while stepping', () => {
    const s = neuronGraph().backward()
    const l = layoutGraph(fullView(s))
    for (const c of l.cards) expect(c.w).toBeGreaterThanOrEqual(104)
  })

  it('draws edges that leave and enter horizontally', () => {
    expect(edgePath([0, 0], [], [100, 50])).toBe('M0,0C50,0 50,50 100,50')
    expect(edgePath([0, 0], [[50, 10], [80, 10]], [120, 20])).toBe('M0,0C25,0 25,10 50,10L80,10C100,10 100,20 120,20')
  })
})

describe('summaries of big graphs', () => {
  it('fold the middle terms of a long sum into one node, keeping the shared weights', () => {
    const s = linearRegressionGraph(80).backward()
    expect(s.nodes.length).toBeGreaterThan(500)
    const v = summaryView(s)
    expect(v.more).toHaveLength(1)
    expect(v.more[0].text).toBe('⋯ 76 more + terms')
    const shown = new Set(v.shown.map((id) => s.nodes[id].label))
    expect(shown.has('m') && shown.has('b') && shown.has('loss')).toBe(true)
    expect(v.shown).toContain(s.root)
    expect(v.shown.length + v.more[0].hidden.length).toBe(s.nodes.length)
    const l = layoutGraph(v)
    expect(l.more).toHaveLength(1)
    expect(l.edges.some((e) => e.dashed && e.to === 'm0')).toBe(true)
    expect(l.edges.some((e) => e.dashed && e.from === 'm0')).toBe(true)
  })

  it('fall back to the nodes nearest the root when there is nothing to fold', () => {
    const g = neuronGraph()
    const s = g.backward()
    const v = summaryView(s, 8)
    expect(v.shown).toContain(s.root)
    expect(v.shown.reduce((n, id) => n + (s.nodes[id].op ? 2 : 1), 0)).toBeLessThanOrEqual(8)
    expect(v.more[0].text).toMatch(/^⋯ \d+ more nodes$/)
  })

  it('count op nodes in the drawn size', () => {
    expect(drawSize(xyGraph().backward())).toBe(4)
  })
})
