import type { Insertable } from 'kysely'
import { expect } from 'vitest'
import { snapshotVenture } from '#app/modules/applications/application.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { Database } from '#db/schema.ts'
import { postForm } from '#tests/support/render.ts'

// An application written as the owner, past the forms (one that left the draft stage
// carries the snapshot of its venture taken at submission, as submit does), or a draft
// started through the app.

type ApplicationValues = Insertable<Database['applications']>

export type ApplicationSpec = Pick<
  ApplicationValues,
  'province_id' | 'edition_id' | 'call_id' | 'applicant_id' | 'venture_id' | 'issue_id' | 'status'
> &
  Partial<Omit<ApplicationValues, 'venture_snapshot_id'>>

/** An application of the call; submitted (at `submitted_at`, else now) unless it is a draft. */
export async function createApplication(owner: DB, spec: ApplicationSpec): Promise<string> {
  return withTenant(owner, { provinceId: spec.province_id }, async (trx) => {
    const submittedAt = spec.submitted_at ? new Date(spec.submitted_at) : new Date()
    const snapshot =
      spec.status === 'draft' ? null : await snapshotVenture(trx, spec.province_id, spec.venture_id, submittedAt)
    const row = await trx
      .insertInto('applications')
      .values({ ...spec, venture_snapshot_id: snapshot })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

/** Starts a draft through the app, as the applicant's start form does; answers its id. */
export async function startDraft(
  db: DB,
  headers: Record<string, string>,
  issueId: string,
  options: { province?: string; now?: Date } = {},
): Promise<string> {
  const res = await postForm(
    `/p/${options.province ?? 'kalbar'}/apply`,
    { issue_id: issueId },
    { db, headers, now: options.now },
  )
  expect(res.status).toBe(302)
  return res.headers.get('location')?.split('/')[4] ?? ''
}
