import { parseWithZod } from '@conform-to/zod'
import { forbidden, invalid, refusal } from '#app/modules/errors/errors.ts'
import type { AppAbility } from '#app/modules/permissions/abilities.ts'
import type { DB } from '#db/client.ts'
import { canConfirmMeasurement, canMeasure, type ImpactKey } from './access.ts'
import { confirmSchema, measurementSchema, returnSchema } from './impact.schema.ts'
import { decideMeasurement, type ImpactActor, type ProvinceZone, recordMeasurement } from './impact.server.ts'

// The intents of an innovation's impact page (routes/p.$province.impact.$innovation.tsx):
// the venture's measurement, Bappeda's confirmation or return. Each checks its predicate
// against the innovation, parses its schema, calls one workflow, and answers a redirect
// (Post/Redirect/Get) or the form again with its errors.

export interface Reply {
  form: string
  errors?: Record<string, string[] | null>
  refused?: string
  values?: Record<string, string>
}
export type Outcome = { redirect: string } | { reply: Reply; status: number }

export interface ImpactPageContext {
  db: DB
  ability: AppAbility
  actor: ImpactActor
  province: ProvinceZone & { slug: string }
  innovation: ImpactKey & { id: string }
  now: Date
  /** The public origin, for the link in the venture's mail. */
  origin: string
}

const typed = (formData: FormData) =>
  Object.fromEntries([...formData.entries()].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))

async function run(form: string, formData: FormData, change: () => Promise<unknown>, done: string): Promise<Outcome> {
  try {
    await change()
    return { redirect: done }
  } catch (error) {
    const no = refusal(error)
    const values = typed(formData)
    if (no.field) return { reply: { form, errors: { [no.field]: [no.key] }, values }, status: 400 }
    return { reply: { form, refused: no.key, values }, status: no.status }
  }
}

const bad = (form: string, formData: FormData, errors: Record<string, string[] | null> | null | undefined) => ({
  reply: { form, errors: errors ?? {}, values: typed(formData) },
  status: 400,
})

type Intent = (c: ImpactPageContext, formData: FormData) => Promise<Outcome>
const here = (c: ImpactPageContext) => `/p/${c.province.slug}/impact/${c.innovation.id}`
const pageLink = (c: ImpactPageContext) => `${c.origin}${here(c)}`

const measure: Intent = async (c, formData) => {
  if (!canMeasure(c.ability, c.innovation)) throw forbidden()
  const submission = parseWithZod(formData, { schema: measurementSchema })
  if (submission.status !== 'success') return bad('measure', formData, submission.error)
  const input = submission.value
  return run(
    'measure',
    formData,
    () => recordMeasurement(c.db, c.actor, c.province, c.innovation.id, input, c.now),
    `${here(c)}?done=measured`,
  )
}

const confirm: Intent = async (c, formData) => {
  if (!canConfirmMeasurement(c.ability, c.innovation)) throw forbidden()
  const submission = parseWithZod(formData, { schema: confirmSchema })
  if (submission.status !== 'success') return bad('decide', formData, submission.error)
  const { measurement } = submission.value
  return run(
    `decide:${measurement}`,
    formData,
    () => decideMeasurement(c.db, c.actor, c.innovation.id, measurement, { confirm: true }, pageLink(c)),
    `${here(c)}?done=confirmed`,
  )
}

const giveBack: Intent = async (c, formData) => {
  if (!canConfirmMeasurement(c.ability, c.innovation)) throw forbidden()
  const submission = parseWithZod(formData, { schema: returnSchema })
  const form = `decide:${String(formData.get('measurement'))}`
  if (submission.status !== 'success') return bad(form, formData, submission.error)
  const { measurement, reason } = submission.value
  return run(
    form,
    formData,
    () => decideMeasurement(c.db, c.actor, c.innovation.id, measurement, { confirm: false, reason }, pageLink(c)),
    `${here(c)}?done=returned`,
  )
}

const INTENTS: Record<string, Intent> = { measure, confirm, return: giveBack }

/** Runs the impact page's intent; an unknown one is bad input. */
export function runImpactIntent(c: ImpactPageContext, formData: FormData): Promise<Outcome> {
  const name = String(formData.get('intent'))
  if (!Object.hasOwn(INTENTS, name)) throw invalid('errors.badRequestBody')
  return (INTENTS[name] as Intent)(c, formData)
}
