import { parseWithZod } from '@conform-to/zod'
import { forbidden, invalid, refusal } from '#app/modules/errors/errors.ts'
import type { AppAbility } from '#app/modules/permissions/abilities.ts'
import type { DB } from '#db/client.ts'
import { canRecommend, canRecordMinistryReplication } from './access.ts'
import {
  ministryReplicationSchema,
  provinceReplicationSchema,
  recommendSchema,
  statusSchema,
} from './replication.schema.ts'
import {
  changeReplicationStatus,
  type ProvinceActor,
  recommendInnovation,
  recordMinistryReplication,
  recordProvinceReplication,
} from './replication.server.ts'

// The intents of the replication pages (issue 15), one function each, shared by the
// province routes (routes/p.$province.replications.*) and the national ones
// (routes/national.replications.*): parse with the form's schema, call one workflow,
// and answer a redirect (Post/Redirect/Get) or the form again with its errors.

export interface Reply {
  form: string
  errors?: Record<string, string[] | null>
  refused?: string
  /** What was typed, so a refused form comes back filled in (the pages do not hydrate). */
  values?: Record<string, string>
}
export type Outcome = { redirect: string } | { reply: Reply; status: number }

const typed = (formData: FormData) =>
  Object.fromEntries([...formData.entries()].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))

async function run(form: string, formData: FormData, change: () => Promise<string>): Promise<Outcome> {
  try {
    return { redirect: await change() }
  } catch (error) {
    const no = refusal(error)
    const values = typed(formData)
    if (no.field) return { reply: { form, errors: { [no.field]: [no.key] }, values }, status: 400 }
    return { reply: { form, refused: no.key, values }, status: no.status }
  }
}

const bad = (
  form: string,
  formData: FormData,
  errors: Record<string, string[] | null> | null | undefined,
): Outcome => ({
  reply: { form, errors: errors ?? {}, values: typed(formData) },
  status: 400,
})

/** Bappeda records a replication (the province page's one intent). */
export async function runRecordIntent(
  db: DB,
  province: { slug: string },
  actor: ProvinceActor,
  formData: FormData,
): Promise<Outcome> {
  const submission = parseWithZod(formData, { schema: provinceReplicationSchema })
  if (submission.status !== 'success') return bad('record', formData, submission.error)
  const input = submission.value
  return run('record', formData, async () => {
    const id = await recordProvinceReplication(db, actor, input)
    return `/p/${province.slug}/replications/${id}?done=recorded`
  })
}

/** The recording side moves a replication's status on. */
export async function runStatusIntent(
  db: DB,
  province: { slug: string },
  actor: ProvinceActor,
  id: string,
  formData: FormData,
): Promise<Outcome> {
  const submission = parseWithZod(formData, { schema: statusSchema })
  if (submission.status !== 'success') return bad('status', formData, submission.error)
  const { status } = submission.value
  return run('status', formData, async () => {
    await changeReplicationStatus(db, actor, id, status)
    return `/p/${province.slug}/replications/${id}?done=status`
  })
}

export interface NationalActor {
  userId: string
  ip: string | null
}

/** The national pages' intents: the ministry's recommendation, and a ministry unit's replication. */
export async function runNationalIntent(
  db: DB,
  ability: AppAbility,
  actor: NationalActor,
  formData: FormData,
  now: Date,
  back: string,
): Promise<Outcome> {
  const intent = String(formData.get('intent'))
  if (intent === 'recommend') {
    if (!canRecommend(ability)) throw forbidden()
    const submission = parseWithZod(formData, { schema: recommendSchema })
    if (submission.status !== 'success') return bad('recommend', formData, submission.error)
    const { innovation, recommended } = submission.value
    return run('recommend', formData, async () => {
      await recommendInnovation(db, actor, innovation, recommended === 'yes', now)
      return `${back}${back.includes('?') ? '&' : '?'}done=${recommended === 'yes' ? 'recommended' : 'unrecommended'}`
    })
  }
  if (intent === 'record') {
    if (!canRecordMinistryReplication(ability)) throw forbidden()
    const submission = parseWithZod(formData, { schema: ministryReplicationSchema })
    if (submission.status !== 'success') return bad('record', formData, submission.error)
    const input = submission.value
    return run('record', formData, async () => {
      await recordMinistryReplication(db, actor, input)
      return `/national/replications/${input.innovation}?done=recorded`
    })
  }
  // A tampered button: the error page says so (400).
  throw invalid('errors.badRequestBody')
}
