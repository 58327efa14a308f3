// Suites that belong to other rooms (the sandbox's compile benchmark), listed in one place.
import type { Row } from './stats.ts'

export const suites: Array<[string, () => Row[] | Promise<Row[]>]> = []
