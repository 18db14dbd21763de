import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptInvitation, createInvitation } from '#app/modules/auth/invitations.server.ts'
import { createMou, moveMou, terminateMou } from '#app/modules/cocreation/mou.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { decideMeasurement } from '#app/modules/impact/impact.server.ts'
import { decideRequest, fileRequest, setOfficer } from '#app/modules/privacy/privacy.server.ts'
import { changeReplicationStatus } from '#app/modules/replication/replication.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { type InnovationFixture, recordInnovation } from '#tests/factories/innovations.ts'
import { type Finalist, publishFinalists } from '#tests/factories/mentoring.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Guarded writes (docs/ARCHITECTURE.md#errors): a state transition whose object was moved
// on by someone else is refused with its localised key and writes nothing — never "done"
// for nothing, never a 500. Each case moves the object out of the state the operation
// expects with the module's own workflow (as a concurrent actor would), then runs the
// stale operation. Then true races on two connections (PostgreSQL only: the embedded
// database has one): a replication moved while another admin's change was under way
// (its read takes no lock, so the UPDATE's own guard decides), two MoU transitions and
// two accepts of one invitation link (exactly one wins).

const now = new Date()
let t: TestDatabase
let kalbar: ProvinceFixture
let finalist: Finalist
let innovation: InnovationFixture
let adminId = ''
let ministryId = ''
const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const inKalbar = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  owner((db) => withTenant(db, { provinceId: kalbar.province.id }, fn))
const userId = (email: string) =>
  owner(
    async (db) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id,
  )
const audits = (action: string) =>
  owner(async (db) => (await db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length)
/** The operation's outcome: done, or the refusal's key (anything else — a bug — fails the test). */
const outcome = (run: Promise<unknown>) =>
  run.then(
    () => 'done',
    (error: unknown) => refusal(error).key,
  )
const mouActor = () => ({
  provinceId: kalbar.province.id,
  userId: adminId,
  ip: null,
  now,
  timeZone: 'Asia/Pontianak',
})
const newMou = () =>
  createMou(t.db, mouActor(), {
    application: finalist.id,
    agencies: [kalbar.opdId],
    title: 'Air bersih desa bersama Dinas PUPR',
    scope: 'Koperasi membangun sarana air bersih; dinas memfasilitasi lokasi dan izin.',
    starts_on: now.toISOString().slice(0, 10),
  })
const mouRow = (id: string) =>
  owner((db) =>
    db.selectFrom('mous').select(['status', 'terminated_reason']).where('id', '=', id).executeTakeFirstOrThrow(),
  )
const newReplication = () =>
  inKalbar(async (trx) => {
    const row = await trx
      .insertInto('replications')
      .values({
        province_id: kalbar.province.id,
        origin_province_id: kalbar.province.id,
        innovation_id: innovation.id,
        innovation_title: 'Air bersih Kapuas',
        level: 'regency',
        regency_code: '6108',
        form: 'adoption',
        agency_name: 'Dinas PUPR Kabupaten Kapuas Hulu',
        started_on: now.toISOString().slice(0, 10),
        status: 'planned',
        contact_name: 'Yohanes Ansel',
        contact_email: 'pupr.kapuashulu@example.id',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
const replicationStatus = (id: string) =>
  owner(
    async (db) =>
      (await db.selectFrom('replications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
  )
const newMeasurement = () =>
  inKalbar(async (trx) => {
    const row = await trx
      .insertInto('impact_measurements')
      .values({
        province_id: kalbar.province.id,
        innovation_id: innovation.id,
        application_indicator_id: innovation.applicationIndicatorId,
        value: 120,
        measured_on: now.toISOString().slice(0, 10),
        source: 'Catatan koperasi',
        entered_by: finalist.applicant.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
/** Invites the address and answers the token of the link in its mail. */
const invitation = async (email: string) => {
  await createInvitation(
    t.db,
    {
      province: { id: kalbar.province.id, slug: 'kalbar', name: 'Kalimantan Barat' },
      email,
      name: 'Penilai Undangan',
      role: 'reviewer',
      opdId: kalbar.opdId,
      inviter: { id: adminId, name: 'Bappeda Kalbar' },
      locale: 'id',
    },
    { ip: null, origin: 'http://localhost', now },
  )
  const mail = await owner((db) =>
    db.selectFrom('mail_outbox').select('body_text').where('to_email', '=', email).executeTakeFirstOrThrow(),
  )
  return /\/p\/kalbar\/invite\/([\w-]+)/.exec(mail.body_text)?.[1] ?? ''
}
const invitee = { name: 'Penilai Undangan', password: 'kata-sandi-panjang-sekali-2026', locale: 'id' as const }
const meta = { ip: null, origin: 'http://localhost', now }

beforeAll(async () => {
  t = await createDemoDatabase(now)
  kalbar = await owner((db) => provinceFixture(db, 'kalbar'))
  const finalists = await owner((db) => publishFinalists(db, kalbar, ['Koperasi Air Kapuas']))
  finalist = finalists[0] as Finalist
  innovation = await owner((db) =>
    recordInnovation(db, kalbar, finalist, { title: 'Air bersih Kapuas', isPublic: false, startedOn: '2026-01-05' }),
  )
  adminId = await userId('bappeda.kalbar@demo.winner.id')
  ministryId = await userId('ministry@demo.winner.id')
  await setOfficer(t.db, ministryId, ministryId, true, meta)
})
afterAll(() => t.close())

interface StaleCase {
  name: string
  /** Makes the object and answers its id. */
  make: () => Promise<string>
  /** Someone else moves it out of the state the stale operation expects. */
  moveOn: (id: string) => Promise<unknown>
  /** The stale operation. */
  stale: (id: string) => Promise<unknown>
  refusedWith: string | null
  /** What the row holds afterwards: the concurrent actor's write, untouched. */
  after: (id: string) => Promise<unknown>
  expected: unknown
}

const cases: StaleCase[] = [
  {
    name: 'a MoU negotiated after it was terminated',
    make: newMou,
    moveOn: (id) => terminateMou(t.db, mouActor(), id, 'Dinas mundur dari kerja sama.'),
    stale: (id) => moveMou(t.db, mouActor(), id, 'negotiate'),
    refusedWith: 'mou:refused.illegal',
    after: mouRow,
    expected: { status: 'terminated', terminated_reason: 'Dinas mundur dari kerja sama.' },
  },
  {
    name: 'a replication completed after it was stopped',
    make: newReplication,
    moveOn: (id) => changeReplicationStatus(t.db, { provinceId: kalbar.province.id, userId: adminId }, id, 'stopped'),
    stale: (id) => changeReplicationStatus(t.db, { provinceId: kalbar.province.id, userId: adminId }, id, 'running'),
    refusedWith: 'replication:errors.status',
    after: replicationStatus,
    expected: 'stopped',
  },
  {
    name: 'a measurement confirmed after it was returned',
    make: newMeasurement,
    moveOn: (id) =>
      decideMeasurement(
        t.db,
        { provinceId: kalbar.province.id, userId: adminId },
        innovation.id,
        id,
        {
          confirm: false,
          reason: 'Sumber data belum dilampirkan.',
        },
        'http://localhost:3000/p/kalbar/impact',
      ),
    stale: (id) =>
      decideMeasurement(
        t.db,
        { provinceId: kalbar.province.id, userId: adminId },
        innovation.id,
        id,
        {
          confirm: true,
        },
        'http://localhost:3000/p/kalbar/impact',
      ),
    refusedWith: 'impact:errors.decided',
    after: (id) =>
      owner((db) =>
        db
          .selectFrom('impact_measurements')
          .select(['status', 'return_reason'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ),
    expected: { status: 'returned', return_reason: 'Sumber data belum dilampirkan.' },
  },
  {
    name: 'a privacy request granted after it was refused',
    make: () =>
      fileRequest(
        t.db,
        finalist.applicant.id,
        { kind: 'objection', details: 'Saya keberatan atas profil publik.' },
        meta,
      ),
    moveOn: (id) =>
      decideRequest(t.db, ministryId, id, { decision: 'refused', reason: 'Profil publik diwajibkan aturan.' }, meta),
    stale: (id) => decideRequest(t.db, ministryId, id, { decision: 'granted', reason: 'Dikabulkan.' }, meta),
    refusedWith: 'privacy:errors.alreadyDecided',
    after: (id) =>
      owner((db) =>
        db
          .selectFrom('privacy_requests')
          .select(['status', 'decision_reason'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ),
    expected: { status: 'refused', decision_reason: 'Profil publik diwajibkan aturan.' },
  },
]

describe('a stale transition is refused and writes nothing', () => {
  it.each(cases)('$name', async (c) => {
    const id = await c.make()
    await c.moveOn(id)
    const audited = await owner(async (db) => (await db.selectFrom('audit_log').select('id').execute()).length)
    expect(await outcome(c.stale(id))).toBe(c.refusedWith)
    expect(await c.after(id)).toEqual(c.expected)
    // Refused in its transaction: not even its audit line was kept.
    expect(await owner(async (db) => (await db.selectFrom('audit_log').select('id').execute()).length)).toBe(audited)
  })

  it('an invitation link used by someone else is spent: the second accept gets nothing', async () => {
    const token = await invitation('penilai.basi@example.id')
    expect(await acceptInvitation(t.db, kalbar.province.id, token, invitee, meta)).toEqual(expect.any(String))
    expect(await acceptInvitation(t.db, kalbar.province.id, token, invitee, meta)).toBeNull()
    expect(await audits('invitation.accepted')).toBe(1)
  })
})

describe('races on two connections', () => {
  it('a replication moved on while another change was under way: the late UPDATE matches no row and is refused', async () => {
    const id = await newReplication()
    let held: () => void = () => {}
    const lockHeld = new Promise<void>((resolve) => {
      held = resolve
    })
    // The other admin's change: written, not yet committed, while ours reads "planned".
    const other = inKalbar(async (trx) => {
      await trx.updateTable('replications').set({ status: 'stopped' }).where('id', '=', id).execute()
      held()
      await new Promise((r) => setTimeout(r, 300))
    })
    await lockHeld
    const ours = outcome(
      changeReplicationStatus(t.db, { provinceId: kalbar.province.id, userId: adminId }, id, 'running'),
    )
    await other
    expect(await ours).toBe('replication:errors.changedMeanwhile')
    expect(await replicationStatus(id)).toBe('stopped')
  })

  it('two MoU transitions at once: exactly one wins, the other is refused', async () => {
    const id = await newMou()
    const before = await audits('mou.negotiate')
    const results = await Promise.all([
      outcome(moveMou(t.db, mouActor(), id, 'negotiate')),
      outcome(moveMou(t.db, mouActor(), id, 'negotiate')),
    ])
    expect(results.sort()).toEqual(['done', 'mou:refused.illegal'])
    expect((await mouRow(id)).status).toBe('negotiated')
    expect(await audits('mou.negotiate')).toBe(before + 1)
  })

  it('two accepts of one invitation link at once: exactly one account gets the role', async () => {
    const token = await invitation('penilai.balapan@example.id')
    const results = await Promise.all([
      acceptInvitation(t.db, kalbar.province.id, token, invitee, meta),
      acceptInvitation(t.db, kalbar.province.id, token, { ...invitee, name: 'Penilai Kedua' }, meta),
    ])
    expect(results.filter((r) => r !== null)).toHaveLength(1)
    const members = await owner((db) =>
      db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select('u.name')
        .where('u.email', '=', 'penilai.balapan@example.id')
        .execute(),
    )
    expect(members).toHaveLength(1)
  })
})
