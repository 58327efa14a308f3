// Positions between a cell's text and the text the type checker reads (operators rewritten into
// calls). The generated text is a sequence of pieces: runs copied from the original, and edits
// (text inserted, or a range of the original replaced). A position in the original maps into the
// copy that holds it; at a boundary it goes after openers (`__op_mul(` before an operand) and
// before closers (the `)` after one), so the start and the end of an identifier both stay on it.

export type EditKind = 'open' | 'close' | 'replace'

export interface Piece {
  /** original range [o, oEnd); a copy has oEnd - o === gEnd - g, an insertion has o === oEnd */
  o: number
  oEnd: number
  /** generated range [g, gEnd) */
  g: number
  gEnd: number
  kind: 'copy' | EditKind
}

export class OffsetMap {
  /** pieces in generated order, which is also original order */
  constructor(readonly pieces: readonly Piece[], readonly originalLength: number, readonly generatedLength: number) {}

  static identity(length: number): OffsetMap {
    return new OffsetMap([{ o: 0, oEnd: length, g: 0, gEnd: length, kind: 'copy' }], length, length)
  }

  /** The generated offset of an original offset (a cursor, or the start or end of a token). */
  toGenerated(o: number): number {
    const ps = this.pieces
    const i = this.first((p) => p.oEnd >= o)
    if (i === ps.length) return this.generatedLength + (o - this.originalLength)
    const p = ps[i]
    // Strictly inside a copy, or inside a replaced operator token (which maps to its start).
    if (p.o < o && o < p.oEnd) return p.kind === 'copy' ? p.g + (o - p.o) : p.g
    // At a boundary: after the openers if an operand starts here, else before the closers.
    let opened = -1
    for (let j = i; j < ps.length && ps[j].o <= o; j++) {
      const q = ps[j]
      if (q.kind === 'open' || (q.kind === 'replace' && q.oEnd === o && q.o < o)) opened = q.gEnd
    }
    if (opened >= 0) return opened
    return p.kind === 'copy' && p.oEnd === o && p.o < o ? p.gEnd : p.g
  }

  /**
   * The original offset of a generated offset. Inside inserted text there is no exact answer: a
   * range's start goes to the start of the edit's original range, its end to the end.
   */
  toOriginal(g: number, side: 'start' | 'end' = 'start'): number {
    const ps = this.pieces
    const i = this.first((p) => p.gEnd >= g)
    if (i === ps.length) return this.originalLength + (g - this.generatedLength)
    let edit: Piece | undefined
    for (let j = i; j < ps.length && ps[j].g <= g; j++) {
      const p = ps[j]
      if (p.kind === 'copy') return p.o + (g - p.g)
      // Between two edits, a start belongs to the later one and an end to the earlier one.
      if (edit === undefined || side === 'start') edit = p
    }
    edit ??= ps[i]
    return side === 'start' ? edit.o : edit.oEnd
  }

  /** True when [g, gEnd) lies in copied text (so it has an exact original range). */
  isCopied(g: number, gEnd: number): boolean {
    return this.pieces.some((p) => p.kind === 'copy' && p.g <= g && gEnd <= p.gEnd)
  }

  /** The first piece for which `test` holds; pieces are sorted, so `test` is monotone. */
  private first(test: (p: Piece) => boolean): number {
    const ps = this.pieces
    let lo = 0, hi = ps.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (test(ps[mid])) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
