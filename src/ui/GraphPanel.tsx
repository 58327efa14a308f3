// The graph panel lives in src/ui/graph/; this path stays for the app's import.
export { GraphPanel } from './graph/GraphPanel.tsx'
