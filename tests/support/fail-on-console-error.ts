import { afterEach, beforeEach, vi } from 'vitest'

// House rule: a test that logs console.error fails (docs/ARCHITECTURE.md#tests).
let logged: unknown[][] = []

beforeEach(() => {
  logged = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args)
  })
})

afterEach(() => {
  vi.mocked(console.error).mockRestore()
  if (logged.length > 0) {
    const first = logged[0]?.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
    throw new Error(`console.error was called ${logged.length} time(s): ${first}`)
  }
})

/** For a test that provokes an error on purpose: takes the logged errors matching `pattern` (and returns how many). */
export function takeConsoleErrors(pattern: RegExp): number {
  const before = logged.length
  logged = logged.filter((args) => !pattern.test(args.map(String).join(' ')))
  return before - logged.length
}
