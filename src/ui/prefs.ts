// The page's small preferences (theme, panel width) in localStorage, where the browser allows it:
// in a frame with third-party storage blocked, touching localStorage throws, and a preference is
// not worth a blank page.
export function readPref(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null
  }
}

export function writePref(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    // kept for this page only
  }
}
