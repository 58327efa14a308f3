// dSFMT-19937, the generator behind Julia 1.6's MersenneTwister (the Julia that SimpleGrad's
// documentation ran on): its matrices come from this stream. A port of the reference C code,
// 64-bit words kept as 32-bit halves. Each 128-bit word w is four u32s, little-endian:
// [4w] low(u0), [4w+1] high(u0), [4w+2] low(u1), [4w+3] high(u1), as C's u32 view sees them.

const N = 191
const POS1 = 117
const MSK1_HI = 0x000ffaff, MSK1_LO = 0xfffffb3f
const MSK2_HI = 0x000ffdff, MSK2_LO = 0xfc90fffd
const FIX1_HI = 0x90014964, FIX1_LO = 0xb32f4329
const FIX2_HI = 0x3b8d12ac, FIX2_LO = 0x548a7c7a
const PCV1_HI = 0x3d84e1ac, PCV1_LO = 0x0dc82880
const PCV2_HI = 0x00000000, PCV2_LO = 0x00000001
/** Julia's MersenneTwister caches this many doubles per refill (MT_CACHE_F). */
export const CACHE_SIZE = 1002
/** dsfmt_get_min_array_size(): the fewest doubles that fillArray makes (N 128-bit words). */
export const MIN_ARRAY_SIZE = 2 * N

const ini1 = (x: number) => Math.imul((x ^ (x >>> 27)) >>> 0, 1664525) >>> 0
const ini2 = (x: number) => Math.imul((x ^ (x >>> 27)) >>> 0, 1566083941) >>> 0

export class DSFMT {
  private readonly state = new Uint32Array((N + 1) * 4) // N words, then the "lung" word
  private readonly buffer = new ArrayBuffer(CACHE_SIZE * 8)
  private readonly out32 = new Uint32Array(this.buffer)
  private readonly out64 = new Float64Array(this.buffer)
  private index = CACHE_SIZE

  constructor(key: Uint32Array) {
    this.reseed(key)
  }

  /** dsfmt_init_by_array, as Julia's `seed!(::MersenneTwister, words)` calls it. */
  reseed(key: Uint32Array): void {
    const p = this.state
    const size = (N + 1) * 4
    const lag = 11
    const mid = Math.floor((size - lag) / 2)
    p.fill(0x8b8b8b8b)
    const count = Math.max(key.length + 1, size) - 1
    let r = ini1(p[0] ^ p[mid % size] ^ p[(size - 1) % size])
    p[mid % size] = (p[mid % size] + r) >>> 0
    r = (r + key.length) >>> 0
    p[(mid + lag) % size] = (p[(mid + lag) % size] + r) >>> 0
    p[0] = r
    let i = 1
    for (let j = 0; j < count; j++) {
      r = ini1(p[i] ^ p[(i + mid) % size] ^ p[(i + size - 1) % size])
      p[(i + mid) % size] = (p[(i + mid) % size] + r) >>> 0
      r = (r + (j < key.length ? key[j] : 0) + i) >>> 0
      p[(i + mid + lag) % size] = (p[(i + mid + lag) % size] + r) >>> 0
      p[i] = r
      i = (i + 1) % size
    }
    for (let j = 0; j < size; j++) {
      r = ini2((p[i] + p[(i + mid) % size] + p[(i + size - 1) % size]) >>> 0)
      p[(i + mid) % size] = (p[(i + mid) % size] ^ r) >>> 0
      r = (r - i) >>> 0
      p[(i + mid + lag) % size] = (p[(i + mid + lag) % size] ^ r) >>> 0
      p[i] = r
      i = (i + 1) % size
    }
    // initial_mask: every 64-bit half of the N words becomes a double in [1, 2)
    for (let k = 0; k < N * 2; k++) p[2 * k + 1] = (p[2 * k + 1] & 0x000fffff) | 0x3ff00000
    // period_certification on the lung word
    const L = N * 4
    let inner = ((p[L + 1] ^ FIX1_HI) & PCV1_HI) ^ ((p[L] ^ FIX1_LO) & PCV1_LO)
      ^ ((p[L + 3] ^ FIX2_HI) & PCV2_HI) ^ ((p[L + 2] ^ FIX2_LO) & PCV2_LO)
    for (let s = 16; s > 0; s >>= 1) inner ^= inner >>> s
    if ((inner & 1) !== 1) p[L + 2] ^= 1
    this.index = CACHE_SIZE
  }

  /** The next double of Julia's `rand()` stream, in [0, 1). */
  next(): number {
    if (this.index === CACHE_SIZE) this.refill()
    return this.out64[this.index++] - 1.0
  }

  /** Julia refills its cache with dsfmt_fill_array_close1_open2: CACHE_SIZE / 2 words. */
  private refill(): void {
    this.generate(this.out32, CACHE_SIZE / 2)
    this.index = 0
  }

  /**
   * dsfmt_fill_array_close_open straight into `target` (even length ≥ MIN_ARRAY_SIZE), as Julia
   * fills large arrays: the next words of the sequence, bypassing (and not touching) the cache.
   */
  fillArray(target: Float64Array): void {
    const n = target.length
    if (n % 2 !== 0 || n < MIN_ARRAY_SIZE) throw new Error(`dSFMT fills an even number ≥ ${MIN_ARRAY_SIZE} of doubles, not ${n}`)
    this.generate(new Uint32Array(target.buffer, target.byteOffset, 2 * n), n / 2)
    for (let i = 0; i < n; i++) target[i] -= 1.0
  }

  /** gen_rand_array_c1o2: the next `size` (≥ N) 128-bit words into arr, doubles in [1, 2). */
  private generate(arr: Uint32Array, size: number): void {
    const st = this.state
    const lung = new Uint32Array(4)
    lung.set(st.subarray(N * 4, N * 4 + 4))
    rec(arr, 0, st, 0, st, POS1, lung)
    let i = 1
    for (; i < N - POS1; i++) rec(arr, i, st, i, st, i + POS1, lung)
    for (; i < N; i++) rec(arr, i, st, i, arr, i + POS1 - N, lung)
    for (; i < size - N; i++) rec(arr, i, arr, i - N, arr, i + POS1 - N, lung)
    let j = 0
    for (; j < 2 * N - size; j++) st.set(arr.subarray((j + size - N) * 4, (j + size - N) * 4 + 4), j * 4)
    for (; i < size; i++, j++) {
      rec(arr, i, arr, i - N, arr, i + POS1 - N, lung)
      st.set(arr.subarray(i * 4, i * 4 + 4), j * 4)
    }
    st.set(lung, N * 4)
  }
}

/** do_recursion: r[ri] = f(a[ai], b[bi], lung), updating lung. */
function rec(r: Uint32Array, ri: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number, lung: Uint32Array): void {
  const A = ai * 4, B = bi * 4, R = ri * 4
  const t0lo = a[A], t0hi = a[A + 1], t1lo = a[A + 2], t1hi = a[A + 3]
  const L0lo = lung[0], L0hi = lung[1], L1lo = lung[2], L1hi = lung[3]
  // lung.u[0] = (t0 << 19) ^ (L1 >> 32) ^ (L1 << 32) ^ b.u[0]; the two shifts by 32 swap L1's halves
  const n0lo = ((t0lo << 19) ^ L1hi ^ b[B]) >>> 0
  const n0hi = (((t0hi << 19) | (t0lo >>> 13)) ^ L1lo ^ b[B + 1]) >>> 0
  const n1lo = ((t1lo << 19) ^ L0hi ^ b[B + 2]) >>> 0
  const n1hi = (((t1hi << 19) | (t1lo >>> 13)) ^ L0lo ^ b[B + 3]) >>> 0
  lung[0] = n0lo; lung[1] = n0hi; lung[2] = n1lo; lung[3] = n1hi
  // r.u[k] = (lung.u[k] >> 12) ^ (lung.u[k] & MSKk) ^ tk
  r[R] = (((n0lo >>> 12) | (n0hi << 20)) ^ (n0lo & MSK1_LO) ^ t0lo) >>> 0
  r[R + 1] = ((n0hi >>> 12) ^ (n0hi & MSK1_HI) ^ t0hi) >>> 0
  r[R + 2] = (((n1lo >>> 12) | (n1hi << 20)) ^ (n1lo & MSK2_LO) ^ t1lo) >>> 0
  r[R + 3] = ((n1hi >>> 12) ^ (n1hi & MSK2_HI) ^ t1hi) >>> 0
}
