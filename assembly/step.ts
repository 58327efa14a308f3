// The benchmark's reference: one SGD step of a dense-relu-dense network with softmax
// cross-entropy, written directly in WebAssembly (bench/wasm-step.ts runs it beside the engine's
// step). All of it stays in linear memory; its products are gemm.ts's 4 x 4 tiles over packed
// panels. It computes only what training needs (no gradient for the input batch).
import { gemm } from './gemm'

@inline function at(base: usize, i: i32): usize {
  return base + (<usize>i << 3)
}

/**
 * x (bs x nin), y one-hot (bs x nout), w1 (nin x nh), b1 (nh), w2 (nh x nout), b2 (nout), all
 * row-major f64; `work` has room for 2*bs*nh + 2*bs*nout + nin*nh + nh*nout values and the packed
 * panels (`pa`, `pb`). Updates the parameters in place; returns the mean loss.
 */
export function step(x: usize, y: usize, w1: usize, b1: usize, w2: usize, b2: usize, work: usize,
  pa: usize, pb: usize, bs: i32, nin: i32, nh: i32, nout: i32, lr: f64): f64 {
  const z1 = work, z2 = at(z1, bs * nh), g2 = at(z2, bs * nout), g1 = at(g2, bs * nout)
  const dw1 = at(g1, bs * nh), dw2 = at(dw1, nin * nh)
  // forward: z1 = relu(x w1 + b1), z2 = z1 w2 + b2
  gemm(x, nin, 1, w1, nh, 1, z1, bs, nh, nin, 0, pa, pb, 0)
  for (let i = 0; i < bs; i++) for (let j = 0; j < nh; j++) {
    const p = at(z1, i * nh + j)
    const v = load<f64>(p) + load<f64>(at(b1, j))
    store<f64>(p, v > 0 ? v : 0)
  }
  gemm(z1, nh, 1, w2, nout, 1, z2, bs, nout, nh, 0, pa, pb, 0)
  // softmax cross-entropy and its gradient g2 = (p - y) / bs
  let loss = 0.0
  for (let i = 0; i < bs; i++) {
    let max = -Infinity
    for (let j = 0; j < nout; j++) max = Math.max(max, load<f64>(at(z2, i * nout + j)) + load<f64>(at(b2, j)))
    let s = 0.0
    for (let j = 0; j < nout; j++) {
      const e = Math.exp(load<f64>(at(z2, i * nout + j)) + load<f64>(at(b2, j)) - max)
      store<f64>(at(g2, i * nout + j), e)
      s += e
    }
    for (let j = 0; j < nout; j++) {
      const q = at(g2, i * nout + j), t = load<f64>(at(y, i * nout + j))
      const pr = load<f64>(q) / s
      loss += -Math.log(Math.min(Math.max(pr, 1e-7), 1 - 1e-7)) * t
      store<f64>(q, (pr - t) / <f64>bs)
    }
  }
  // backward: dw2 = z1ᵀ g2, g1 = (g2 w2ᵀ) ⊙ (z1 > 0), dw1 = xᵀ g1
  gemm(z1, 1, nh, g2, nout, 1, dw2, nh, nout, bs, 0, pa, pb, 0)
  gemm(g2, nout, 1, w2, 1, nout, g1, bs, nh, nout, 0, pa, pb, 0)
  for (let i = 0; i < bs * nh; i++) if (load<f64>(at(z1, i)) <= 0) store<f64>(at(g1, i), 0)
  gemm(x, 1, nin, g1, nh, 1, dw1, nin, nh, bs, 0, pa, pb, 0)
  // update, with the bias gradients summed over the batch on the way
  for (let i = 0; i < nin * nh; i++) store<f64>(at(w1, i), load<f64>(at(w1, i)) - load<f64>(at(dw1, i)) * lr)
  for (let i = 0; i < nh * nout; i++) store<f64>(at(w2, i), load<f64>(at(w2, i)) - load<f64>(at(dw2, i)) * lr)
  for (let j = 0; j < nh; j++) {
    let s = 0.0
    for (let i = 0; i < bs; i++) s += load<f64>(at(g1, i * nh + j))
    store<f64>(at(b1, j), load<f64>(at(b1, j)) - s * lr)
  }
  for (let j = 0; j < nout; j++) {
    let s = 0.0
    for (let i = 0; i < bs; i++) s += load<f64>(at(g2, i * nout + j))
    store<f64>(at(b2, j), load<f64>(at(b2, j)) - s * lr)
  }
  return loss / <f64>bs
}
