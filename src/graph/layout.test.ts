import { describe, expect, it } from 'vitest'
import { fixture } from './fixtures.ts'
import { findGroups } from './groups.ts'
import { closest, layered } from './layered.ts'
import { edgePath, layoutGraph, type CardBox, type GraphLayout } from './layout.ts'
import { fullView, groupedView, openFor, toggleGroup, NOTHING_OPEN } from './view.ts'

type Box = { x: number; y: number; w: number; h: number }
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

function boxes(l: GraphLayout): Box[] {
  return [
    ...l.cards.map((c) => ({ x: c.x, y: c.y, w: c.w, h: c.h })),
    ...l.cards.filter((c) => c.op).map((c) => ({ x: c.op!.cx - c.op!.w / 2, y: c.op!.cy - c.op!.h / 2, w: c.op!.w, h: c.op!.h })),
    ...l.groups,
  ]
}
function expectNoOverlaps(l: GraphLayout) {
  const all = boxes(l)
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlap(all[i], all[j]), `${i} and ${j}`).toBe(false)
  for (const b of all) {
    expect(b.x).toBeGreaterThanOrEqual(0)
    expect(b.y).toBeGreaterThanOrEqual(0)
    expect(b.x + b.w).toBeLessThanOrEqual(l.width)
    expect(b.y + b.h).toBeLessThanOrEqual(l.height)
  }
}
const card = (l: GraphLayout, id: number) => l.cardOf[id] as CardBox

describe('the layered layout', () => {
  it('puts each box one layer after its latest input, and leaves just before their user', () => {
    // 0, 1 leaves; 2 = f(0, 1); 3 a leaf used only by 4 = g(2, 3)
    const r = layered({ along: [10, 10, 10, 10, 10], across: [20, 20, 20, 20, 20], from: [0, 1, 2, 3], to: [2, 2, 4, 4], layerGap: 5, boxGap: 5 })
    expect(Array.from(r.layer)).toEqual([0, 0, 1, 1, 2])
    expect(r.layers.map((l) => l.length)).toEqual([2, 2, 1])
    expect(r.length).toBe(3 * 10 + 2 * 5)
  })

  it('orders a layer by the barycentre of its neighbours (crossings untangled)', () => {
    // 0 and 1 are inputs of 3 and 2 in crossed order: the sweep puts 3 first
    const r = layered({ along: [1, 1, 1, 1], across: [10, 10, 10, 10], from: [0, 1], to: [3, 2], layerGap: 1, boxGap: 2 })
    expect(Array.from(r.layers[1])).toEqual([3, 2])
    expect(r.across[3]).toBeLessThan(r.across[2])
  })

  it('places a layer as close to what it wants as the gaps allow (pooled violators)', () => {
    const out = new Float64Array(3)
    closest([0, 1, 2], [0, 0, 0], [10, 10, 10], 2, out)
    expect(Array.from(out)).toEqual([-12, 0, 12])
    closest([0, 1, 2], [0, 100, 101], [10, 10, 10], 2, out)
    expect(Array.from(out)).toEqual([0, 94.5, 106.5])
  })

  it('lays out z = x * y: inputs before the op node, the op node before its output, both directions', () => {
    for (const dir of ['LR', 'TB'] as const) {
      const l = layoutGraph(fullView(fixture('xy')), { dir })
      const [x, y, z] = [0, 1, 2].map((i) => card(l, i))
      expect(z.op).toMatchObject({ symbol: '×', name: 'mul' })
      if (dir === 'LR') {
        for (const input of [x, y]) expect(input.x + input.w).toBeLessThan(z.op!.cx - z.op!.w / 2)
        expect(z.op!.cx + z.op!.w / 2).toBeLessThan(z.x)
      } else {
        for (const input of [x, y]) expect(input.y + input.h).toBeLessThan(z.op!.cy - z.op!.h / 2)
        expect(z.op!.cy + z.op!.h / 2).toBeLessThan(z.y)
      }
      expect(l.edges.map((e) => e.key).sort()).toEqual(['n0>n2#0', 'n1>n2#1'])
      expect(x.title).toBe('x')
      expectNoOverlaps(l)
    }
  })

  it('draws one edge per use: x * x has two edges into the op node, at different ports', () => {
    const s = fixture('square')
    const l = layoutGraph(fullView(s))
    const x = s.nodes.find((n) => n.label === 'x')!.id, sq = s.nodes.find((n) => n.label === 'sq')!.id
    const edges = l.edges.filter((e) => e.from === x && e.to === sq)
    expect(edges).toHaveLength(2)
    expect(edges[0].d).not.toBe(edges[1].d)
  })

  it('lays out the neuron top to bottom with every node after its inputs and no two boxes overlapping', () => {
    const s = fixture('neuron')
    const l = layoutGraph(fullView(s), { dir: 'TB' })
    expect(l.cards).toHaveLength(s.nodes.length)
    expectNoOverlaps(l)
    for (const n of s.nodes) for (const i of n.inputs) expect(card(l, i).y + card(l, i).h).toBeLessThanOrEqual(card(l, n.id).op!.cy)
    const root = card(l, s.root)
    expect(root.y).toBe(Math.max(...l.cards.map((c) => c.y)))
    // leaves sit just above the node that uses them: y_true is in the layer right above its user's
    const yTrue = s.nodes.find((n) => n.label === 'y_true')!
    const user = s.nodes.find((n) => n.inputs.includes(yTrue.id))!
    const gap = card(l, user.id).op!.cy - (card(l, yTrue.id).y + card(l, yTrue.id).h)
    expect(gap).toBeLessThan(60)
  })

  it('is deterministic and rounded to a tenth of a pixel', () => {
    const a = layoutGraph(fullView(fixture('neuron')))
    const b = layoutGraph(fullView(fixture('neuron')))
    expect(JSON.stringify({ ...a, groupOuts: [], groupOfNode: [] })).toBe(JSON.stringify({ ...b, groupOuts: [], groupOfNode: [] }))
    for (const c of a.cards) expect([c.x * 10, c.y * 10].every(Number.isInteger)).toBe(true)
  })

  it('gives Tensor cards their shape and heatmap geometry', () => {
    const s = fixture('tensor')
    const l = layoutGraph(fullView(s))
    const w = card(l, s.nodes.find((n) => n.label === 'weights1')!.id)
    expect(w).toMatchObject({ kind: 'tensor', shape: '(3, 4)', title: 'weights1' })
    expect(w.heat).toMatchObject({ rows: 3, cols: 4, cell: 14 })
    expect(l.cards.some((c) => c.op?.name === 'matmul')).toBe(true)
    expectNoOverlaps(l)
  })

  it('keeps a Value card wide enough for every grad it shows while stepping', () => {
    const l = layoutGraph(fullView(fixture('neuron')))
    for (const c of l.cards) expect(c.w).toBeGreaterThanOrEqual(104)
  })

  it('draws edges that leave and enter along the direction', () => {
    expect(edgePath([0, 0], [100, 50])).toBe('M0,0C50,0 50,50 100,50')
    expect(edgePath([0, 0], [50, 100], 'TB')).toBe('M0,0C0,50 50,50 50,100')
  })
})

describe('groups', () => {
  const s = fixture('linear-regression')

  it('find the linear-regression loss: a sum of 80 terms, all of one shape', () => {
    const groups = findGroups(s)
    expect(groups.map((g) => [g.kind, g.count])).toEqual([['sum', 80], ['terms', 80]])
    const [sum, terms] = groups
    expect(sum.rep).toBe(s.root)
    expect(terms.formula).toBe('(x·m_guess + b_guess − y)²')
    // every node is in exactly one group, except the two parameters
    const inGroup = new Set([...sum.members, ...terms.members])
    expect(inGroup.size).toBe(sum.members.length + terms.members.length)
    expect(s.nodes.filter((n) => !inGroup.has(n.id)).map((n) => n.label).sort()).toEqual(['b_guess', 'm_guess'])
  })

  it('draw the loss on one screen: m_guess, b_guess, the terms and the sum', () => {
    const groups = findGroups(s)
    const v = groupedView(s, groups)
    expect(v.shown.map((id) => s.nodes[id].label).sort()).toEqual(['b_guess', 'm_guess'])
    const l = layoutGraph(v, { dir: 'TB' })
    expect(l.groups.map((g) => [g.kind, g.count])).toEqual([['terms', 640], ['sum', 81]])
    expect(l.width).toBeLessThan(560)
    expect(l.height).toBeLessThan(420)
    expectNoOverlaps(l)
    // parameters above the terms, the terms above the sum, which draws the root
    const [terms, sum] = l.groups
    expect(l.cardOf[s.root]).toBe(sum)
    expect(card(l, v.shown[0]).y + card(l, v.shown[0]).h).toBeLessThan(terms.y)
    expect(terms.y + terms.h).toBeLessThan(sum.y)
    expect(l.edges.filter((e) => e.to === terms.key).map((e) => e.from).sort()).toEqual(v.shown.slice().sort())
    expect(l.edges.some((e) => e.from === terms.key && e.to === sum.key)).toBe(true)
  })

  it('open one term for the stepper, and all of a group on click', () => {
    const groups = findGroups(s)
    const v = groupedView(s, groups)
    const inTerm = groups[1].terms[5].members[0]
    const one = openFor(v, inTerm, NOTHING_OPEN)
    const v1 = groupedView(s, groups, one)
    expect(v1.groupOf[inTerm]).toBe(-1)
    expect(v1.groups.find((g) => g.key === groups[1].key)!.outs).toHaveLength(79)
    expect(openFor(v, s.root, NOTHING_OPEN)).toBe(NOTHING_OPEN) // the sum's box draws the root
    const all = groupedView(s, groups, toggleGroup(NOTHING_OPEN, groups[0].key))
    expect(all.groups.map((g) => g.group.kind)).toEqual(['terms'])
    expectNoOverlaps(layoutGraph(all))
  })

  it('leave small sums alone: the neuron has no groups', () => {
    expect(findGroups(fixture('neuron'))).toEqual([])
  })
})
