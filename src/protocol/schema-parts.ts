// Building blocks of the message schema (valibot). Two kinds of check: valibot's own, which build
// a fresh object holding only the declared fields, and flat checks over big arrays of numbers,
// one loop each (a plot may carry 200,000 of them). Each flat check carries its limit in
// metadata, so that the sandbox frame's relay (relay.ts) can read the same limit.
import * as v from 'valibot'

/** Any JavaScript number: NaN and ±Infinity are legitimate data (log(0), 0/0). */
export const anyNumber = v.custom<number>((x) => typeof x === 'number', 'a number')

export const finite = v.pipe(v.number(), v.finite())

/** A whole number in [lo, hi]. */
export const int = (lo: number, hi: number) => v.pipe(v.number(), v.safeInteger(), v.minValue(lo), v.maxValue(hi))

/** A run id or a handle: the page makes them, counting up from 1. */
export const id = int(0, Number.MAX_SAFE_INTEGER)

/** A string of at most `max` characters. */
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max))

export type RelayMeta = {
  relay: { numbers: number } | { strings: number; length: number }
}

/** An array of at most `max` numbers (any numbers), checked in one loop. */
export function numbers(max: number) {
  const ok = (x: unknown): x is number[] => {
    if (!Array.isArray(x) || x.length > max) return false
    for (let i = 0; i < x.length; i++) if (typeof x[i] !== 'number') return false
    return true
  }
  return v.pipe(v.custom<number[]>(ok, `at most ${max} numbers`), v.metadata<number[], RelayMeta>({ relay: { numbers: max } }))
}

/** An array of at most `max` strings of at most `length` characters each. */
export function strings(max: number, length: number) {
  const ok = (x: unknown): x is string[] => {
    if (!Array.isArray(x) || x.length > max) return false
    for (let i = 0; i < x.length; i++) if (typeof x[i] !== 'string' || (x[i] as string).length > length) return false
    return true
  }
  return v.pipe(v.custom<string[]>(ok, `at most ${max} strings`), v.metadata<string[], RelayMeta>({ relay: { strings: max, length } }))
}

/** An array of at most `max` items, the length checked before any item. */
export function list<T extends v.GenericSchema>(item: T, max: number) {
  return v.pipe(v.custom<unknown[]>((x) => Array.isArray(x) && x.length <= max, `at most ${max} items`), v.array(item), v.maxLength(max))
}

/**
 * `true` when A and B are the same type, field for field (optional fields alike), else `false`:
 * the schema's inferred types are checked against the declared interfaces with it.
 */
export type Same<A, B> = [Deep<A>] extends [Deep<B>] ? ([Deep<B>] extends [Deep<A>] ? Exact<Deep<A>, Deep<B>> : false) : false
type Deep<T> = T extends number | string | boolean | null | undefined | ArrayBuffer ? T
  : T extends Array<infer U> ? Array<Deep<U>>
  : T extends object ? { [K in keyof T]-?: Deep<Exclude<T[K], undefined>> | (undefined extends T[K] ? undefined : never) }
  : T
type Exact<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
