// The rooms of ARCHITECTURE.md, enforced: each room may import only the rooms below it.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const room = (name) => [`**/${name}`, `**/${name}/**`, `../${name}/**`, `./${name}/**`]
const rule = (forbidden, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: forbidden.flatMap(room), message }] }],
})

export default tseslint.config(
  // assembly/ is AssemblyScript (decorators on functions, <T> casts): asc checks it when it builds.
  { ignores: ['dist', '.bench-build', '.wasm-build', 'assembly', 'node_modules', 'test-results', 'playwright-report', '.*-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      ...rule(['sandbox', 'notebook', 'graph', 'editor', 'ui', 'examples'], 'engine/ imports nothing outside engine/.'),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'location'],
    },
  },
  { files: ['src/examples/**'], rules: rule(['engine', 'sandbox', 'notebook', 'graph', 'editor', 'ui'], 'examples/ are data: they import nothing.') },
  { files: ['src/sandbox/**'], rules: rule(['notebook', 'graph', 'editor', 'ui', 'examples'], 'sandbox/ may import engine/ and its own protocol only.') },
  { files: ['src/graph/**'], rules: rule(['engine', 'notebook', 'editor', 'ui', 'examples'], 'graph/ may import only snapshot types from the sandbox protocol.') },
  { files: ['src/editor/**'], rules: rule(['sandbox', 'notebook', 'graph', 'ui', 'examples'], 'editor/ may import engine types only.') },
  { files: ['src/notebook/**'], rules: rule(['graph', 'editor', 'ui'], 'notebook/ may import sandbox/, examples/ and engine types.') },
  { files: ['src/ui/**'], rules: rule(['engine'], 'ui/ reaches the engine only through notebook/ and the sandbox.') },
)
