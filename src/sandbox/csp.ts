// The app page's Content-Security-Policy: nothing leaves the page. Scripts, styles, images, fonts
// and connections come from the app's own origin only (MNIST is fetched from it); no plugins, no
// forms elsewhere, no <base>. The sandbox frame (srcdoc) and its Blob worker inherit this policy
// on top of their own (frame.ts), so it allows what they need and nothing more: the frame's one
// inline script by its hash, the Blob worker, and in that worker eval (a cell's code is run with
// `new AsyncFunction`) and WebAssembly compile ('wasm-unsafe-eval'). The page itself never
// evaluates user code. Inline style attributes stay allowed (Monaco, KaTeX and React set them);
// they cannot load anything, since img-src and font-src allow no other origin.

/** The policy; `frameScriptHashes` are the base64 SHA-256 of the frame's inline script. */
export function appPolicy(frameScriptHashes: string[], opts: { header: boolean }): string {
  const hashes = frameScriptHashes.map((h) => `'sha256-${h}'`).join(' ')
  const rules = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' ${hashes}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ]
  // Embeds are the point of ?embed=1: any site may frame the app. Only a header can say so
  // (browsers ignore frame-ancestors in a <meta> policy).
  if (opts.header) rules.push('frame-ancestors *')
  return rules.join('; ')
}
