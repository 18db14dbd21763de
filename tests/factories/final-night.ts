import { randomBytes } from 'node:crypto'
import { snapshotVenture } from '#app/modules/applications/application.queries.server.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ParticipantKind, SelectionStatus } from '#db/schema.ts'
import { createApplicant, createUser } from './accounts.ts'
import type { ProvinceFixture } from './demo.ts'
import { createVenture } from './ventures.ts'

// Fixtures for the Final Night tests and benchmark (issue 14), written through the
// app's scopes: a province's finalists in a selection at a given status, and
// participants of an event who already accepted their invitation. Imports nothing
// from vitest, so the benchmark (plain tsx) uses it too.

let counter = 0
const JUSTIFICATION = 'Dampak sosial terukur dan model usaha yang berkelanjutan.'

/** Applications of the province's call picked as finalists, in a selection with `status` (published by default). */
export async function createFinalists(
  owner: DB,
  fx: Pick<ProvinceFixture, 'province' | 'editionId' | 'callId' | 'issues'>,
  ventures: string[],
  status: SelectionStatus = 'published',
) {
  const made: { id: string; venture: string; applicant: { id: string; email: string } }[] = []
  for (const venture of ventures) {
    counter += 1
    const email = `finalis.${counter}.${fx.province.slug}@fixture.example.id`
    const applicantId = await createApplicant(owner, fx.province.id, {
      email,
      name: `Finalis ${venture}`,
      phone: '081200000000',
    })
    const ventureId = await createVenture(owner, fx.province.id, applicantId, {
      name: venture,
      legal_form: 'koperasi',
      stage: 'operating',
    })
    const at = new Date(Date.now() - 30 * 86_400_000)
    const id = await withTenant(owner, { provinceId: fx.province.id }, async (trx) => {
      const snapshot = await snapshotVenture(trx, fx.province.id, ventureId, at)
      const row = await trx
        .insertInto('applications')
        .values({
          province_id: fx.province.id,
          edition_id: fx.editionId,
          call_id: fx.callId,
          applicant_id: applicantId,
          venture_id: ventureId,
          issue_id: fx.issues[counter % fx.issues.length]?.id ?? fx.issues[0]?.id ?? '',
          status: 'in_review',
          problem: `Masalah yang diselesaikan ${venture}`,
          submitted_at: at,
          receipt_number: `WNR-FN-${fx.province.slug.toUpperCase()}-${counter}`,
          consent_at: at,
          consent_version: 1,
          venture_snapshot_id: snapshot,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
    made.push({ id, venture, applicant: { id: applicantId, email } })
  }
  await withTenant(owner, { provinceId: fx.province.id }, async (trx) => {
    await trx
      .insertInto('selections')
      .values({ province_id: fx.province.id, call_id: fx.callId, status })
      .onConflict((oc) => oc.columns(['province_id', 'call_id']).doUpdateSet({ status }))
      .execute()
    for (const m of made) {
      await trx
        .insertInto('selection_entries')
        .values({
          province_id: fx.province.id,
          call_id: fx.callId,
          application_id: m.id,
          stage: 'finalist',
          justification: JUSTIFICATION,
        })
        .execute()
      if (status === 'published')
        await trx
          .updateTable('applications')
          .set({ status: 'finalist' })
          .where('province_id', '=', fx.province.id)
          .where('id', '=', m.id)
          .execute()
    }
  })
  return made
}

/** A user who accepted an invitation to the event as a juror or guest (no membership). */
export async function createParticipant(
  owner: DB,
  eventId: string,
  spec: { name: string; email?: string; kind?: ParticipantKind; password?: string },
) {
  counter += 1
  const email = spec.email ?? `participant.${counter}@fixture.example.id`
  const userId = await createUser(owner, { email, name: spec.name, password: spec.password })
  await withTenant(owner, { national: true, event: eventId }, (trx) =>
    trx
      .insertInto('final_night_participants')
      .values({
        event_id: eventId,
        kind: spec.kind ?? 'juror',
        affiliation: 'investor',
        email,
        name: spec.name,
        user_id: userId,
        token_hash: hashToken(randomBytes(32).toString('base64url')),
        expires_at: new Date(Date.now() + 86_400_000),
        accepted_at: new Date(),
      })
      .execute(),
  )
  return { id: userId, email }
}
