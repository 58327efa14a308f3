declare module 'virtual:simplegrad-engine-dts' {
  /** The engine's declarations as one global script (scripts/editor-dts-plugin.ts, src/editor/dts-gen.ts). */
  const declarations: string
  export default declarations
}
