// Lint, and the rooms of ARCHITECTURE.md: one allow-list (scripts/lint/rooms.js) checked on every
// import, type-only imports told apart, no import cycles, import.meta.glob only where a build needs it.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import importX from 'eslint-plugin-import-x'
import { roomsRule } from './scripts/lint/rooms.js'

export default tseslint.config(
  // assembly/ is AssemblyScript (decorators on functions, <T> casts): asc checks it when it builds.
  { ignores: ['dist', '.bench-build', '.wasm-build', 'assembly', 'node_modules', 'test-results', 'playwright-report', '.*-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { house: { rules: { rooms: roomsRule } }, 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'house/rooms': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.type='MetaProperty'][property.name='glob']",
        message: 'import.meta.glob steps around the rooms: import what you need (tests that cross rooms live in src/integration/).',
      }],
    },
  },
  {
    files: ['src/engine/**'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'location'] },
  },
)
