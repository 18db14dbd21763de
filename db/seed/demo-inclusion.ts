import type { Kysely } from 'kysely'
import type { DeclareInput } from '#app/modules/inclusion/inclusion.schema.ts'
import { declare, loadOwnDeclarations } from '#app/modules/inclusion/inclusion.server.ts'
import { AGE_BANDS, type AgeBand, type Disability, type Gender } from '#app/modules/inclusion/inclusion-rules.ts'
import type { Database } from '../schema.ts'

// Inclusion self-declarations for the demo (issue 16): every applicant who submitted in a
// demo-edition province consents and declares for themselves and their team, through
// the workflow, so /national/inclusion shows figures — and, with a few dozen people,
// cells under 5 that it suppresses. The answers follow a fixed pattern (many women-led
// ventures and young teams, as in the seed articles about the programme), with
// "prefer not to say" and disability present but rare. Idempotent: an applicant who
// declared is left alone.

const GENDER_CYCLE: Gender[] = ['female', 'female', 'male', 'female', 'male', 'prefer_not', 'male']
const AGE_CYCLE: AgeBand[] = ['25_34', 'under_25', '25_34', '35_44', 'under_25', '45_54', '25_34', 'prefer_not']
const DISABILITY_CYCLE: Disability[] = ['no', 'no', 'no', 'no', 'no', 'no', 'yes', 'no', 'prefer_not', 'no']

function answers(k: number) {
  return {
    gender: GENDER_CYCLE[k % GENDER_CYCLE.length] as Gender,
    age_band: AGE_CYCLE[k % AGE_CYCLE.length] ?? AGE_BANDS[1],
    disability: DISABILITY_CYCLE[k % DISABILITY_CYCLE.length] as Disability,
  }
}

export async function seedDemoInclusion(db: Kysely<Database>, now = new Date()): Promise<void> {
  const edition = await db.selectFrom('editions').select('id').where('slug', '=', 'demo-current').executeTakeFirst()
  if (!edition) return
  const applicants = await db
    .selectFrom('applications')
    .select(['province_id', 'applicant_id'])
    .distinct()
    .where('edition_id', '=', edition.id)
    .where('submitted_at', 'is not', null)
    .orderBy('province_id')
    .orderBy('applicant_id')
    .execute()
  let k = 0
  for (const a of applicants) {
    const owner = { provinceId: a.province_id, userId: a.applicant_id }
    const own = await loadOwnDeclarations(db, owner)
    k += 1
    if (!own.venture || own.self) continue
    const input: DeclareInput = {
      intent: 'declare',
      consent: 'on',
      self: answers(k),
      members: own.members.map((m, i) => ({ id: m.id, ...answers(k * 3 + i + 1) })),
    }
    await declare(db, { ...owner, ip: null, now }, input)
  }
}
