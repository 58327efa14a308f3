// Errors that name the operation and what was wrong, so a snippet's message says how to fix it.

export const shapeText = (rows: number, cols: number) => `(${rows}, ${cols})`

export function describe(x: unknown): string {
  if (x === null) return 'null'
  if (Array.isArray(x)) return `an array of length ${x.length}`
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x)}`
  if (typeof x === 'object') return `a ${(x as object).constructor?.name ?? 'object'}`
  return `${typeof x} ${String(x)}`
}

export function shapeMismatch(op: string, a: readonly [number, number], b: readonly [number, number], why: string): Error {
  return new Error(`${op}: shapes ${shapeText(...a)} and ${shapeText(...b)} do not fit: ${why}`)
}
