// What a planned product asks for on the way out (src/engine/kernels/wasm.ts, Epilogue), done on
// C where it lies in linear memory, two columns at a time: in JavaScript these loops branch on
// each element's sign (relu's, or its mask's), which a random sign mispredicts half the time;
// here a comparison makes a lane mask instead. The same arithmetic in the same order as
// writeOutEach, element for element: the bias added (as bias + x where `first`, else x + bias),
// +0 added, relu (x > 0 or NaN: x, else +0), then the mask (mask > 0: x + 0, else +0).

/** C (m x n, row-major, at `c`) in place; `bias` (n values) and `mask` (m x n) are 0 when absent. */
export function epilogue(c: usize, m: i32, n: i32, bias: usize, first: i32, plusZero: i32, relu: i32, mask: usize): void {
  const zero = f64x2.splat(0)
  const row = <usize>n << 3
  for (let i = 0; i < m; i++) {
    const ci = c + <usize>i * row, mi = mask + <usize>i * row
    let j = 0
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3
      let x = v128.load(ci + o)
      if (bias != 0) x = first != 0 ? f64x2.add(v128.load(bias + o), x) : f64x2.add(x, v128.load(bias + o))
      if (plusZero != 0) x = f64x2.add(x, zero)
      if (relu != 0) x = v128.and(x, v128.or(f64x2.gt(x, zero), f64x2.ne(x, x)))
      if (mask != 0) x = v128.and(f64x2.add(x, zero), f64x2.gt(v128.load(mi + o), zero))
      v128.store(ci + o, x)
    }
    for (; j < n; j++) {
      const o = <usize>j << 3
      let x = load<f64>(ci + o)
      if (bias != 0) x = first != 0 ? load<f64>(bias + o) + x : x + load<f64>(bias + o)
      if (plusZero != 0) x = x + 0.0
      if (relu != 0) x = x > 0 || x != x ? x : 0.0
      if (mask != 0) x = load<f64>(mi + o) > 0 ? x + 0.0 : 0.0
      store<f64>(ci + o, x)
    }
  }
}
