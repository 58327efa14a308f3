// @vitest-environment jsdom
import { act } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import { createNotebookStore, type NotebookEnv, type NotebookState } from '../../notebook/store.ts'
import type { GraphSnapshot } from '../../protocol/messages.ts'
import { fixture } from '../../graph/fixtures.ts'
import { gradsAt, stepInfo } from '../../graph/replay.ts'
import { Services } from '../context.ts'
import { GraphPanel } from './GraphPanel.tsx'
import { domPerTest } from '../test-dom.ts'

let store: StoreApi<NotebookState>

function makeStore() {
  let i = 0
  // a fake sandbox: the panel only reads graphs from the store
  const env = {
    compile: () => ({ ok: false, error: { name: 'x', message: 'x' } }), send() {}, kill() {}, provide() {}, invoke() {}, newId: () => `c${i++}`,
  } as NotebookEnv
  return createNotebookStore(env)
}

const dom = domPerTest()
beforeEach(() => {
  store = makeStore()
  act(() => dom.root.render(
    <Services.Provider value={{ store, ctx: () => ({ store }), focusCell() {}, registerEditor: () => () => {} }}>
      <GraphPanel />
    </Services.Provider>,
  ))
})

const show = (snap: GraphSnapshot, cell = 'c0') => act(() => {
  store.setState((s) => ({ graphs: { ...s.graphs, [cell]: snap }, graphCell: cell, step: snap.steps.length }))
})
const q = <E extends Element = HTMLElement>(sel: string) => dom.host.querySelector<E>(sel)
const button = (name: string) => [...dom.host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)!
const click = (name: string) => act(() => button(name).click())
const status = () => q('[data-testid="step-status"]')?.textContent
const grads = () => [...dom.host.querySelectorAll('[data-testid="graph-node"]')].map((e) => e.getAttribute('data-grad'))
const key = (k: string) => act(() => { q('.graph-panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })) })

describe('GraphPanel', () => {
  it('invites the user to run a cell when there is no graph', () => {
    expect(dom.host.textContent).toContain('Run a cell that calls backward(...) or draw(...) to see its graph')
    expect(q('svg[data-testid="graph"]')).toBeNull()
  })

  it('draws z = x * y with the contract hooks, at the final step', () => {
    show(fixture('xy'))
    const nodes = [...dom.host.querySelectorAll('svg[data-testid="graph"] [data-testid="graph-node"]')]
    expect(nodes.map((n) => [n.getAttribute('data-label'), n.getAttribute('data-data'), n.getAttribute('data-grad')]))
      .toEqual([['x', '6', '2'], ['y', '2', '6'], ['z', '12', '1']])
    expect(q('[data-testid="graph-op"]')?.getAttribute('data-op')).toBe('mul')
    expect(status()).toBe('Step 2 of 2')
  })

  it('walks the neuron from step 0 to the end and back, grads following the trace', () => {
    const snap = fixture('neuron')
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
  }, 30_000)

  it('explains each step with the engine sentence and highlights the step', () => {
    const snap = fixture('xy')
    show(snap)
    click('First step')
    expect(q('.graph-explain')?.textContent).toContain('Before backward')
    click('Step forward')
    expect(q('.graph-explain')?.textContent).toContain('seed the output z')
    expect(q('.sg-node.current')?.getAttribute('data-label')).toBe('z')
    click('Step forward')
    expect(q('.graph-explain')?.textContent).toContain('x.grad += y.data × z.grad = 2.0 × 1.0 = 2.0')
    expect([...dom.host.querySelectorAll('.sg-node.receiving')].map((e) => e.getAttribute('data-label'))).toEqual(['x', 'y'])
    expect(dom.host.querySelectorAll('path.sg-edge.flow')).toHaveLength(2)
  })

  it('moves with the arrow keys when the panel has focus', () => {
    show(fixture('xy'))
    key('Home')
    expect(status()).toBe('Step 0 of 2')
    key('ArrowRight')
    expect(status()).toBe('Step 1 of 2')
    key('ArrowLeft')
    expect(status()).toBe('Step 0 of 2')
    key('End')
    expect(status()).toBe('Step 2 of 2')
  })

  it('plays and pauses', () => {
    vi.useFakeTimers()
    show(fixture('xy'))
    click('First step')
    expect(button('Play')).toBeTruthy()
    act(() => {
      const sel = q<HTMLSelectElement>('select[aria-label="Playback speed"]')!
      sel.value = '16'
      sel.dispatchEvent(new Event('change', { bubbles: true }))
    })
    click('Play')
    expect(button('Pause')).toBeTruthy()
    act(() => { vi.advanceTimersByTime(1000 / 16) })
    expect(status()).toBe('Step 1 of 2')
    act(() => { vi.advanceTimersByTime(1000 / 16) })
    expect(status()).toBe('Step 2 of 2')
    expect(button('Play')).toBeTruthy()
    vi.useRealTimers()
  })

  it('names the grads that were not zeroed and that the notebook reads, and only those', () => {
    act(() => store.setState({ cells: [{ id: 'c0', kind: 'code', source: 'backward(loss)\nprintln(weight1.grad)\nbias.grad' }] }))
    show(fixture('neuron-twice'))
    const notice = q('[data-testid="accumulation-notice"]')!
    expect(notice.textContent).toContain('weight1, bias were not zero when backward started')
    expect(notice.textContent).toContain('zero_grad(loss)')
    // grads that nobody reads stay quiet (the tutorial's case: src/integration/graph-notices.test.ts)
    act(() => store.setState({ cells: [{ id: 'c1', kind: 'code', source: 'backward(loss)' }] }))
    show(fixture('neuron-twice'), 'c1')
    expect(q('[data-testid="accumulation-notice"]')).toBeNull()
  })

  it('checks gradients against finite differences and marks the leaves', () => {
    const snap = fixture('neuron')
    snap.nodes.find((x) => x.label === 'bias')!.grad = 42
    show(snap)
    click('Check gradients')
    expect(q('[data-testid="grad-check"]')?.textContent).toContain('1 of 9 leaf grads disagree')
    expect(q('.sg-node.check-bad')?.getAttribute('data-label')).toBe('bias')
    expect(dom.host.querySelectorAll('.sg-node.check-ok')).toHaveLength(8)
  })

  it('shows a draw() graph without a stepper', () => {
    show(fixture('xy-draw'))
    expect(q('[data-testid="step-status"]')).toBeNull()
    expect(dom.host.textContent).toContain('no backward pass to step through')
    expect(grads()).toEqual(['0', '0', '0'])
  })

  it('shows Tensors with their shape and heatmaps, and the step’s before and after', () => {
    const snap = fixture('tensor')
    show(snap)
    const W = q('[data-testid="graph-node"][data-label="weights1"]')!
    expect(W.textContent).toContain('(3, 4)')
    expect(JSON.parse(W.getAttribute('data-data')!)).toHaveLength(3)
    // the last step is the first matmul's: inputs.grad and weights1.grad, as heatmaps before and after
    expect(q('.graph-explain')?.textContent).toContain('weights1.grad')
    expect(dom.host.querySelectorAll('.graph-heat-step')).toHaveLength(2)
    click('Step back')
    expect(JSON.parse(W.getAttribute('data-grad')!).flat().every((x: number) => x === 0)).toBe(true)
  })

  it('offers a picker when several cells have graphs', () => {
    act(() => store.setState({ cells: [{ id: 'c0', kind: 'code', source: '' }, { id: 'c1', kind: 'code', source: '' }] }))
    show(fixture('xy'), 'c0')
    show(fixture('neuron'), 'c1')
    const sel = q<HTMLSelectElement>('select[aria-label="Show the graph of cell"]')!
    expect([...sel.options].map((o) => o.textContent)).toEqual(['Cell 1', 'Cell 2'])
    act(() => {
      sel.value = 'c0'
      sel.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(store.getState().graphCell).toBe('c0')
    expect(grads()).toEqual(['2', '6', '1'])
  })

  it('draws the linear-regression loss as a sum of like terms, and opens a group on click', () => {
    const snap = fixture('linear-regression')
    show(snap)
    const groups = () => [...dom.host.querySelectorAll('[data-testid="graph-group"]')]
    expect(groups().map((g) => g.getAttribute('data-count'))).toEqual(['640', '81'])
    expect(groups()[0].textContent).toContain('(x·m_guess + b_guess − y)²')
    expect(groups()[0].textContent).toContain('×80 terms')
    expect(groups()[1].textContent).toContain('sum of 80 terms')
    // the sum's box draws the dom.root with its hooks
    expect(groups()[1].querySelector('[data-testid="graph-node"]')?.getAttribute('data-data')).toBe(String(snap.nodes[snap.root].data))
    expect(dom.host.querySelectorAll('[data-testid="graph-node"]')).toHaveLength(3)
    act(() => { (groups()[0] as unknown as SVGGElement).dispatchEvent(new MouseEvent('click', { bubbles: true })) })
    expect(groups().map((g) => g.getAttribute('data-count'))).not.toContain('640')
    expect(q('.graph-notice')?.textContent).toContain('Opened: 80 terms')
    // 80 terms drawn: a big graph, of which the part near the view is drawn as SVG
    const drawn = dom.host.querySelectorAll('[data-testid="graph-node"]').length
    expect(drawn).toBeGreaterThan(10)
    expect(drawn).toBeLessThan(640)
    click('Fold')
    expect(groups()).toHaveLength(2)
  })

  it('opens the term the stepper enters, and marks the step with aria-current', () => {
    const snap = fixture('linear-regression')
    show(snap)
    click('First step')
    click('Step forward')
    // step 1 seeds the dom.root, which the sum's box draws: no group opens
    expect(dom.host.querySelectorAll('[data-testid="graph-group"]')).toHaveLength(2)
    expect(q('[aria-current="step"]')?.getAttribute('data-id')).toBe(String(snap.root))
    click('Step forward')
    click('Step forward')
    const node = stepInfo(snap, 3).node!
    expect(q(`[data-testid="graph-node"][data-id="${node}"]`)?.getAttribute('aria-current')).toBe('step')
    expect(dom.host.querySelectorAll('[aria-current="step"]')).toHaveLength(1)
    expect(q('[data-testid="graph-group"]')?.getAttribute('data-count')).not.toBe('640')
  })

  it('predict mode asks for the grads a step changes, and checks them', () => {
    const snap = fixture('xy')
    show(snap)
    click('First step')
    click('Predict')
    click('Step forward')
    // step 1: the seed; z.grad is hidden and asked for
    const inputs = () => [...dom.host.querySelectorAll<HTMLInputElement>('[data-testid="predict-input"]')]
    expect(inputs()).toHaveLength(1)
    expect(q('[data-label="z"] .sg-grad')?.textContent).toBe('?')
    const type = (i: number, v: string) => act(() => {
      const el = inputs()[i]
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, v)
      el.dispatchEvent(new Event('input', { bubbles: true }))
    })
    type(0, '1')
    click('Check')
    expect(q('[data-testid="predict-result"]')?.getAttribute('data-correct')).toBe('true')
    expect(q('[data-label="z"] .sg-grad')?.textContent).toBe('1')
    // step 2: x.grad and y.grad, in the explanation's order; one wrong answer
    click('Step forward')
    expect(inputs().map((e) => e.getAttribute('aria-label'))).toEqual(['x.grad after this step', 'y.grad after this step'])
    expect(q('.graph-sentences')).toBeNull()
    type(0, '2')
    type(1, '5')
    click('Check')
    expect(q('[data-testid="predict-result"]')?.getAttribute('data-correct')).toBe('false')
    expect(q('.graph-explain')?.textContent).toContain('y.grad += x.data × z.grad = 6.0 × 1.0 = 6.0')
    expect(dom.host.textContent).toContain('Score: 1 of 2 steps right')
    // within 1e-9 relative is right (turning predict mode off and on starts afresh)
    click('Predict')
    click('Predict')
    click('First step')
    click('Step forward')
    click('Step forward')
    expect(dom.host.textContent).toContain('Score: 0 of 0 steps right')
    type(0, String(2 * (1 + 5e-10)))
    type(1, '6')
    click('Check')
    expect(q('[data-testid="predict-result"]')?.getAttribute('data-correct')).toBe('true')
  })
})
