import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Invalidation, listenInvalidation, localInvalidation } from '#app/server/invalidation.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'
import { startTcpProxy, type TcpProxy } from '#tests/support/tcp-proxy.ts'

// Cache invalidation between server processes (app/server/invalidation.ts,
// docs/decisions/023-one-process-per-core.md): two "processes" in one test, each with its
// own listener, against a real PostgreSQL. The second listens through a TCP relay so the
// test can take its connection away as a database restart does.

const run = testServerUrl ? describe : describe.skip
let name: string
let url: string
let proxy: TcpProxy
let notify: postgres.Sql
const opened: Invalidation[] = []
const errors: string[] = []

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  if (!testServerUrl) return
  name = uniqueName('winner_listen')
  url = await createDatabase(testServerUrl, name)
  const direct = new URL(url)
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
  notify = postgres(url, { max: 2, onnotice: () => {} })
})

afterAll(async () => {
  for (const i of opened) await i.close()
  await notify?.end()
  await proxy?.close()
  if (testServerUrl && name) await dropDatabase(testServerUrl, name)
})

function open(listenUrl: string): Invalidation {
  const i = listenInvalidation({
    listenUrl,
    notify,
    onError: (error, what) => errors.push(`${what}: ${(error as Error).message}`),
    maxRetryMs: 200,
  })
  opened.push(i)
  return i
}

run('invalidation across processes (LISTEN/NOTIFY)', () => {
  it('runs the sender’s handlers at once, once, and the other process’s on NOTIFY; channels stay apart', async () => {
    const a = open(url)
    const b = open(url)
    const heardA: (string | null)[] = []
    const heardB: (string | null)[] = []
    const otherB: (string | null)[] = []
    await a.onInvalidate('winner_portal', (p) => heardA.push(p))
    await b.onInvalidate('winner_portal', (p) => heardB.push(p))
    await b.onInvalidate('winner_provinces', (p) => otherB.push(p))
    expect(a.listening()).toBe(true)

    a.broadcast('winner_portal', 'kalbar')
    // The sender's own cache is dropped before broadcast returns: its next request renders anew.
    expect(heardA).toEqual(['kalbar'])
    await until(() => heardB.length === 1)
    expect(heardB).toEqual(['kalbar'])
    b.broadcast('winner_portal', '*')
    await until(() => heardA.length === 2)
    // Each handler ran once per broadcast: a process ignores its own NOTIFY coming back.
    await new Promise((r) => setTimeout(r, 200))
    expect(heardA).toEqual(['kalbar', '*'])
    expect(heardB).toEqual(['kalbar', '*'])
    expect(otherB).toEqual([])
  })

  it('listens again after losing its connection and then tells every handler to drop everything', async () => {
    const sender = open(url)
    const viaProxy = new URL(url)
    viaProxy.port = String(proxy.port)
    const listener = open(viaProxy.toString())
    const heard: (string | null)[] = []
    await sender.onInvalidate('winner_portal', () => {})
    await listener.onInvalidate('winner_portal', (p) => heard.push(p))

    // A restart: the connection drops and new ones are refused for a while.
    await proxy.cut()
    await until(() => !listener.listening())
    // Sent while nobody listened: lost, which is why the listener drops everything once back.
    sender.broadcast('winner_portal', 'banten')
    await new Promise((r) => setTimeout(r, 300))
    expect(heard).toEqual([])
    await proxy.restore()
    await until(() => listener.listening() && heard.length === 1)
    expect(heard).toEqual([null])
    expect(errors.some((e) => e.startsWith('listen:'))).toBe(true)

    sender.broadcast('winner_portal', 'kalbar')
    await until(() => heard.length === 2)
    expect(heard).toEqual([null, 'kalbar'])
  })
})

describe('invalidation in one process (the embedded database)', () => {
  it('runs the handlers of the channel only, and refuses a channel that is no plain identifier', async () => {
    const local = localInvalidation()
    const heard: (string | null)[] = []
    await local.onInvalidate('winner_portal', (p) => heard.push(p))
    await local.onInvalidate('winner_provinces', () => heard.push('wrong channel'))
    local.broadcast('winner_portal', 'kalbar')
    expect(heard).toEqual(['kalbar'])
    expect(local.listening()).toBe(false)
    await expect(local.onInvalidate('portal; drop table x', () => {})).rejects.toThrow(/channel must match/)
  })
})
