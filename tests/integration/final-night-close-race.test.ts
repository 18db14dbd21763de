import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refusal } from '#app/modules/errors/errors.ts'
import { upsertScores } from '#app/modules/final-night/final-night.queries.server.ts'
import { createEvent, drawPitchOrder, moveEvent } from '#app/modules/final-night/final-night.server.ts'
import { declareConflict, saveScores } from '#app/modules/final-night/jury.server.ts'
import { holdVotingLock, shareVotingLock } from '#app/modules/final-night/voting-lock.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { createFinalists, createParticipant } from '#tests/factories/final-night.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// A juror's post racing the organiser's close (two connections, so PostgreSQL only: the
// embedded database has one). A participant cannot lock the event row, so posts and status
// changes meet on the event's advisory lock (voting-lock.server.ts): a post either lands
// before the close or is refused, posts do not wait for each other, a close waits for them.

let t: TestDatabase
let eventId = ''
let actor = { userId: '', name: '', ip: null as string | null }
let pitchIds: string[] = []
let criterionIds: string[] = []
const jurors: { id: string; email: string }[] = []
const now = new Date()

const national = <T>(fn: (trx: Trx) => Promise<T>) => withTenant(t.db, { national: true }, fn)
const status = () =>
  national(
    async (trx) =>
      (await trx.selectFrom('final_nights').select('status').where('id', '=', eventId).executeTakeFirstOrThrow())
        .status,
  )
const scoreCount = (jurorId: string, pitchId: string) =>
  national(async (trx) =>
    Number(
      (
        await trx
          .selectFrom('final_night_scores')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('event_id', '=', eventId)
          .where('juror_id', '=', jurorId)
          .where('pitch_id', '=', pitchId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  )
const post = (juror: { id: string }, pitchId: string, value: number) =>
  saveScores(
    t.db,
    { eventId, userId: juror.id, ip: null },
    pitchId,
    { key: randomUUID(), scores: criterionIds.map((criterion) => ({ criterion, score: value })) },
    now,
  )
const outcomeOf = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ done: value }),
    (error: unknown) => ({ refused: refusal(error).key }),
  )
/** Tracks whether a promise has settled, without awaiting it. */
function watch<T>(p: Promise<T>) {
  const state = { settled: false }
  p.then(
    () => {
      state.settled = true
    },
    () => {
      state.settled = true
    },
  )
  return state
}
/** Waits (inside `trx`, on the holding connection) until another session queues for an advisory lock in this database. */
async function someoneWaits(trx: Trx, deadlineMs = 3000): Promise<boolean> {
  const until = Date.now() + deadlineMs
  while (Date.now() < until) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from pg_locks
      where locktype = 'advisory' and not granted
        and database = (select oid from pg_database where datname = current_database())`.execute(trx)
    if (Number(rows[0]?.n ?? 0) > 0) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return false
}
async function reopen() {
  if ((await status()) !== 'voting') await moveEvent(t.db, actor, eventId, 'voting', now)
}

beforeAll(async () => {
  t = await createDemoDatabase(now)
  const fx = await t.asOwner((db) => provinceFixture(db, 'kalbar'))
  await t.asOwner((db) => db.deleteFrom('applications').execute())
  await t.asOwner((db) => createFinalists(db, fx, ['Koperasi Air Bersih Kapuas', 'Tenun Ikat Sintang', 'Kopi Kayong']))
  const ministry = await t.asOwner((db) =>
    db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('email', '=', 'ministry@demo.winner.id')
      .executeTakeFirstOrThrow(),
  )
  actor = { userId: ministry.id, name: ministry.name, ip: null }
  eventId = await createEvent(t.db, actor, {
    edition: fx.editionId,
    startsAt: '2026-12-20T19:00',
    venue: 'Balai Kartini',
    city: 'Jakarta',
    minutes: 5,
  })
  await drawPitchOrder(t.db, actor, eventId, now)
  for (const name of ['Juri Satu', 'Juri Dua'])
    jurors.push(await t.asOwner((db) => createParticipant(db, eventId, { name })))
  await moveEvent(t.db, actor, eventId, 'voting', now)
  pitchIds = (
    await national((trx) =>
      trx.selectFrom('final_night_pitches').select('id').where('event_id', '=', eventId).orderBy('position').execute(),
    )
  ).map((p) => p.id)
  criterionIds = (
    await national((trx) =>
      trx.selectFrom('final_night_criteria').select('id').where('event_id', '=', eventId).orderBy('position').execute(),
    )
  ).map((c) => c.id)
})
afterAll(() => t.close())

/**
 * Runs `hold` in a transaction on the owner's own connection and pauses it after the lock:
 * `started` resolves once it holds it, and the transaction goes on (to `finish`) only when
 * `go()` is called. The racing call must start outside this transaction's call chain
 * (the app refuses a pool query inside one), so the test starts it between the two.
 */
function holder<T>(
  scope: Parameters<typeof withTenant>[1],
  hold: (trx: Trx) => Promise<void>,
  finish: (trx: Trx) => Promise<T>,
) {
  let held: () => void = () => {}
  let go: () => void = () => {}
  const started = new Promise<void>((r) => {
    held = r
  })
  const proceed = new Promise<void>((r) => {
    go = r
  })
  const done = t.asOwner((db) =>
    withTenant(db, scope, async (trx) => {
      await hold(trx)
      held()
      await proceed
      return finish(trx)
    }),
  )
  return { started, go, done }
}

describe('a score post racing the close of voting', () => {
  it('two posts for different pitches share the lock and both land', async () => {
    const [juror] = jurors
    if (!juror) throw new Error('no juror')
    // Another post holds the shared lock throughout: neither post below may wait for it.
    const other = holder(
      { event: eventId, userId: juror.id },
      (trx) => shareVotingLock(trx, eventId),
      async () => {},
    )
    await other.started
    const both = await Promise.all([
      outcomeOf(post(juror, pitchIds[0] ?? '', 7)),
      outcomeOf(post(juror, pitchIds[1] ?? '', 8)),
    ])
    other.go()
    await other.done
    expect(both).toEqual([{ done: { already: false } }, { done: { already: false } }])
    expect(await scoreCount(juror.id, pitchIds[0] ?? '')).toBe(criterionIds.length)
    expect(await scoreCount(juror.id, pitchIds[1] ?? '')).toBe(criterionIds.length)
  })

  it('a post that starts while the close holds the lock waits, then is refused and writes nothing', async () => {
    await reopen()
    const juror = jurors[1]
    const pitch = pitchIds[2] ?? ''
    if (!juror) throw new Error('no juror')
    // The close, on its own connection: takes the lock, changes the status once the post waits, commits.
    const close = holder(
      { national: true, event: eventId },
      (trx) => holdVotingLock(trx, eventId),
      async (trx) => {
        const waited = await someoneWaits(trx)
        await trx
          .updateTable('final_nights')
          .set({ status: 'closed', voting_closed_at: now })
          .where('id', '=', eventId)
          .execute()
        return waited
      },
    )
    await close.started
    const outcome = outcomeOf(post(juror, pitch, 9))
    close.go()
    const waited = await close.done
    expect(await outcome).toEqual({ refused: 'final-night:errors.votingClosed' })
    expect(waited).toBe(true)
    expect(await scoreCount(juror.id, pitch)).toBe(0)
    expect(await status()).toBe('closed')
  })

  it('a conflict declared while a status change holds the lock waits for it', async () => {
    await reopen()
    const juror = jurors[1]
    const pitch = pitchIds[0] ?? ''
    if (!juror) throw new Error('no juror')
    let declared: { settled: boolean } = { settled: false }
    const change = holder(
      { national: true, event: eventId },
      (trx) => holdVotingLock(trx, eventId),
      async (trx) => ({ waited: await someoneWaits(trx), settledEarly: declared.settled }),
    )
    await change.started
    const declaring = declareConflict(t.db, { eventId, userId: juror.id, ip: null }, pitch, 'invested')
    declared = watch(declaring)
    change.go()
    expect(await change.done).toEqual({ waited: true, settledEarly: false })
    await declaring
  })

  it('a close waits for a post in flight, which lands before it', async () => {
    await reopen()
    const juror = jurors[0]
    const pitch = pitchIds[2] ?? ''
    if (!juror) throw new Error('no juror')
    let closing: { settled: boolean } = { settled: false }
    // The post in flight, on its own connection: shares the lock, writes its scores, commits once the close waits.
    const inFlight = holder(
      { event: eventId, userId: juror.id },
      async (trx) => {
        await shareVotingLock(trx, eventId)
        await upsertScores(
          trx,
          eventId,
          pitch,
          juror.id,
          criterionIds.map((criterionId) => ({ criterionId, score: 6 })),
          now,
        )
      },
      async (trx) => ({ waited: await someoneWaits(trx), settledEarly: closing.settled }),
    )
    await inFlight.started
    const close = moveEvent(t.db, actor, eventId, 'closed', now)
    closing = watch(close)
    inFlight.go()
    expect(await inFlight.done).toEqual({ waited: true, settledEarly: false })
    await close
    expect(await status()).toBe('closed')
    expect(await scoreCount(juror.id, pitch)).toBe(criterionIds.length)
  })
})
