// A long loop's progress under its cell: a bar, the count, the time so far and, while it runs,
// an estimate of the time left (from the average pace so far), and the rate when a unit is given.

export interface ProgressState {
  done: number
  total: number
  label?: string
  /** what is counted; its rate is shown */
  unit?: string
  elapsed: number
}

/** Milliseconds as a person reads them: 0.4 s, 12 s, 2 min 5 s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?'
  const s = ms / 1000
  if (s < 10) return `${s.toFixed(1)} s`
  if (s < 60) return `${Math.round(s)} s`
  const m = Math.floor(s / 60)
  const rest = Math.round(s - m * 60)
  return rest ? `${m} min ${rest} s` : `${m} min`
}

/** The time left at the pace so far, or undefined while there is too little to go on. */
export function timeLeft(p: ProgressState): number | undefined {
  if (p.done <= 0 || p.elapsed < 200 || p.done >= p.total) return undefined
  return (p.elapsed / p.done) * (p.total - p.done)
}

export function progressText(p: ProgressState, running: boolean): string {
  const fraction = Math.max(0, Math.min(1, p.done / p.total))
  const parts = [
    `${Math.floor(fraction * 100)}%`,
    `${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`,
    `${formatDuration(p.elapsed)}`,
  ]
  if (p.unit !== undefined && p.elapsed >= 200) parts.push(`${Math.round((p.done * 1000) / p.elapsed).toLocaleString('en')} ${p.unit}/s`)
  const left = running ? timeLeft(p) : undefined
  if (left !== undefined) parts.push(`about ${formatDuration(left)} left`)
  if (!running && p.done < p.total) parts.push('stopped')
  return (p.label ? `${p.label}: ` : '') + parts.join(' · ')
}

export function ProgressView({ progress, running }: { progress: ProgressState; running: boolean }) {
  const fraction = Math.max(0, Math.min(1, progress.done / progress.total))
  return (
    <div className="progress" data-testid="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={progress.label ?? 'progress'}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
      >
        {/* scaled, not resized: the compositor moves it, with no layout or paint of the page per frame */}
        <div className="progress-bar" style={{ transform: `scaleX(${fraction.toFixed(4)})` }} />
      </div>
      <span className="progress-text">{progressText(progress, running)}</span>
    </div>
  )
}
