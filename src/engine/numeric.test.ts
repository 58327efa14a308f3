// exp, log and fma of numeric.ts against exact references in BigInt: results must be identical
// (correctly rounded), since SimpleGrad's printed digits depend on the last bit.
import { describe, expect, it } from 'vitest'
import { exp, expAccurate, fma, log } from './numeric.ts'
import { rand, seed } from './random/index.ts'

// ---- exact arithmetic: a double is m 2^e with m and e integers --------------------------------

const view = new DataView(new ArrayBuffer(8))

function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const sign = bits >> 63n ? -1n : 1n
  const biased = Number((bits >> 52n) & 0x7ffn)
  const frac = bits & 0xfffffffffffffn
  if (biased === 0) return [sign * frac, -1074]
  return [sign * (frac | (1n << 52n)), biased - 1075]
}

/** The double nearest to m 2^e (ties to even), including subnormals and overflow. */
function nearest(m: bigint, e: number): number {
  if (m < 0n) return -nearest(-m, e)
  if (m === 0n) return 0
  // Number(bigint) rounds correctly; keep the rounding point at an integer boundary first.
  const lead = m.toString(2).length - 1 + e // exponent of the leading bit
  const lastKept = Math.max(lead - 52, -1074) // exponent of the last bit a double can keep
  if (e >= lastKept) return Number(m) * 2 ** (e - lastKept) * 2 ** lastKept
  const drop = BigInt(lastKept - e)
  let q = m >> drop
  const rem = m - (q << drop), half = 1n << (drop - 1n)
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n
  return lastKept > 900 ? Number(q) * 2 ** (lastKept - 100) * 2 ** 100 : Number(q) * 2 ** lastKept
}

/** a * b + c with one rounding. */
function exactFma(a: number, b: number, c: number): number {
  if (!isFinite(a) || !isFinite(b)) return a * b + c
  if (!isFinite(c)) return c
  const [ma, ea] = decompose(a), [mb, eb] = decompose(b), [mc, ec] = decompose(c)
  const mp = ma * mb, ep = ea + eb
  if (mp === 0n) return a * b + c // the product is an exact zero: IEEE's signed-zero sum
  if (mc === 0n) return nearest(mp, ep)
  const e = Math.min(ep, ec)
  const sum = (mp << BigInt(ep - e)) + (mc << BigInt(ec - e))
  return sum === 0n ? 0 : nearest(sum, e)
}

// ---- fixed point with P fractional bits for exp and log ----------------------------------------

const P = 240n
const ONE = 1n << P

/** v 2^(k - P) rounded to a double, failing loudly if v's error (< 2^10 units) could matter */
function fixedToDouble(v: bigint, k = 0): number {
  if (v < 0n) return -fixedToDouble(-v, k)
  if (v === 0n) return 0 // log(1)
  const drop = BigInt(v.toString(2).length - 53)
  const rem = v & ((1n << drop) - 1n), half = 1n << (drop - 1n)
  const distance = rem > half ? rem - half : half - rem
  if (distance < 1n << 10n) throw new Error('reference too close to a tie')
  return nearest(v, k - Number(P))
}

/** x 2^P, truncated (exact for the inputs used here) */
function toFixed(x: number): bigint {
  const [m, e] = decompose(x)
  const s = e + Number(P)
  return s >= 0 ? m << BigInt(s) : m / (1n << BigInt(-s))
}

/** 2 atanh(u) for a fixed-point |u| < 1/2: the series u + u³/3 + u⁵/5 + ... */
function twoAtanh(u: bigint): bigint {
  const u2 = (u * u) >> P
  let term = u, sum = 0n
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k
    term = (term * u2) >> P
  }
  return 2n * sum
}

const LN2 = twoAtanh(ONE / 3n) // log 2 = 2 atanh(1/3)

function refExp(x: number): number {
  const k = Math.round(x / Math.LN2)
  const r = toFixed(x) - BigInt(k) * LN2 // |r| < 0.35
  let term = ONE, sum = ONE
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (ONE * n)
    sum += term
  }
  return fixedToDouble(sum, k) // the results here are normal numbers (or overflow)
}

function refLog(x: number): number {
  const [m, e] = decompose(x) // x = m 2^e with m < 2^53
  const bits = m.toString(2).length
  const f = m << (P - BigInt(bits - 1)) // x = f 2^(e + bits - 1), f in [1, 2)
  return fixedToDouble(BigInt(e + bits - 1) * LN2 + twoAtanh(((f - ONE) << P) / (f + ONE)))
}

// ---- inputs: seeded, spread over the ranges that matter ----------------------------------------

function uniforms(n: number, s: number): number[] {
  seed(s)
  return Array.from(rand(n).data)
}

const mismatches = (xs: number[], f: (x: number) => number, ref: (x: number) => number) =>
  xs.filter((x) => !Object.is(f(x), ref(x))).map((x) => ({ x, got: f(x), want: ref(x) }))

describe('exp', () => {
  it('the reference agrees with known values', () => {
    expect(refExp(1)).toBe(2.718281828459045)
    expect(refExp(2)).toBe(7.38905609893065) // the seed's exp(2.0)
    expect(refExp(-1)).toBe(0.36787944117144233)
  })

  it('is correctly rounded on [-700, 700] and densely near 0', () => {
    const wide = uniforms(2000, 1).map((u) => (2 * u - 1) * 700)
    const near = uniforms(2000, 2).map((u, i) => (2 * u - 1) * 10 ** -(i % 18))
    const special = [0, -0, 1, -1, 0.5, 2 ** -53, -(2 ** -53), 2 ** -54, 2 ** -52, 1e-300, 100, -100, 700, -700]
    expect(mismatches([...wide, ...near, ...special], exp, refExp)).toEqual([])
  })

  it('stays finite and correctly rounded up to the overflow threshold', () => {
    const top = uniforms(300, 3).map((u) => 709 + 0.78 * u)
    const bottom = uniforms(300, 4).map((u) => -708 + 8 * u)
    expect(mismatches([...top, ...bottom, 709.78, 709.5], exp, refExp)).toEqual([])
  })

  it('overflows, underflows and passes NaN as Math.exp does', () => {
    expect(exp(710)).toBe(Infinity)
    expect(exp(-Infinity)).toBe(0)
    expect(exp(-800)).toBe(0)
    expect(exp(NaN)).toBeNaN()
  })
})

describe('log', () => {
  it('the reference agrees with known values', () => {
    expect(refLog(10)).toBe(2.302585092994046) // the seed's log(10.0)
    expect(refLog(2)).toBe(0.6931471805599453)
  })

  it('is correctly rounded on (0, 1e300], near 1, and at the ends of the doubles', () => {
    const wide = uniforms(2000, 5).map((u) => 10 ** (600 * u - 300))
    const unit = uniforms(1000, 6).map((u) => 0.5 + 1.5 * u)
    const nearOne = uniforms(1000, 7).map((u, i) => 1 + (2 * u - 1) * 10 ** -(i % 16))
    const ends = [Number.MAX_VALUE, 1.7e308, 2.5e-310, 5e-324, Number.MIN_VALUE * 3, 2 ** -1022, 1e300]
    const special = [2, 0.5, 3, 1 + 2 ** -52, 1 - 2 ** -53, Math.SQRT2, Math.SQRT1_2, 1e-300]
    expect(mismatches([...wide, ...unit, ...nearOne, ...ends, ...special], log, refLog)).toEqual([])
  })

  it('handles 1, 0, negatives, Inf and NaN as Math.log does', () => {
    expect(log(1)).toBe(0)
    expect(log(0)).toBe(-Infinity)
    expect(log(-1)).toBeNaN()
    expect(log(Infinity)).toBe(Infinity)
    expect(log(NaN)).toBeNaN()
  })
})

describe('fma', () => {
  const triples = (n: number, s: number, scale: (u: number) => number) => {
    const u = uniforms(3 * n, s).map(scale)
    return Array.from({ length: n }, (_, i) => [u[3 * i], u[3 * i + 1], u[3 * i + 2]] as const)
  }
  const wrong = (ts: readonly (readonly [number, number, number])[]) =>
    ts.filter(([a, b, c]) => !Object.is(fma(a, b, c), exactFma(a, b, c)))
      .map(([a, b, c]) => ({ a, b, c, got: fma(a, b, c), want: exactFma(a, b, c) }))

  it('the reference rounds once', () => {
    expect(exactFma(0.1, 10, -1)).toBe(5.551115123125783e-17) // a*b + c in doubles gives 0
    expect(exactFma(1 + 2 ** -30, 1 + 2 ** -30, -1)).toBe(2 ** -29 + 2 ** -60)
  })

  it('rounds once on seeded triples of mixed magnitudes', () => {
    const mixed = triples(2000, 8, (u) => (2 * u - 1) * 10 ** Math.floor(u * 1e6 % 20 - 10))
    expect(wrong(mixed)).toEqual([])
  })

  it('rounds once when c nearly cancels a*b', () => {
    const ab = triples(2000, 9, (u) => 2 * u - 1)
    const cancel = ab.flatMap(([a, b, t]) => {
      const p = a * b
      const ulp = Math.abs(p) * 2 ** -52
      return [[a, b, -p], [a, b, -p + ulp * t], [a, b, -p * (1 + 2 ** -52)], [a, b, -(p + ulp / 2)]] as const
    })
    expect(wrong(cancel)).toEqual([])
  })

  it('rounds once at ties, with signed zeros and at the extremes of the range', () => {
    const cases: [number, number, number][] = [
      [1 + 2 ** -52, 1 + 2 ** -52, -1], [1 + 2 ** -30, 1 + 2 ** -23, 0], [1 + 2 ** -27, 1 - 2 ** -27, -1],
      [0, -1, -0], [-0, 1, -0], [0, 1, -0], [2, 3, -6], [-0, -0, -0], [1e-200, 1e-200, 0], [1e-200, -1e-200, -0],
      [1e305, 1e-5, 1], [1e300, 1e10, -1e308], [1.5e308, 2, -1.5e308], [2 ** -537, 2 ** -537, 2 ** -1074],
      [1e-160, 1e-160, 1e-310], [1 - 2 ** -53, -(2 ** -54) * (1 + 2 ** -52), 1], [3e-170, 7e-160, -2e-308], [1e308, 10, -Infinity], [Infinity, 0, 1],
      [Infinity, 1, -Infinity], [NaN, 1, 1], [1, 1, NaN], [Number.MAX_VALUE, 1, Number.MAX_VALUE],
    ]
    expect(wrong(cases)).toEqual([])
  })
})

describe('exp, fast path', () => {
  it('gives the careful path\'s result on 200,000 inputs where softmax and sigmoid go', () => {
    // every x here takes one of the two paths; the careful one is checked against BigInt above
    const xs = uniforms(200_000, 21).map((u, i) => (i % 2 ? -30 * u : (2 * u - 1) * 700))
    expect(mismatches(xs, exp, expAccurate)).toEqual([])
  })
})
