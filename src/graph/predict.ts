// Predict mode: before a step's grads are shown, the student types them. The questions are the
// grads the step changes, in the explanation's order; an answer is right within 1e-9 relative.
import type { StepInfo } from './replay.ts'

export interface Question {
  /** the node whose grad is asked for */
  id: number
  name: string
  /** the grad after the step */
  answer: number
}

/** Relative tolerance of a right answer. */
export const TOLERANCE = 1e-9

/** The questions of a step: one per Value grad it changes (none for Tensors or step 0). */
export function questionsOf(info: StepInfo): Question[] {
  return info.inputs.filter((x) => typeof x.after === 'number').map((x) => ({ id: x.id, name: x.name, answer: x.after as number }))
}

/** A typed number: JavaScript's syntax, with − for a minus sign and , ignored; NaN if it is not one. */
export function parseAnswer(text: string): number {
  const t = text.trim().replace(/−/g, '-').replace(/,/g, '')
  return t === '' ? NaN : Number(t)
}

export function isRight(typed: number, answer: number): boolean {
  if (Number.isNaN(typed)) return false
  if (typed === answer) return true
  return Math.abs(typed - answer) <= TOLERANCE * Math.max(Math.abs(typed), Math.abs(answer))
}

/** Every answer right. */
export function allRight(questions: Question[], typed: string[]): boolean {
  return questions.every((q, i) => isRight(parseAnswer(typed[i] ?? ''), q.answer))
}
