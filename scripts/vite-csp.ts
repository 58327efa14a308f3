// A Vite plugin for the app's Content-Security-Policy (src/sandbox/csp.ts): the built index.html
// gets it as a <meta>, and `vite preview` sends it as a header (with frame-ancestors, which only
// a header can carry), and the build writes the header to dist/_headers (the format Netlify and
// Cloudflare Pages read) for hosts. Not in `vite dev`, which injects inline scripts of its own.
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'
import { appPolicy } from '../src/sandbox/csp.ts'
import { frameScriptText } from '../src/sandbox/frame.ts'

export const frameHash = () => createHash('sha256').update(frameScriptText(), 'utf8').digest('base64')
export const headerPolicy = () => appPolicy([frameHash()], { header: true })

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n  Content-Security-Policy: ${headerPolicy()}\n` })
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [{
        tag: 'meta', injectTo: 'head-prepend',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: appPolicy([frameHash()], { header: false }) },
      }],
    },
  }
}
