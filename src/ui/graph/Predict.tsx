// Predict mode's questions for one step: an input per grad the step changes, Check, the result
// with the rule and the numbers, and the running score.
import { useRef } from 'react'
import { short } from '../../graph/format.ts'
import { isRight, parseAnswer, type Question } from '../../graph/predict.ts'

export interface PredictState {
  /** typed answers, by step */
  typed: Record<number, string[]>
  /** steps checked, and whether all their answers were right */
  checked: Record<number, boolean>
}

export const NO_PREDICTIONS: PredictState = { typed: {}, checked: {} }

export function PredictPanel({ k, questions, state, setTyped, check }: {
  k: number; questions: Question[]; state: PredictState; setTyped(answers: string[]): void; check(): void
}) {
  const typed = state.typed[k] ?? questions.map(() => '')
  const done = state.checked[k]
  const result = useRef<HTMLDivElement | null>(null)
  const right = Object.values(state.checked).filter(Boolean).length
  const asked = Object.keys(state.checked).length
  const onCheck = () => {
    check()
    // the focus leaves the inputs, so that the arrow keys step again
    setTimeout(() => result.current?.focus(), 0)
  }
  return (
    <div className="graph-predict" role="group" aria-label="Predict the grads">
      {questions.length === 0 ? (
        <p className="graph-muted">This step changes no Value grads to predict (Tensor grads are shown as heatmaps).</p>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); onCheck() }}>
          {questions.map((q, i) => {
            const ok = done !== undefined && isRight(parseAnswer(typed[i] ?? ''), q.answer)
            return (
              <label key={q.id} className="graph-predict-row">
                <code>{q.name}.grad =</code>
                <input data-testid="predict-input" inputMode="decimal" autoComplete="off" spellCheck={false}
                  aria-label={`${q.name}.grad after this step`} value={typed[i] ?? ''} readOnly={done !== undefined}
                  className={done === undefined ? '' : ok ? 'ok' : 'bad'}
                  onChange={(e) => setTyped(typed.map((t, j) => (j === i ? e.target.value : t)))} />
                {done !== undefined && <span className={ok ? 'graph-ok' : 'graph-bad'}>{ok ? '✓' : `✗ ${q.answer}`}</span>}
              </label>
            )
          })}
          {done === undefined && <button type="submit" className="graph-btn primary">Check</button>}
        </form>
      )}
      {done !== undefined && (
        <div ref={result} tabIndex={-1} className={`graph-predict-result ${done ? 'ok' : 'bad'}`} data-testid="predict-result" data-correct={String(done)}>
          {done ? 'Right! ' : 'Not quite: '}the rule with the numbers is below. Step forward (→) for the next one.
        </div>
      )}
      <p className="graph-score" aria-live="polite">Score: {right} of {asked} step{asked === 1 ? '' : 's'} right{asked ? ` (${short((100 * right) / asked, 3)}%)` : ''}</p>
    </div>
  )
}
