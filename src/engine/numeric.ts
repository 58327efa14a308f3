// Scalar arithmetic that SimpleGrad's results depend on to the last bit. Julia's exp and log are
// correctly rounded where V8's Math.exp and Math.log are only within an ulp (4 of the seed's 10
// softmax exponentials differ), and OpenBLAS multiplies matrices with fused multiply-adds that
// JavaScript lacks. Both are rebuilt here from error-free transformations.

const SPLIT = 134217729 // 2^27 + 1, Dekker's splitter

/** Double-double scratch: the last result's high and low parts (no allocation on hot paths). */
let H = 0
let L = 0

function twoSum(a: number, b: number): void {
  const s = a + b
  const bb = s - a
  L = (a - (s - bb)) + (b - bb)
  H = s
}

function twoProd(a: number, b: number): void {
  const p = a * b
  let t = SPLIT * a
  const ah = t - (t - a), al = a - ah
  t = SPLIT * b
  const bh = t - (t - b), bl = b - bh
  L = ((ah * bh - p) + ah * bl + al * bh) + al * bl
  H = p
}

/** (ah, al) * (bh, bl) in double-double, into H, L. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh)
  const e = L + (ah * bl + al * bh)
  const s = H + e
  L = e - (s - H)
  H = s
}

/** (ah, al) + (bh, bl) in double-double, into H, L. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh)
  const e = L + al + bl
  const s = H + e
  L = e - (s - H)
  H = s
}

const LN2_HI = 0.6931471805599453
const LN2_LO = 2.3190468138462996e-17
const INV_1024 = 1 / 1024

/** exp(x) as a double-double (into H, L), relative error about 2^-100. */
function expDD(x: number): void {
  const k = Math.round(x / LN2_HI)
  // r = x - k ln2, exactly enough: k * LN2_HI is formed without rounding
  twoProd(k, LN2_HI)
  const p = H, pe = L
  twoSum(x, -p)
  let rh = H, rl = L - pe - k * LN2_LO
  const s0 = rh + rl
  rl = rl - (s0 - rh)
  rh = s0
  // s = r / 1024, then expm1(s) by its Taylor series: the leading terms in double-double
  const sh = rh * INV_1024, sl = rl * INV_1024
  const tail = sh * sh * sh * (1 / 6 + sh * (1 / 24 + sh * (1 / 120 + sh * (1 / 720 + sh * (1 / 5040)))))
  ddMul(sh, sl, sh, sl)
  ddAdd(H * 0.5, L * 0.5, tail, 0)
  ddAdd(sh, sl, H, L)
  // expm1(2s) = 2 expm1(s) + expm1(s)^2, ten times: expm1(r)
  for (let i = 0; i < 10; i++) {
    const ph = H, pl = L
    ddMul(ph, pl, ph, pl)
    ddAdd(2 * ph, 2 * pl, H, L)
  }
  // (1 + expm1(r)) * 2^k; the scaling is exact in the normal range that exp() lets through
  const ph = H, pl = L
  twoSum(1, ph)
  const e = L + pl
  const s = H + e
  const scale = 2 ** k
  L = (e - (s - H)) * scale
  H = s * scale
}

/** Julia's exp: correctly rounded in all but astronomically rare cases. */
export function exp(x: number): number {
  if (!(x > -708 && x < 709.7)) return Math.exp(x) // NaN, overflow and subnormal results
  expDD(x)
  return H + L
}

/** Julia's log: one Newton step on Math.log in double-double, then a single rounding. */
export function log(x: number): number {
  if (!(x > 0 && x < Infinity) || x === 1) return Math.log(x)
  const y0 = Math.log(x)
  expDD(y0)
  // log(x) = y0 + log(x / e^y0) and x / e^y0 = 1 + d with |d| ~ 1e-16
  const eh = H, el = L
  const d = ((x - eh) - el) / eh
  return y0 + (d - 0.5 * d * d)
}

/**
 * a * b + c with a single rounding, as a hardware FMA gives (OpenBLAS's kernels use it).
 * The product and sum are split exactly; the one case where rounding the pieces twice could go
 * wrong, an exact tie, is settled by the last residual's sign.
 */
export function fma(a: number, b: number, c: number): number {
  twoProd(a, b)
  const p = H, pe = L
  if (!isFinite(p) || !isFinite(c)) return a * b + c
  twoSum(p, c)
  const s = H, t = L
  twoSum(t, pe)
  const u = H, v = L
  twoSum(s, u)
  const r = H, w = L
  if (v !== 0 && w !== 0 && Math.abs(w) === halfUlp(r) && (v > 0) === (w > 0)) return r + 2 * w
  return r
}

const bits = new Float64Array(1)
const bitsHi = new Uint32Array(bits.buffer)

function halfUlp(x: number): number {
  bits[0] = x
  const exponent = (bitsHi[1] >>> 20) & 0x7ff
  return exponent === 0 ? 2 ** -1075 : 2 ** (exponent - 1076)
}
