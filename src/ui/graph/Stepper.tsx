// The backward stepper: first, back, play/pause, forward, last, a slider, the status and the speed.
import { useEffect, useMemo, useState } from 'react'
import { DEFAULT_SPEED, playStart, SPEEDS, stepCommands } from '../../graph/stepper.ts'

export interface Player {
  on: boolean
  speed: number
  toggle(): void
  stop(): void
  setSpeed(s: number): void
}

/** Play/Pause: one step every 1/speed seconds until the last step. */
export function usePlayer(k: number, n: number, setStep: (k: number) => void): Player {
  const [on, setOn] = useState(false)
  const [speed, setSpeed] = useState<number>(DEFAULT_SPEED)
  useEffect(() => {
    if (!on) return
    if (k >= n) {
      setOn(false)
      return
    }
    const t = setTimeout(() => setStep(k + 1), 1000 / speed)
    return () => clearTimeout(t)
  }, [on, k, n, speed, setStep])
  return useMemo(() => ({
    on, speed, setSpeed,
    stop: () => setOn(false),
    toggle: () => {
      if (on) return setOn(false)
      setStep(playStart(k, n))
      setOn(true)
    },
  }), [on, speed, k, n, setStep])
}

/** Small inline icons: the font may lack ⏮ and ⏭. */
const ICONS: Record<string, string> = {
  first: 'M3 2h2v12H3zM14 2v12L6 8z',
  back: 'M12 2v12L4 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  forward: 'M4 2v12l8-6z',
  last: 'M11 2h2v12h-2zM2 2v12l8-6z',
}
const Icon = ({ name }: { name: string }) => (
  <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d={ICONS[name]} fill="currentColor" /></svg>
)

export function Stepper({ k, n, go, playing }: { k: number; n: number; go(k: number): void; playing: Player }) {
  const c = stepCommands
  return (
    <div className="graph-stepper" role="group" aria-label="Backward stepper">
      <button type="button" className="graph-btn icon" onClick={() => go(c.first.target(k, n))} disabled={k === 0} aria-label={c.first.label} title={`${c.first.label} (Home)`}><Icon name="first" /></button>
      <button type="button" className="graph-btn icon" onClick={() => go(c.back.target(k, n))} disabled={k === 0} aria-label={c.back.label} title={`${c.back.label} (←)`}><Icon name="back" /></button>
      <button type="button" className="graph-btn icon play" onClick={playing.toggle} aria-label={playing.on ? 'Pause' : 'Play'} title={playing.on ? 'Pause (Space)' : 'Play (Space)'}>
        <Icon name={playing.on ? 'pause' : 'play'} />
      </button>
      <button type="button" className="graph-btn icon" onClick={() => go(c.forward.target(k, n))} disabled={k === n} aria-label={c.forward.label} title={`${c.forward.label} (→)`}><Icon name="forward" /></button>
      <button type="button" className="graph-btn icon" onClick={() => go(c.last.target(k, n))} disabled={k === n} aria-label={c.last.label} title={`${c.last.label} (End)`}><Icon name="last" /></button>
      <input type="range" min={0} max={n} value={k} onChange={(e) => go(Number(e.target.value))} aria-label="Step" className="graph-slider" />
      <span className="graph-status" data-testid="step-status" aria-live="polite">Step {k} of {n}</span>
      <label className="graph-speed">
        <span className="graph-muted">Speed</span>
        <select aria-label="Playback speed" value={playing.speed} onChange={(e) => playing.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s} step{s === 1 ? '' : 's'}/s</option>)}
        </select>
      </label>
    </div>
  )
}
