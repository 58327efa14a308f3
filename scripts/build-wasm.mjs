// Builds the WebAssembly kernels from their AssemblyScript source (assembly/*.ts) into .wasm-build/:
// each source twice, with plain SIMD and with relaxed SIMD. `--if-missing` (npm test, npm run
// bench) builds only when an output is missing or older than its source; `npm run build` always
// builds. The outputs are not checked in: the source is.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const OUT = join(root, '.wasm-build')
export const SOURCES = ['gemm', 'step']
export const FLAVOURS = { simd: ['--enable', 'simd'], relaxed: ['--enable', 'simd', '--enable', 'relaxed-simd'] }

export const outFile = (name, flavour) => join(OUT, `${name}-${flavour}.wasm`)

let built = false

export function buildWasm(ifMissing = false) {
  if (ifMissing && built) return
  built = true
  mkdirSync(OUT, { recursive: true })
  const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js')
  // an entry imports the other files: any newer source makes every output stale
  const dir = join(root, 'assembly')
  const newest = Math.max(...readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => statSync(join(dir, f)).mtimeMs))
  for (const name of SOURCES) {
    const src = join(dir, `${name}.ts`)
    for (const [flavour, flags] of Object.entries(FLAVOURS)) {
      const out = outFile(name, flavour)
      if (ifMissing && existsSync(out) && statSync(out).mtimeMs >= newest) continue
      execFileSync(process.execPath, [asc, src, '--outFile', out, '--runtime', 'stub', '-O3', '--noAssert', '--importMemory', ...flags], { stdio: 'inherit' })
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildWasm(process.argv.includes('--if-missing'))
