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

/** expm1(r) for |r| ≲ 0.35, (rh, rl) a double-double, as a double-double into H, L. */
function expm1Small(rh: number, rl: number): void {
  // s = r / 1024, then expm1(s) by its Taylor series: the leading terms in double-double
  const sh = rh * INV_1024, sl = rl * INV_1024
  const tail = sh * sh * sh * (1 / 6 + sh * (1 / 24 + sh * (1 / 120 + sh * (1 / 720 + sh * (1 / 5040)))))
  ddMul(sh, sl, sh, sl)
  ddAdd(H * 0.5, L * 0.5, tail, 0)
  ddAdd(sh, sl, H, L)
  // expm1(2s) = 2 expm1(s) + expm1(s)^2, ten times: expm1(r). The same ddMul and ddAdd as
  // above, written out with locals (log calls this once per row of a softmax: 3x faster so).
  let h = H, l = L
  for (let i = 0; i < 10; i++) {
    // (qh, ql) = (h, l)^2: twoProd(h, h), then the cross terms
    const p = h * h
    const t = SPLIT * h
    const hh = t - (t - h), hl = h - hh
    const e0 = ((hh * hh - p) + hh * hl + hl * hh) + hl * hl
    const e1 = e0 + (h * l + l * h)
    const qh = p + e1, ql = e1 - (qh - p)
    // (h, l) = (2h, 2l) + (qh, ql): twoSum(2h, qh), then the low parts
    const s2 = 2 * h + qh, bb = s2 - 2 * h
    const e2 = ((2 * h - (s2 - bb)) + (qh - bb)) + 2 * l + ql
    h = s2 + e2
    l = e2 - (h - s2)
  }
  H = h
  L = l
}

/**
 * The double nearest to s + u + v, where s + u is a twoSum-normalised pair and v lies below u's
 * last bit: v only matters when s + u falls exactly halfway between two doubles, and then it
 * decides the side (rounding s + u alone would pick the even one, a double rounding).
 */
function round3(s: number, u: number, v: number): number {
  twoSum(s, u)
  const r = H, w = L
  // a tie: r + 2w is the neighbour on w's side and r + w the midpoint between them
  if (v !== 0 && w !== 0 && (v > 0) === (w > 0) && (r + 2 * w) - r === 2 * w) return r + 2 * w
  return r
}

// The fast exp: x = (64e + j) ln2/64 + r with |r| ≤ ln2/128, so e^x = 2^e · 2^(j/64) · e^r, with
// 2^(j/64) from a double-double table and e^r - 1 by a short series. That value is within 2^-62
// (relative) of e^x; when that whole interval rounds to one double, it is the correctly rounded
// result (Ziv's test); otherwise (about 1 call in 500) the slow, careful path decides.
const C_HI = LN2_HI / 64, C_LO = LN2_LO / 64, INV_C = 64 / 0.6931471805599453
const T_HI = new Float64Array(64), T_LO = new Float64Array(64)
{
  expm1Small(C_HI, C_LO)
  ddAdd(1, 0, H, L)
  const sh = H, sl = L // 2^(1/64)
  T_HI[0] = 1
  for (let j = 1; j < 64; j++) {
    ddMul(T_HI[j - 1], T_LO[j - 1], sh, sl)
    T_HI[j] = H
    T_LO[j] = L
  }
}
const ERR = 2 ** -62
/** 2^e for e in [-1022, 1023], exact: V8's pow is slow for an exponent it cannot see. */
const POW2 = new Float64Array(2046)
for (let e = -1022; e <= 1023; e++) POW2[e + 1022] = 2 ** e
// The splits (Dekker) of C_HI and of the table's high parts, for exp's exact products.
const splitHi = (a: number) => {
  const t = SPLIT * a
  return t - (t - a)
}
const C_HI_H = splitHi(C_HI), C_HI_L = C_HI - C_HI_H
const T_HH = T_HI.map(splitHi), T_HL = T_HI.map((v, i) => v - T_HH[i])

/** Julia's exp: correctly rounded in all but astronomically rare cases. */
export function exp(x: number): number {
  if (!(x > -708 && x < 709.79)) return Math.exp(x) // NaN, overflow and subnormal results
  const k = Math.round(x * INV_C)
  // (p, pe) = k * C_HI exactly (Dekker), with locals: the shared H, L cost a memory trip each
  const p = k * C_HI
  let t = SPLIT * k
  const kh = t - (t - k), kl = k - kh
  const pe = ((kh * C_HI_H - p) + kh * C_HI_L + kl * C_HI_H) + kl * C_HI_L
  const s0 = x - p, bb = s0 - x
  const rh = s0, rl = ((x - (s0 - bb)) + (-p - bb)) - pe - k * C_LO
  const r = rh + rl, re = (rh - r) + rl // r + re = x - k ln2/64, renormalised
  const q = re + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))))
  const j = k & 63, th = T_HI[j], tl = T_LO[j], thh = T_HH[j], thl = T_HL[j]
  // th (1 + r + q) + tl (1 + r): th·r exactly, the rest in doubles
  const ph = th * r
  t = SPLIT * r
  const rh2 = t - (t - r), rl2 = r - rh2
  const pl = ((thh * rh2 - ph) + thh * rl2 + thl * rh2) + thl * rl2
  const s = th + ph, b2 = s - th
  const rest = ((th - (s - b2)) + (ph - b2)) + (pl + (tl + (th * q + tl * r)))
  const y = s + rest
  const err = ERR * s
  if (y === s + (rest + err) && y === s + (rest - err)) {
    const e = (k - j) / 64
    return e > 1000 ? y * 2 ** (e - 1000) * 2 ** 1000 : e >= -1022 ? y * POW2[e + 1022] : y * 2 ** e
  }
  return expAccurate(x)
}

/** The careful path of exp, double-double throughout. */
export function expAccurate(x: number): number {
  const k = Math.round(x / LN2_HI)
  // r = x - k ln2, exactly enough: k * LN2_HI is formed without rounding
  twoProd(k, LN2_HI)
  const p = H, pe = L
  twoSum(x, -p)
  let rh = H, rl = L - pe - k * LN2_LO
  const s0 = rh + rl
  rl = rl - (s0 - rh)
  rh = s0
  expm1Small(rh, rl)
  // 1 + expm1(r), rounded once, then times 2^k (exact for normal results; 2^1024 is not a double)
  const mh = H, ml = L
  twoSum(1, mh)
  const s = H, t = L
  twoSum(t, ml)
  const y = round3(s, H, L)
  return k > 1000 ? y * 2 ** (k - 1000) * 2 ** 1000 : y * 2 ** k
}

const bits = new Float64Array(1)
const bitsHi = new Uint32Array(bits.buffer)

/**
 * Julia's log. x = f 2^e with f in [√½, √2); log f = y0 + log(f / e^y0) where y0 = Math.log(f)
 * is within an ulp, so f / e^y0 = 1 + d with |d| ~ 1e-16 and log(1 + d) = d - d²/2 suffices.
 * Working with expm1(y0) instead of e^y0 keeps d accurate when f is near 1.
 */
export function log(x: number): number {
  if (!(x > 0 && x < Infinity) || x === 1) return Math.log(x)
  let e = 0
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984 // 2^54: subnormals become normal
    e = -54
  }
  bits[0] = x
  const hi = bitsHi[1]
  e += ((hi >>> 20) & 0x7ff) - 1023
  bitsHi[1] = (hi & 0x800fffff) | 0x3ff00000 // f in [1, 2)
  let f = bits[0]
  if (f > Math.SQRT2) {
    f *= 0.5
    e += 1
  }
  const y0 = Math.log(f)
  expm1Small(y0, 0)
  const mh = H, ml = L
  const d = (((f - 1) - mh) - ml) / (1 + mh) // f - 1 and the first subtraction are exact
  const corr = d - 0.5 * d * d
  if (e === 0) return y0 + corr
  // e ln2 + y0 + corr: e * LN2_HI is exact in two parts
  twoProd(e, LN2_HI)
  const ph = H, pl = L + e * LN2_LO
  twoSum(ph, y0)
  return H + (L + pl + corr)
}

const TWO_M968 = 2 ** -968
const TWO_995 = 2 ** 995
const TWO_1020 = 2 ** 1020

/**
 * a * b + c with a single rounding, as a hardware FMA gives (OpenBLAS's kernels use it).
 * The product and sum are split exactly; the one case where rounding the pieces twice could go
 * wrong, an exact tie, is settled by the last residual's sign. Operands where the splitting
 * itself would overflow or underflow (or that are zero, infinite or NaN) take a slower exact path.
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b
  const ap = Math.abs(p)
  if (!(ap >= TWO_M968 && ap < TWO_1020 && Math.abs(a) < TWO_995 && Math.abs(b) < TWO_995 && Math.abs(c) < TWO_1020)) {
    return fmaRare(a, b, c, p)
  }
  twoProd(a, b)
  const pe = L
  twoSum(p, c)
  const s = H, t = L
  twoSum(t, pe)
  return round3(s, H, L)
}

function fmaRare(a: number, b: number, c: number, p: number): number {
  // An exact product (zero, infinite or NaN) leaves one rounding: IEEE's sum, signed zeros included.
  if (a === 0 || b === 0 || !isFinite(a) || !isFinite(b)) return p + c
  if (!isFinite(c)) return c // a finite product cannot change ±Inf or NaN
  return fmaBig(a, b, c)
}

// The rare path: exact in BigInt, rounded once (subnormal results and overflow included).
const view = new DataView(new ArrayBuffer(8))

function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x)
  const w = view.getBigUint64(0)
  const biased = Number((w >> 52n) & 0x7ffn)
  const m = biased === 0 ? w & 0xfffffffffffffn : (w & 0xfffffffffffffn) | 0x10000000000000n
  return [w >> 63n ? -m : m, biased === 0 ? -1074 : biased - 1075]
}

function fmaBig(a: number, b: number, c: number): number {
  const [ma, ea] = decompose(a), [mb, eb] = decompose(b), [mc, ec] = decompose(c)
  const ep = ea + eb, e = Math.min(ep, ec)
  const m = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e))
  if (m === 0n) return 0 // exact cancellation of nonzero terms gives +0
  const neg = m < 0n
  let q = neg ? -m : m
  // keep 53 bits, or fewer where the last bit a double can hold is 2^-1074
  const lead = q.toString(2).length - 1 + e
  const drop = Math.max(lead - 52, -1074) - e
  let scale = e
  if (drop > 0) {
    const d = BigInt(drop)
    const rest = q & ((1n << d) - 1n), half = 1n << (d - 1n)
    q >>= d
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n
    scale += drop
  }
  const y = scale > 900 ? Number(q) * 2 ** (scale - 100) * 2 ** 100 : Number(q) * 2 ** scale
  return neg ? -y : y
}
