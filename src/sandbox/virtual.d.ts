declare module 'virtual:sandbox-worker' {
  /** The sandbox worker's bundled source, started from a Blob inside the sandbox frame. */
  const source: string
  export default source
}
