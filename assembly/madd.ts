// The one multiply-add of the kernels: fused where relaxed SIMD is on (f64x2.relaxed_madd, which
// may round once), a multiply then an add otherwise (rounded twice, as the JavaScript kernel is).
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c)
  return f64x2.add(c, f64x2.mul(a, b))
}
