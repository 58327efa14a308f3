// The notebook store and the app's services, handed down to components.
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'
import type { NotebookState } from '../notebook/store.ts'
import type { CommandContext } from '../notebook/commands.ts'

export interface AppServices {
  store: StoreApi<NotebookState>
  /** the command context for a cell (or the notebook when no id is given) */
  ctx(cellId?: string): CommandContext
  focusCell(id: string): void
  registerEditor(id: string, focus: () => void): () => void
  /** re-run a cell while a number in it is turned (notebook/live-run.ts) */
  liveRun?(cellId: string): void
}

export const Services = createContext<AppServices | null>(null)

export function useServices(): AppServices {
  const s = useContext(Services)
  if (!s) throw new Error('Services missing')
  return s
}

export function useNotebook<T>(selector: (s: NotebookState) => T): T {
  return useStore(useServices().store, selector)
}
