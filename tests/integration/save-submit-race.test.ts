import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockOwnApplication, snapshotVenture } from '#app/modules/applications/application.queries.server.ts'
import { saveSection } from '#app/modules/applications/application.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createApplicant } from '#tests/factories/accounts.ts'
import { startDraft } from '#tests/factories/applications.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// A section save that races the application's submission (two connections, so PostgreSQL
// only: the embedded database has one). The deadline surge found a save acknowledged while
// the submission's commit made its UPDATE match no row: "saved" on screen, nothing stored.
// A save must either be stored or refused, never acknowledged for nothing.

const seededAt = new Date()
let t: TestDatabase
let owner = { provinceId: '', userId: '' }
let id = ''

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  const email = 'pendaftar.balapan@example.id'
  let issue = ''
  await t.asOwner(async (db) => {
    const fixture = await provinceFixture(db, 'kalbar')
    issue = fixture.issues[0]?.id ?? ''
    const userId = await createApplicant(db, fixture.province.id, { email, name: 'Pendaftar Balapan' })
    await createVenture(db, fixture.province.id, userId, { name: 'Usaha Balapan' })
    owner = { provinceId: fixture.province.id, userId }
  })
  id = await startDraft(t.db, await signedIn(t.db, email), issue, { province: 'kalbar', now: seededAt })
})
afterAll(() => t.close())

describe('a section save racing the submission', () => {
  it('is refused, not acknowledged, when the submission commits first', async () => {
    let locked: () => void = () => {}
    const lockHeld = new Promise<void>((resolve) => {
      locked = resolve
    })
    // The submission: holds the row, leaves the draft state, commits a moment later.
    const submission = t.asOwner((db) =>
      withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
        const draft = await lockOwnApplication(trx, owner, id)
        const snapshot = await snapshotVenture(trx, owner.provinceId, draft?.venture_id ?? '', seededAt)
        await trx
          .updateTable('applications')
          .set({
            status: 'submitted',
            submitted_at: seededAt,
            consent_at: seededAt,
            receipt_number: 'WNR-UJI-0001',
            venture_snapshot_id: snapshot,
          })
          .where('id', '=', id)
          .execute()
        locked()
        await new Promise((r) => setTimeout(r, 300))
      }),
    )
    await lockHeld
    const save = saveSection(
      t.db,
      { ...owner, ip: null },
      id,
      'problem',
      { problem: 'Diketik saat dikirim.' },
      seededAt,
    )
    const outcome = await save.then(
      (value) => ({ saved: value }),
      (error: unknown) => ({ refused: refusal(error).key }),
    )
    await submission
    expect(outcome).toEqual({ refused: 'apply:readOnly.notDraft' })
    const row = await t.asOwner((db) =>
      db.selectFrom('applications').select(['status', 'problem']).where('id', '=', id).executeTakeFirstOrThrow(),
    )
    expect(row.status).toBe('submitted')
    expect(row.problem).not.toBe('Diketik saat dikirim.')
  })
})
