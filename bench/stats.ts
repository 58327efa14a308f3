// Timing helpers for the benchmarks: medians of repeated runs after a warm-up.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Median milliseconds of `runs` calls of f, after `warmup` calls. */
export function timeMs(f: () => void, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) f()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    f()
    times.push(performance.now() - t0)
  }
  return median(times)
}

/** Alternate a and b so that both see the same machine state; returns their medians. */
export function timePair(a: () => void, b: () => void, runs: number, warmup = 2): [number, number] {
  for (let i = 0; i < warmup; i++) {
    a()
    b()
  }
  const ta: number[] = [], tb: number[] = []
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now()
    a()
    ta.push(performance.now() - t0)
    t0 = performance.now()
    b()
    tb.push(performance.now() - t0)
  }
  return [median(ta), median(tb)]
}

export interface Row {
  name: string
  value: string
  baseline?: string
  ratio?: string
}
