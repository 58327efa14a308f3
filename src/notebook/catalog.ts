// The bundled examples, as the UI lists them: ui/ reaches examples/ only through notebook/.
export { examples, exampleById } from '../examples/index.ts'
