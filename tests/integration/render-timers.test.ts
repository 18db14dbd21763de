import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDemoDatabase } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// A document render arms a timer that aborts React if the render hangs. Left armed after
// the answer went out, it kept the whole render (tree, chunks, loader data) alive for six
// seconds per request — hundreds of them under load, all surviving into the old
// generation. No timer our server code arms during a request may outlive its response.

const serverBundle = path.join(projectRoot, 'build/server/')

let t: TestDatabase
beforeAll(async () => {
  t = await createDemoDatabase(new Date())
})
afterAll(async () => {
  vi.restoreAllMocks()
  await t.close()
})

describe('document renders', () => {
  it('leave no timer of ours armed behind them, signed in or not', async () => {
    const ministry = await signedIn(t.db, 'ministry@demo.winner.id')
    const armed = new Set<unknown>()
    const realSet = globalThis.setTimeout
    const realClear = globalThis.clearTimeout
    // Timers our own server code arms (the bundle), not the database pool's.
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...args: unknown[]) => {
      const id = realSet(fn, ms, ...args)
      if (new Error().stack?.includes(serverBundle)) armed.add(id)
      return id
    }) as typeof setTimeout)
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((id?: Parameters<typeof clearTimeout>[0]) => {
      armed.delete(id)
      realClear(id)
    }) as typeof clearTimeout)

    const visits: [string, Record<string, string>][] = [
      ['/login', {}],
      ['/national', ministry],
      ['/p/kalbar', { Cookie: 'winner-test=uncached' }],
      ['/p/nowhere', {}],
    ]
    for (const [pathname, headers] of visits) {
      const res = await request(pathname, { db: t.db, headers })
      expect(res.headers.get('Content-Type') ?? '', pathname).toContain('text/html')
      expect(await res.text(), pathname).toContain('<h1')
    }
    vi.mocked(globalThis.setTimeout).mockRestore()
    vi.mocked(globalThis.clearTimeout).mockRestore()
    expect(armed.size).toBe(0)
  })
})
