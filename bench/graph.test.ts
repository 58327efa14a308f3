// The graph benchmark's snapshots are the real engine's and recorder's: a snapshot that cannot be
// made stops `npm run bench` (as one did when the recorder began refusing a forgotten call).
import { describe, expect, it } from 'vitest'
import { lossSnapshot } from './graph.ts'

describe('lossSnapshot', () => {
  it('makes the linear-regression loss of p points, 9 nodes a point and 3 more', () => {
    const s = lossSnapshot(10)
    expect(s.nodes).toHaveLength(93)
  })
})
