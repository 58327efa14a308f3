// rand(r, c) against an independent model of Julia 1.6's MersenneTwister: dSFMT-19937 written from
// its definition with 64-bit BigInt words, and Julia's cache of 1002 doubles in front of it.
import { describe, expect, it } from 'vitest'
import { rand, seed } from './index.ts'

const M64 = (1n << 64n) - 1n
const N = 191, POS1 = 117, SL1 = 19n, SR = 12n
const MSK = [0x000ffafffffffb3fn, 0x000ffdfffc90fffdn]
const FIX = [0x90014964b32f4329n, 0x3b8d12ac548a7c7an]
const PCV = [0x3d84e1ac0dc82880n, 0x0000000000000001n]

type Word = [bigint, bigint] // a 128-bit word as two 64-bit halves

/** dsfmt_init_by_array on the state seen as 32-bit words, then the state as N words and the lung. */
function initByArray(key: number[]): { words: Word[]; lung: Word } {
  const size = (N + 1) * 4, lag = 11, mid = (size - lag) >> 1
  const p = new Array<number>(size).fill(0x8b8b8b8b)
  const at = (i: number) => i % size
  const f1 = (x: number) => Math.imul((x ^ (x >>> 27)) >>> 0, 1664525) >>> 0
  const f2 = (x: number) => Math.imul((x ^ (x >>> 27)) >>> 0, 1566083941) >>> 0
  const count = Math.max(key.length + 1, size)
  for (let j = 0, i = 0; j < count; j++, i = at(i + 1)) {
    // j = 0 mixes in the key's length, then one word of the key per step, then zeros
    const r = f1(p[i] ^ p[at(i + mid)] ^ p[at(i + size - 1)])
    p[at(i + mid)] = (p[at(i + mid)] + r) >>> 0
    const r2 = (r + (j === 0 ? key.length : (key[j - 1] ?? 0) + i)) >>> 0
    p[at(i + mid + lag)] = (p[at(i + mid + lag)] + r2) >>> 0
    p[i] = r2
  }
  for (let j = 0, i = count % size; j < size; j++, i = at(i + 1)) {
    const r = f2((p[i] + p[at(i + mid)] + p[at(i + size - 1)]) >>> 0)
    p[at(i + mid)] = (p[at(i + mid)] ^ r) >>> 0
    const r2 = (r - i) >>> 0
    p[at(i + mid + lag)] = (p[at(i + mid + lag)] ^ r2) >>> 0
    p[i] = r2
  }
  const u64 = (k: number) => (BigInt(p[2 * k + 1]) << 32n) | BigInt(p[2 * k])
  const all: Word[] = Array.from({ length: N + 1 }, (_, w) => [u64(2 * w), u64(2 * w + 1)])
  const words = all.slice(0, N).map(([a, b]): Word => [(a & 0xfffffffffffffn) | 0x3ff0000000000000n, (b & 0xfffffffffffffn) | 0x3ff0000000000000n])
  const lung = all[N]
  let inner = ((lung[0] ^ FIX[0]) & PCV[0]) ^ ((lung[1] ^ FIX[1]) & PCV[1])
  for (let s = 32n; s > 0n; s >>= 1n) inner ^= inner >> s
  if ((inner & 1n) === 0n) lung[1] ^= 1n
  return { words, lung }
}

const bits = new DataView(new ArrayBuffer(8))
const toDouble = (u: bigint) => (bits.setBigUint64(0, u), bits.getFloat64(0))

/**
 * dSFMT as one long sequence of words: w[n + N] = recursion(w[n], w[n + POS1], lung).
 * Julia's cache takes 501 words at a time; large arrays take theirs directly.
 */
class JuliaMersenneTwister {
  private seq: Word[]
  private lung: Word
  private cache: number[] = []

  constructor(n: number) {
    const key: number[] = []
    do {
      key.push(n % 2 ** 32)
      n = Math.floor(n / 2 ** 32)
    } while (n > 0)
    const { words, lung } = initByArray(key)
    this.seq = words
    this.lung = lung
  }

  private nextWord(): Word {
    const k = this.seq.length - N
    const [a0, a1] = this.seq[k], [b0, b1] = this.seq[k + POS1], [l0, l1] = this.lung
    const swap = (x: bigint) => (x >> 32n) ^ ((x << 32n) & M64)
    const n0 = ((a0 << SL1) & M64) ^ swap(l1) ^ b0
    const n1 = ((a1 << SL1) & M64) ^ swap(l0) ^ b1
    this.lung = [n0, n1]
    const w: Word = [(n0 >> SR) ^ (n0 & MSK[0]) ^ a0, (n1 >> SR) ^ (n1 & MSK[1]) ^ a1]
    this.seq.push(w)
    if (this.seq.length > 4 * N) this.seq = this.seq.slice(-N)
    return w
  }

  private doubles(words: number): number[] {
    return Array.from({ length: words }, () => this.nextWord()).flatMap(([a, b]) => [toDouble(a) - 1, toDouble(b) - 1])
  }

  scalar(): number {
    if (this.cache.length === 0) this.cache = this.doubles(501)
    return this.cache.shift()!
  }

  /** rand!(A) for an array of n numbers, in memory (column-major) order */
  array(n: number): number[] {
    const direct = Math.floor((n - 2) / 2) * 2
    const head = direct >= 2 * N ? this.doubles(direct / 2) : []
    return [...head, ...Array.from({ length: n - head.length }, () => this.scalar())]
  }
}

/** a Matrix's entries column by column, as Julia stores them */
const columnMajor = (m: { rows: number; cols: number; get(i: number, j: number): number }) =>
  Array.from({ length: m.rows * m.cols }, (_, k) => m.get(k % m.rows, Math.floor(k / m.rows)))

describe('rand(r, c): Julia 1.6 MersenneTwister', () => {
  it('the reference gives Julia’s documented MersenneTwister(1234) numbers', () => {
    const mt = new JuliaMersenneTwister(1234)
    expect([mt.scalar(), mt.scalar()]).toEqual([0.5908446386657102, 0.7667970365022592])
  })

  it('rand(2, 3) after seed(1234) starts with 0.5908446386657102 and fills column by column', () => {
    seed(1234)
    const m = rand(2, 3)
    expect(m.get(0, 0)).toBe(0.5908446386657102)
    expect(m.get(1, 0)).toBe(0.7667970365022592)
    expect(columnMajor(m)).toEqual(new JuliaMersenneTwister(1234).array(6))
  })

  it.each([1234, 0, 42, 2 ** 32 + 7])('the first 3000 numbers of the stream, across cache refills, seed %s', (n) => {
    const mt = new JuliaMersenneTwister(n)
    const want = Array.from({ length: 3000 }, () => mt.scalar())
    seed(n)
    const got: number[] = []
    // small draws of odd sizes, so that draws straddle the refills at 1002 and 2004
    for (let k = 0; got.length < 3000; k++) got.push(...columnMajor(rand(7, 1 + (k % 5))))
    expect(got.slice(0, 3000)).toEqual(want)
  })

  it('large arrays come straight from the generator, and the cache carries on around them', () => {
    const mt = new JuliaMersenneTwister(1234)
    seed(1234)
    const shapes: [number, number][] = [[2, 3], [30, 40], [1, 5], [28, 14], [3, 1], [401, 3], [1, 384], [1, 383], [1, 385], [4, 2]]
    for (const [r, c] of shapes) {
      const m = r === 1 ? rand(c) : rand(r, c)
      expect(m.shape).toEqual([r, c])
      expect(columnMajor(m), `rand(${r}, ${c})`).toEqual(mt.array(r * c))
    }
  })
})
