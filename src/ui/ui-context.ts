// What the page's parts tell each other that is not notebook state: whether this is the embed
// view, and how to open the keyboard-shortcut help.
import { createContext, useContext } from 'react'

export interface UiActions {
  embed: boolean
  openHelp(): void
}

export const Ui = createContext<UiActions>({ embed: false, openHelp: () => {} })

export const useUi = () => useContext(Ui)
