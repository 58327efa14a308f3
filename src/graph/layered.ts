// A layered layout made for computation graphs, in linear time per pass. It uses what such a
// graph already is: boxes come in creation order, which is topological (every edge goes from a
// lower index to a higher one), so there is no cycle breaking and no ranking search.
// 1. Layers: each box one layer after its latest input (longest path), then, from the root back,
//    each box as late as its earliest user allows (leaves and constants sit just before the node
//    that uses them, so edges stay short).
// 2. Order within a layer: creation order, then barycentre sweeps down and up. Long edges get no
//    dummy nodes: a neighbour in a far layer counts by its relative place in that layer.
// 3. Place across: each layer is pulled towards its neighbours' centres; the closest placement
//    that keeps the boxes apart is an isotonic regression, solved exactly by pooling adjacent
//    violators (linear in the layer's size).
// Directions are abstract: "along" runs from inputs to outputs, "across" within a layer. The
// caller maps them to x and y (left to right, or top to bottom).

export interface LayeredInput {
  /** each box's extent along the layers' axis and across it */
  along: ArrayLike<number>
  across: ArrayLike<number>
  /** edges, from < to */
  from: ArrayLike<number>
  to: ArrayLike<number>
  /** gap between layers, and between neighbours in a layer */
  layerGap: number
  boxGap: number
  /** barycentre sweeps (down and up count as one); 4 by default */
  sweeps?: number
}

export interface LayeredResult {
  layer: Int32Array
  /** each box's centre along and across, from 0 */
  along: Float64Array
  across: Float64Array
  /** the extent of everything */
  length: number
  breadth: number
  /** boxes per layer, in order */
  layers: Int32Array[]
}

/** Compressed adjacency: the neighbours of box i are list[start[i] .. start[i + 1]). */
function adjacency(n: number, a: ArrayLike<number>, b: ArrayLike<number>): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1)
  for (let e = 0; e < a.length; e++) start[a[e] + 1]++
  for (let i = 0; i < n; i++) start[i + 1] += start[i]
  const fill = start.slice(0, n)
  const list = new Int32Array(a.length)
  for (let e = 0; e < a.length; e++) list[fill[a[e]]++] = b[e]
  return { start, list }
}

export function layered(input: LayeredInput): LayeredResult {
  const n = input.along.length
  const preds = adjacency(n, input.to, input.from)
  const succs = adjacency(n, input.from, input.to)

  // 1. layers: longest path from the sources, then as late as the users allow
  const layer = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let l = 0
    for (let p = preds.start[i]; p < preds.start[i + 1]; p++) l = Math.max(l, layer[preds.list[p]] + 1)
    layer[i] = l
  }
  for (let i = n - 1; i >= 0; i--) {
    if (succs.start[i] === succs.start[i + 1]) continue
    let l = Infinity
    for (let s = succs.start[i]; s < succs.start[i + 1]; s++) l = Math.min(l, layer[succs.list[s]] - 1)
    layer[i] = l
  }
  let depth = 0
  for (let i = 0; i < n; i++) depth = Math.max(depth, layer[i] + 1)

  // 2. order: creation order first, then barycentre sweeps
  const counts = new Int32Array(depth)
  for (let i = 0; i < n; i++) counts[layer[i]]++
  const layers: Int32Array[] = Array.from({ length: depth }, (_, l) => new Int32Array(counts[l]))
  const fill = new Int32Array(depth)
  for (let i = 0; i < n; i++) layers[layer[i]][fill[layer[i]]++] = i
  const rank = new Float64Array(n) // relative place in its layer, 0..1
  const setRanks = (l: number) => {
    const ids = layers[l]
    for (let j = 0; j < ids.length; j++) rank[ids[j]] = (j + 0.5) / ids.length
  }
  for (let l = 0; l < depth; l++) setRanks(l)
  const bary = new Float64Array(n)
  const sortLayer = (l: number, adj: { start: Int32Array; list: Int32Array }) => {
    const ids = layers[l]
    for (const i of ids) {
      let s = 0, c = 0
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        s += rank[adj.list[p]]
        c++
      }
      bary[i] = c === 0 ? rank[i] : s / c
    }
    // stable: ties keep their current order
    ids.sort((a, b) => bary[a] - bary[b] || rank[a] - rank[b])
    setRanks(l)
  }
  const sweeps = input.sweeps ?? 4
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < depth; l++) sortLayer(l, preds)
    for (let l = depth - 2; l >= 0; l--) sortLayer(l, succs)
  }

  // 3. coordinates across: packed first, then pulled towards the neighbours
  const across = new Float64Array(n)
  const gap = input.boxGap
  for (const ids of layers) {
    let x = 0
    for (const i of ids) {
      across[i] = x + input.across[i] / 2
      x += input.across[i] + gap
    }
  }
  const want = new Float64Array(n)
  const place = (l: number, adj: { start: Int32Array; list: Int32Array }) => {
    const ids = layers[l]
    for (const i of ids) {
      let s = 0, c = 0
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        s += across[adj.list[p]]
        c++
      }
      want[i] = c === 0 ? across[i] : s / c
    }
    closest(ids, want, input.across, gap, across)
  }
  for (let s = 0; s < 3; s++) {
    for (let l = 1; l < depth; l++) place(l, preds)
    for (let l = depth - 2; l >= 0; l--) place(l, succs)
  }
  for (let l = 1; l < depth; l++) place(l, preds)

  let lo = Infinity, hi = -Infinity
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, across[i] - input.across[i] / 2)
    hi = Math.max(hi, across[i] + input.across[i] / 2)
  }
  if (n > 0) for (let i = 0; i < n; i++) across[i] -= lo

  // along: each layer as thick as its thickest box, boxes flush with its end (nearest their users)
  const thick = new Float64Array(depth)
  for (let i = 0; i < n; i++) thick[layer[i]] = Math.max(thick[layer[i]], input.along[i])
  const start = new Float64Array(depth)
  for (let l = 1; l < depth; l++) start[l] = start[l - 1] + thick[l - 1] + input.layerGap
  const along = new Float64Array(n)
  for (let i = 0; i < n; i++) along[i] = start[layer[i]] + thick[layer[i]] - input.along[i] / 2
  const length = depth === 0 ? 0 : start[depth - 1] + thick[depth - 1]
  return { layer, along, across, length, breadth: n === 0 ? 0 : hi - lo, layers }
}

// scratch space for closest(), reused: it runs once per layer and pass
let scratch = new Float64Array(64)
let pool = { mean: new Float64Array(64), weight: new Float64Array(64), first: new Int32Array(64) }

/**
 * The placement of one layer's boxes (in their order) nearest to `want` in the least-squares
 * sense, keeping `gap` between neighbours: with offsets o_j (the packed positions) it is the
 * isotonic regression of want_j − o_j, solved by pooling adjacent violators.
 */
export function closest(ids: ArrayLike<number>, want: ArrayLike<number>, size: ArrayLike<number>, gap: number, out: Float64Array): void {
  const m = ids.length
  if (m === 0) return
  if (scratch.length < m) scratch = new Float64Array(2 * m)
  const offset = scratch
  offset[0] = 0
  for (let j = 1; j < m; j++) offset[j] = offset[j - 1] + size[ids[j - 1]] / 2 + gap + size[ids[j]] / 2
  // blocks of pooled values: mean, weight, and where each starts
  if (pool.mean.length < m) pool = { mean: new Float64Array(2 * m), weight: new Float64Array(2 * m), first: new Int32Array(2 * m) }
  const { mean, weight, first } = pool
  let top = -1
  for (let j = 0; j < m; j++) {
    top++
    mean[top] = want[ids[j]] - offset[j]
    weight[top] = 1
    first[top] = j
    while (top > 0 && mean[top - 1] > mean[top]) {
      const w = weight[top - 1] + weight[top]
      mean[top - 1] = (mean[top - 1] * weight[top - 1] + mean[top] * weight[top]) / w
      weight[top - 1] = w
      top--
    }
  }
  for (let b = 0; b <= top; b++) {
    const end = b === top ? m : first[b + 1]
    for (let j = first[b]; j < end; j++) out[ids[j]] = mean[b] + offset[j]
  }
}
