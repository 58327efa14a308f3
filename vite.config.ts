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
    environment: 'node',
    // A 2-core machine running the build beside the tests: no test here is about time.
    testTimeout: 60_000,
    projects: [
      // e2e/*.spec.ts belong to Playwright, not Vitest.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'], exclude: ['**/*.relaxed.test.ts'] } },
      // The relaxed-SIMD kernels, in a Node started with the flag that Chromium does not need.
      { extends: true, test: { name: 'relaxed-simd', include: ['src/**/*.relaxed.test.ts'], pool: 'forks', execArgv: ['--experimental-wasm-relaxed-simd'] } },
    ],
  },
})
