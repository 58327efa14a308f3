import { defineConfig } from '@playwright/test'

// Debian's Chromium: Playwright cannot download its own browsers on this machine.
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
// E2E_PORT lets a second checkout run its browser tests beside a running preview.
const port = Number(process.env.E2E_PORT || 4173)

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0, // no retries, in CI too: a flaky test must show
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  webServer: {
    command: `npm run build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 600_000, // the build (wasm, Monaco) on a busy 2-core machine
  },
})
