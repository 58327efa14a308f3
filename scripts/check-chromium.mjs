// Fails early, with the fix, when the browser tests have no Chromium to drive.
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!existsSync(path)) {
  console.error(`No Chromium at ${path}.
The browser tests drive Debian's Chromium (Playwright cannot download browsers here). Install it with
  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
or point CHROMIUM_PATH at another Chromium or Chrome binary.`)
  process.exit(1)
}
