import { randomBytes } from 'node:crypto'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ParticipantKind, SelectionStatus } from '#db/schema.ts'
import { createUser } from './accounts.ts'
import type { ProvinceFixture } from './demo.ts'
import { createApplicationInReview } from './selection.ts'

// Fixtures for the Final Night tests (issue 14), written through the app's scopes:
// a province's finalists in a selection at a given status, and participants of an
// event who already accepted their invitation.

let counter = 0
const JUSTIFICATION = 'Dampak sosial terukur dan model usaha yang berkelanjutan.'

/** Applications of the province's call picked as finalists, in a selection with `status` (published by default). */
export async function createFinalists(
  owner: DB,
  fx: ProvinceFixture,
  ventures: string[],
  status: SelectionStatus = 'published',
) {
  const made: { id: string; venture: string; applicant: { id: string; email: string } }[] = []
  for (const venture of ventures) {
    counter += 1
    const app = await createApplicationInReview(
      owner,
      { provinceId: fx.province.id, editionId: fx.editionId, callId: fx.callId },
      {
        venture,
        applicant: `Finalis ${venture}`,
        issueId: fx.issues[counter % fx.issues.length]?.id ?? fx.issues[0]?.id ?? '',
        receipt: `WNR-FN-${fx.province.slug.toUpperCase()}-${counter}`,
      },
    )
    made.push({ id: app.id, venture, applicant: app.applicant })
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
