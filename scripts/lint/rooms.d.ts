// Types for rooms.js (plain JavaScript, since eslint.config.js loads it without a build step).
export declare const ROOMS: Record<string, { value: string[]; types?: string[] }>
export declare function roomOf(rel: string): string | null
export declare function allowed(fromRel: string, targetRel: string, typeOnly: boolean): boolean
export declare const roomsRule: unknown
