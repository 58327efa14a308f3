// @vitest-environment jsdom
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import { createNotebookStore, type NotebookEnv, type NotebookState } from '../notebook/store.ts'
import type { GraphSnapshot } from '../protocol/messages.ts'
import { linearRegressionGraph, neuronGraph, tensorGraph, xyGraph } from '../graph/fixtures.ts'
import { gradsAt } from '../graph/replay.ts'
import { Services } from './context.ts'
import { GraphPanel } from './GraphPanel.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let store: StoreApi<NotebookState>
let host: HTMLDivElement
let root: Root

function makeStore() {
  let i = 0
  // a fake sandbox: the panel only reads graphs from the store
  const env = {
    compile: () => ({ ok: false, error: { name: 'x', message: 'x' } }), send() {}, kill() {}, provide() {}, invoke() {}, newId: () => `c${i++}`,
  } as NotebookEnv
  return createNotebookStore(env)
}

beforeEach(() => {
  store = makeStore()
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  act(() => root.render(
    <Services.Provider value={{ store, ctx: () => ({ store }), focusCell() {}, registerEditor: () => () => {} }}>
      <GraphPanel />
    </Services.Provider>,
  ))
})

afterEach(() => {
  act(() => root.unmount())
  host.remove()
})

const show = (snap: GraphSnapshot, cell = 'c0') => act(() => {
  store.setState((s) => ({ graphs: { ...s.graphs, [cell]: snap }, graphCell: cell, step: snap.steps.length }))
})
const q = <E extends Element = HTMLElement>(sel: string) => host.querySelector<E>(sel)
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)!
const click = (name: string) => act(() => button(name).click())
const status = () => q('[data-testid="step-status"]')?.textContent
const grads = () => [...host.querySelectorAll('[data-testid="graph-node"]')].map((e) => e.getAttribute('data-grad'))
const key = (k: string) => act(() => { q('.graph-panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })) })

describe('GraphPanel', () => {
  it('invites the user to run a cell when there is no graph', () => {
    expect(host.textContent).toContain('Run a cell that calls backward(...) or draw(...) to see its graph')
    expect(q('svg[data-testid="graph"]')).toBeNull()
  })

  it('draws z = x * y with the contract hooks, at the final step', () => {
    show(xyGraph().backward())
    const nodes = [...host.querySelectorAll('svg[data-testid="graph"] [data-testid="graph-node"]')]
    expect(nodes.map((n) => [n.getAttribute('data-label'), n.getAttribute('data-data'), n.getAttribute('data-grad')]))
      .toEqual([['x', '6', '2'], ['y', '2', '6'], ['z', '12', '1']])
    expect(q('[data-testid="graph-op"]')?.getAttribute('data-op')).toBe('mul')
    expect(status()).toBe('Step 2 of 2')
  })

  it('walks the neuron from step 0 to the end and back, grads following the trace', () => {
    const snap = neuronGraph().backward()
    show(snap)
    const n = snap.steps.length
    const expected = (k: number) => gradsAt(snap, k).map((g) => String(g))
    click('First step')
    expect(status()).toBe(`Step 0 of ${n}`)
    expect(grads()).toEqual(expected(0))
    expect(button('Step back').disabled).toBe(true)
    for (let k = 1; k <= n; k++) {
      click('Step forward')
      expect(status()).toBe(`Step ${k} of ${n}`)
      expect(grads()).toEqual(expected(k))
    }
    expect(button('Step forward').disabled).toBe(true)
    for (let k = n - 1; k >= 0; k--) {
      click('Step back')
      expect(grads()).toEqual(expected(k))
    }
    click('Last step')
    expect(status()).toBe(`Step ${n} of ${n}`)
    expect(grads()).toEqual(snap.nodes.map((x) => String(x.grad)))
  })

  it('explains each step with the engine sentence and highlights the step', () => {
    const snap = xyGraph().backward()
    show(snap)
    click('First step')
    expect(q('.graph-explain')?.textContent).toContain('Before backward')
    click('Step forward')
    expect(q('.graph-explain')?.textContent).toContain('seed the output z')
    expect(q('.sg-node.current')?.getAttribute('data-label')).toBe('z')
    click('Step forward')
    expect(q('.graph-explain')?.textContent).toContain('x.grad += y.data × z.grad = 2 × 1 = 2')
    expect([...host.querySelectorAll('.sg-node.receiving')].map((e) => e.getAttribute('data-label'))).toEqual(['x', 'y'])
    expect(host.querySelectorAll('path.sg-edge.flow')).toHaveLength(2)
  })

  it('moves with the arrow keys when the panel has focus', () => {
    show(xyGraph().backward())
    key('Home')
    expect(status()).toBe('Step 0 of 2')
    key('ArrowRight')
    expect(status()).toBe('Step 1 of 2')
    key('ArrowLeft')
    expect(status()).toBe('Step 0 of 2')
    key('End')
    expect(status()).toBe('Step 2 of 2')
  })

  it('plays and pauses', async () => {
    show(xyGraph().backward())
    click('First step')
    expect(button('Play')).toBeTruthy()
    act(() => {
      const sel = q<HTMLSelectElement>('select[aria-label="Playback speed"]')!
      sel.value = '16'
      sel.dispatchEvent(new Event('change', { bubbles: true }))
    })
    click('Play')
    expect(button('Pause')).toBeTruthy()
    await act(() => new Promise((r) => setTimeout(r, 250)))
    expect(status()).toBe('Step 2 of 2')
    expect(button('Play')).toBeTruthy()
  })

  it('says when grads accumulated, pointing at zero_grad', () => {
    show(neuronGraph().backward(2))
    expect(host.textContent).toContain('Grads were not zero when backward started')
    expect(host.textContent).toContain('zero_grad(loss)')
  })

  it('checks gradients against finite differences and marks the leaves', () => {
    const snap = neuronGraph().backward()
    snap.nodes.find((x) => x.label === 'bias')!.grad = 42
    show(snap)
    click('Check gradients')
    expect(q('[data-testid="grad-check"]')?.textContent).toContain('1 of 9 leaf grads disagree')
    expect(q('.sg-node.check-bad')?.getAttribute('data-label')).toBe('bias')
    expect(host.querySelectorAll('.sg-node.check-ok')).toHaveLength(8)
  })

  it('shows a draw() graph without a stepper', () => {
    show(xyGraph().draw())
    expect(q('[data-testid="step-status"]')).toBeNull()
    expect(host.textContent).toContain('no backward pass to step through')
    expect(grads()).toEqual(['0', '0', '0'])
  })

  it('shows Tensors with their shape and heatmaps, and the step’s before and after', () => {
    const snap = tensorGraph()
    show(snap)
    const W = q('[data-testid="graph-node"][data-label="W"]')!
    expect(W.textContent).toContain('(3, 2)')
    expect(JSON.parse(W.getAttribute('data-data')!)).toEqual([[0.5, -1], [0.25, 0.5], [-0.5, 1]])
    expect(q('.graph-explain')?.textContent).toContain('W.grad += Xᵀ × n2.grad')
    expect(host.querySelectorAll('.graph-heat-step')).toHaveLength(2)
    click('Step back')
    expect(JSON.parse(W.getAttribute('data-grad')!)).toEqual([[0, 0], [0, 0], [0, 0]])
  })

  it('offers a picker when several cells have graphs', () => {
    act(() => store.setState({ cells: [{ id: 'c0', kind: 'code', source: '' }, { id: 'c1', kind: 'code', source: '' }] }))
    show(xyGraph().backward(), 'c0')
    show(neuronGraph().backward(), 'c1')
    const sel = q<HTMLSelectElement>('select[aria-label="Show the graph of cell"]')!
    expect([...sel.options].map((o) => o.textContent)).toEqual(['Cell 1', 'Cell 2'])
    act(() => {
      sel.value = 'c0'
      sel.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(store.getState().graphCell).toBe('c0')
    expect(grads()).toEqual(['2', '6', '1'])
  })

  it('asks before drawing a big graph, and can draw a summary', () => {
    const snap = linearRegressionGraph(300).backward()
    show(snap)
    expect(q('svg[data-testid="graph"]')).toBeNull()
    expect(host.textContent).toContain(`This graph has ${snap.nodes.length.toLocaleString('en')} nodes`)
    click('Draw a summary')
    expect(q('[data-testid="graph-more"]')?.textContent).toBe('⋯ 296 more + terms')
    expect(q('[data-testid="graph-node"][data-label="m"]')).not.toBeNull()
  })
})
