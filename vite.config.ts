import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { sandboxWorker } from './scripts/vite-sandbox-worker.ts'
import { mnistAssets } from './scripts/mnist/vite-plugin.ts'
import { editorDts } from './scripts/editor-dts-plugin.ts'
import { contentSecurityPolicy, headerPolicy } from './scripts/vite-csp.ts'

export default defineConfig({
  plugins: [react(), sandboxWorker(), mnistAssets(), editorDts(), contentSecurityPolicy()],
  // The policy a host should send with the app (README, "Hosting"); preview sends it.
  preview: { headers: { 'Content-Security-Policy': headerPolicy() } },
  build: { target: 'es2022', sourcemap: true },
  test: {
    // e2e/*.spec.ts belong to Playwright, not Vitest.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
})
