// The sort is SimpleGrad's build_topo exactly: the same order on random graphs, shallow ones and
// ones deeper than the depth where it stops recursing, and the numbers it keeps for the observer
// are each node's data and grad before the pass, however the nodes change after it.
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { backward, setBackwardObserver, topo, zero_grad } from './backward.ts'
import { ValueNode, type Node } from './node.ts'
import { Tensor } from './tensor.ts'
import { Value } from './value.ts'

/** Julia's build_topo, recursive, with a Set: the definition the engine's sort must match. */
function buildTopo(root: Node): Node[] {
  const seen = new Set<Node>(), order: Node[] = []
  const go = (n: Node) => {
    if (seen.has(n)) return
    seen.add(n)
    if (n.a !== null) go(n.a)
    if (n.b !== null) go(n.b)
    order.push(n)
  }
  go(root)
  return order
}

/** A graph from a recipe: each step combines earlier nodes (picked by the numbers) or makes a leaf. */
function graph(steps: [number, number, number][], chain: number): ValueNode {
  const nodes: ValueNode[] = [Value(1), Value(2)]
  for (const [kind, i, j] of steps) {
    const a = nodes[i % nodes.length], b = nodes[j % nodes.length]
    nodes.push(kind === 0 ? Value(i % 7) : kind === 1 ? a.add(b) : kind === 2 ? a.mul(b) : a.tanh())
  }
  // A long chain on top takes the sort past its recursion limit, with the random graph below it
  // and branches into it along the way.
  let top = nodes[nodes.length - 1]
  for (let i = 0; i < chain; i++) top = i % 97 === 0 ? top.add(nodes[(i * 31) % nodes.length]) : top.mul(1)
  return top
}

/** What a snippet may do to a graph's nodes around a backward call. */
const edits = fc.array(fc.tuple(fc.constantFrom('data', 'grad', 'topo', 'zero_grad', 'tensor'), fc.nat(), fc.double()), { maxLength: 12 })
function apply(list: [string, number, number][], nodes: ValueNode[], root: ValueNode): void {
  for (const [kind, i, x] of list) {
    const n = nodes[i % nodes.length]
    if (kind === 'data') n.data = x
    else if (kind === 'grad') n.grad = x
    else if (kind === 'topo') topo(root)
    else if (kind === 'zero_grad') zero_grad(n)
    else backward(Tensor([[x]]).mul(2))
  }
}

const recipe = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.nat()), { minLength: 1, maxLength: 60 })

afterEach(() => setBackwardObserver(null))

describe('topo', () => {
  it('lists the nodes as build_topo does, on random graphs', () => {
    fc.assert(fc.property(recipe, (steps) => {
      const root = graph(steps, 0)
      expect(topo(root)).toEqual(buildTopo(root))
    }))
  })

  it('and on graphs deeper than it recurses (a chain of 5,000 with branches)', () => {
    fc.assert(fc.property(recipe, (steps) => {
      const root = graph(steps, 5000)
      const order = topo(root)
      const expected = buildTopo(root)
      expect(order.length).toBe(expected.length)
      expect(order.every((n, i) => n === expected[i])).toBe(true)
    }), { numRuns: 20 })
  })

  it('replaces what the array held', () => {
    const x = Value(1)
    const into: Node[] = [Value(5), Value(6), Value(7), Value(8)]
    expect(topo(x.mul(2), into)).toHaveLength(3)
    expect(into).toHaveLength(3)
  })

  it("gives backward's observer the order and each node's data and grad before the pass", () => {
    fc.assert(fc.property(recipe, fc.integer({ min: 0, max: 3000 }), (steps, chain) => {
      const root = graph(steps, chain)
      root.grad = 0.5 // a grad that was there before (accumulation), and another below
      if (root.a !== null) root.a.grad = -2
      let seen: [Node[], Float64Array | null] | null = null
      setBackwardObserver((_, order, numbers) => { seen = [order, numbers!()] })
      // twice, and then a larger graph: numbers into an array too small (the first call), one
      // that fits (the second) and one that must grow again
      for (const r of [root, root, graph(steps, chain + 40).mul(root)]) {
        const expected = buildTopo(r).map((n) => [n, (n as ValueNode).data, (n as ValueNode).grad] as const)
        backward(r)
        const [order, numbers] = seen!
        expect(order.length).toBe(expected.length)
        expected.forEach(([n, data, grad], i) => {
          expect(order[i]).toBe(n)
          expect(Object.is(numbers![2 * i], data) && Object.is(numbers![2 * i + 1], grad)).toBe(true)
        })
      }
    }), { numRuns: 40 })
  })

  it("keeps a call's numbers as they were, asked for at any later time, whatever the snippet changed since", () => {
    fc.assert(fc.property(recipe, fc.integer({ min: 0, max: 3000 }), edits, edits, (steps, chain, before, after) => {
      const root = graph(steps, chain)
      const nodes = buildTopo(root) as ValueNode[]
      // before the call: grads set on fresh nodes, nodes sorted, zeroed, set
      apply(before, nodes, root)
      let numbers: (() => Float64Array) | null = null
      setBackwardObserver((_, __, nums) => { if (nums !== null) numbers = nums })
      const expected = nodes.flatMap((n) => [n.data, n.grad])
      backward(root)
      // after it: an SGD step, zeroed grads, other traversals and calls
      apply(after, nodes, root)
      const got = Array.from(numbers!())
      expect(got.length).toBe(expected.length)
      expect(got.every((x, i) => Object.is(x, expected[i]))).toBe(true)
    }), { numRuns: 60 })
  })

  it("refuses a call's numbers once a newer call has replaced them", () => {
    const x = Value(2)
    const seen: (() => Float64Array)[] = []
    setBackwardObserver((_, __, nums) => { seen.push(nums!) })
    backward(x.mul(x))
    expect(Array.from(seen[0]())).toEqual([2, 0, 4, 0])
    backward(x.add(1))
    expect(() => seen[0]()).toThrow(/earlier backward call/)
    expect(Array.from(seen[1]())).toEqual([2, 4, 1, 0, 3, 0])
  })
})

