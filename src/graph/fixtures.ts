// Snapshots for the graph room's tests, made by the real engine and runtime from the bundled
// examples (src/integration/graph-fixtures.test.ts makes them and checks that they are current;
// `npm run fixtures` writes them). Each call returns a fresh copy, so a test may change it.
import type { GraphSnapshot } from '../protocol/messages.ts'
import allOps from './fixtures/all-ops.json'
import linearRegression from './fixtures/linear-regression.json'
import neuronTwice from './fixtures/neuron-twice.json'
import neuron from './fixtures/neuron.json'
import square from './fixtures/square.json'
import tensor from './fixtures/tensor.json'
import xyDraw from './fixtures/xy-draw.json'
import xy from './fixtures/xy.json'

export const FIXTURE_NAMES = ['xy', 'xy-draw', 'neuron', 'neuron-twice', 'square', 'all-ops', 'tensor', 'linear-regression'] as const
export type FixtureName = (typeof FIXTURE_NAMES)[number]

const FIXTURES: Record<FixtureName, unknown> = {
  xy, 'xy-draw': xyDraw, neuron, 'neuron-twice': neuronTwice, square, 'all-ops': allOps, tensor, 'linear-regression': linearRegression,
}

export const fixture = (name: FixtureName): GraphSnapshot => structuredClone(FIXTURES[name]) as GraphSnapshot
