import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName, withDatabase } from '#tests/support/databases.ts'

// The production server configured as docs/DEPLOYMENT.md says: its pool through a
// transaction-mode PgBouncer (DATABASE_POOLER=transaction), migrations and the demo seed
// as the owner over a direct connection (DATABASE_OWNER_URL).
const name = uniqueName('winner_pooled')
let app: AppProcess

beforeAll(async () => {
  const bouncer = inject('pgbouncerUrl')
  if (!testServerUrl || !bouncer) throw new Error('run with vitest.pgbouncer.config.ts')
  const direct = await createDatabase(testServerUrl, name)
  app = await startAppProcess({
    env: {
      DATABASE_URL: withDatabase(bouncer, name),
      DATABASE_POOLER: 'transaction',
      DATABASE_OWNER_URL: direct,
      SEED_DEMO: '1',
    },
    timeoutMs: 120_000,
  })
})
afterAll(async () => {
  await app?.stop()
  await dropDatabase(testServerUrl as string, name)
})

describe('the server behind PgBouncer', () => {
  it('answers health, public pages and a signed-in national page', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
    const portal = await fetch(`${app.url}/p/kalbar`)
    expect(portal.status).toBe(200)
    expect(await portal.text()).toContain('Kalimantan Barat')

    const login = await fetch(`${app.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
      body: new URLSearchParams({ email: 'ministry@demo.winner.id', password: DEMO_PASSWORD }),
    })
    expect(login.status).toBe(302)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string
    const national = await fetch(`${app.url}/national`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(national.status).toBe(200)
    expect(await national.text()).toContain('Kalimantan Barat')
    expect(app.output()).not.toMatch(/prepared statement|unsupported startup parameter/)
  })
})
