// The stepper's commands, as data: one definition each, used by the buttons and the keys.

export interface StepCommand {
  id: string
  /** the button's accessible name (fixed by the contract) */
  label: string
  /** keys (KeyboardEvent.key) that run it while the graph panel has focus */
  keys: string[]
  /** the step it goes to from step k of n */
  target(k: number, n: number): number
}

export const stepCommands: Record<'first' | 'back' | 'forward' | 'last', StepCommand> = {
  first: { id: 'step-first', label: 'First step', keys: ['Home'], target: () => 0 },
  back: { id: 'step-back', label: 'Step back', keys: ['ArrowLeft'], target: (k) => Math.max(0, k - 1) },
  forward: { id: 'step-forward', label: 'Step forward', keys: ['ArrowRight'], target: (k, n) => Math.min(n, k + 1) },
  last: { id: 'step-last', label: 'Last step', keys: ['End'], target: (_k, n) => n },
}

/** The command a key runs, if any. */
export function stepCommandFor(key: string): StepCommand | undefined {
  return Object.values(stepCommands).find((c) => c.keys.includes(key))
}

/** Playback speeds, in steps per second. */
export const SPEEDS = [0.5, 1, 2, 4, 8, 16] as const
export const DEFAULT_SPEED = 2

/** Where Play starts: from the beginning when the stepper is at the end. */
export const playStart = (k: number, n: number): number => (k >= n ? 0 : k)
