// The baseline of the tensor benchmark: one SGD step of a 784-128-10 network on a batch of 100,
// written by hand over Float64Arrays with straightforward dot-product loops, computing only what
// training needs.

export interface Net {
  w1: Float64Array; b1: Float64Array; w2: Float64Array; b2: Float64Array
}

const B = 100, IN = 784, H = 128, OUT = 10

/** c (m x n) = a (m x k) * b (k x n): b transposed once, then contiguous dot products. */
function mm(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const bt = transpose(b, k, n)
  const c = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    const ao = i * k
    for (let j = 0; j < n; j++) {
      const bo = j * k
      let s = 0
      for (let p = 0; p < k; p++) s += a[ao + p] * bt[bo + p]
      c[i * n + j] = s
    }
  }
  return c
}

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c)
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j]
  return t
}

export function handStep(net: Net, x: Float64Array, y: Float64Array, lr: number): number {
  // forward
  const z1 = mm(x, net.w1, B, IN, H)
  for (let i = 0; i < B; i++) for (let j = 0; j < H; j++) {
    const v = z1[i * H + j] + net.b1[j]
    z1[i * H + j] = v > 0 ? v : 0
  }
  const z2 = mm(z1, net.w2, B, H, OUT)
  for (let i = 0; i < B; i++) for (let j = 0; j < OUT; j++) z2[i * OUT + j] += net.b2[j]
  // softmax cross-entropy and its gradient
  let loss = 0
  const g2 = new Float64Array(B * OUT)
  for (let i = 0; i < B; i++) {
    let max = -Infinity
    for (let j = 0; j < OUT; j++) max = Math.max(max, z2[i * OUT + j])
    let s = 0
    for (let j = 0; j < OUT; j++) s += (g2[i * OUT + j] = Math.exp(z2[i * OUT + j] - max))
    for (let j = 0; j < OUT; j++) {
      const p = g2[i * OUT + j] / s
      if (y[i * OUT + j] === 1) loss -= Math.log(Math.min(Math.max(p, 1e-7), 1 - 1e-7))
      g2[i * OUT + j] = (p - y[i * OUT + j]) / B
    }
  }
  // backward
  const dw2 = mm(transpose(z1, B, H), g2, H, B, OUT)
  const db2 = new Float64Array(OUT)
  for (let i = 0; i < B; i++) for (let j = 0; j < OUT; j++) db2[j] += g2[i * OUT + j]
  const g1 = mm(g2, transpose(net.w2, H, OUT), B, OUT, H)
  for (let i = 0; i < B * H; i++) if (z1[i] <= 0) g1[i] = 0
  const dw1 = mm(transpose(x, B, IN), g1, IN, B, H)
  const db1 = new Float64Array(H)
  for (let i = 0; i < B; i++) for (let j = 0; j < H; j++) db1[j] += g1[i * H + j]
  // update
  for (let i = 0; i < dw1.length; i++) net.w1[i] -= dw1[i] * lr
  for (let i = 0; i < H; i++) net.b1[i] -= db1[i] * lr
  for (let i = 0; i < dw2.length; i++) net.w2[i] -= dw2[i] * lr
  for (let i = 0; i < OUT; i++) net.b2[i] -= db2[i] * lr
  return loss / B
}
