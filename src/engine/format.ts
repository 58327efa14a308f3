// Julia's text for Float64 and its arrays, as println writes them.

/**
 * Julia's `show(::Float64)`: the shortest digits that round-trip (JavaScript finds the same
 * digits), written plainly when the decimal point falls within (-4, 6] places, else as `d.ddde±x`.
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (x === Infinity) return 'Inf'
  if (x === -Infinity) return '-Inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const sign = x < 0 ? '-' : ''
  const [mantissa, e] = Math.abs(x).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const point = Number(e) + 1 // digits before the decimal point
  if (point > -4 && point <= 6) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
  }
  return `${sign}${digits[0]}.${digits.length > 1 ? digits.slice(1) : '0'}e${point - 1}`
}

/** One row of a matrix as a Julia Vector: `[a, b, c]`. */
export function formatRow(data: ArrayLike<number>, start: number, length: number): string {
  const parts: string[] = []
  for (let j = 0; j < length; j++) parts.push(formatFloat(data[start + j]))
  return `[${parts.join(', ')}]`
}

/** A Julia Matrix: `[a b; c d]`; a Julia Vector (a row made from a 1-D array): `[a, b]`. */
export function formatMatrix(rows: number, cols: number, data: ArrayLike<number>, vector: boolean): string {
  if (vector && rows === 1) return formatRow(data, 0, cols)
  const lines: string[] = []
  for (let i = 0; i < rows; i++) {
    const parts: string[] = []
    for (let j = 0; j < cols; j++) parts.push(formatFloat(data[i * cols + j]))
    lines.push(parts.join(' '))
  }
  return `[${lines.join('; ')}]`
}
