// Before the browser tests: find a Chromium, or get Debian's through apt when running as root
// (Playwright cannot download its own browsers on this machine). Otherwise print the exact
// command and exit non-zero, so `npm test` on a fresh machine says what to do.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const command = 'apt-get update && apt-get install -y --no-install-recommends chromium'

if (!existsSync(path)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && !process.env.CHROMIUM_PATH && existsSync('/usr/bin/apt-get')) {
    console.log(`No Chromium at ${path}: installing Debian's (${command})…`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env })
  }
  if (!existsSync(path)) {
    console.error(`No Chromium at ${path}.
The browser tests drive Debian's Chromium (Playwright cannot download browsers here). Install it with
  sudo ${command.replace('&& apt-get', '&& sudo apt-get')}
or point CHROMIUM_PATH at another Chromium or Chrome binary.`)
    process.exit(1)
  }
}
