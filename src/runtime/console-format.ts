// console.log's formatting (JavaScript's, not Julia's): strings as they are, numbers as
// JavaScript prints them, Values and Tensors by their toString, other objects inspected briefly.

export function formatConsoleArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : inspect(a, 0))).join(' ')
}

function inspect(x: unknown, depth: number): string {
  if (typeof x === 'string') return depth === 0 ? x : JSON.stringify(x)
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return String(x)
  if (x === undefined) return 'undefined'
  if (x === null) return 'null'
  if (typeof x === 'function') return `[Function ${x.name || '(anonymous)'}]`
  if (typeof x === 'symbol') return x.toString()
  if (x instanceof Error) return `${x.name}: ${x.message}`
  if (depth > 2) return Array.isArray(x) ? '[Array]' : '[Object]'
  if (Array.isArray(x)) {
    const items = x.slice(0, 100).map((v) => inspect(v, depth + 1))
    if (x.length > 100) items.push(`… ${x.length - 100} more items`)
    return `[ ${items.join(', ')} ]`
  }
  if (ArrayBuffer.isView(x)) {
    const arr = Array.from(x as unknown as ArrayLike<number>).slice(0, 100)
    return `${x.constructor.name}(${(x as unknown as ArrayLike<number>).length}) [ ${arr.join(', ')} ]`
  }
  const obj = x as Record<string, unknown>
  if (obj.toString !== Object.prototype.toString && typeof obj.toString === 'function') return String(obj)
  const entries = Object.entries(obj).slice(0, 50).map(([k, v]) => `${k}: ${inspect(v, depth + 1)}`)
  return `{ ${entries.join(', ')} }`
}
