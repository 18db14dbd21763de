import { z } from 'zod'
import { calendarDay, optionalLines, optionalText, requiredText } from '#app/modules/validation/fields.ts'
import { needsChanges, REPLICATION_FORMS, REPLICATION_STATUSES, type ReplicationForm } from './replication-rules.ts'

// The replication forms (issue 15), parsed at the route boundary with conform. Messages
// are translation keys of the `replication` namespace.

export const E = {
  required: 'replication:errors.required' as const,
  tooLong: 'replication:errors.tooLong' as const,
  choose: 'replication:errors.choose' as const,
  date: 'replication:errors.date' as const,
  email: 'replication:errors.email' as const,
  phone: 'replication:errors.phone' as const,
  contact: 'replication:errors.contact' as const,
  changes: 'replication:errors.changes' as const,
}

const text = (max: number) => requiredText(max, E)
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: E.choose }) })
const id = z.string({ required_error: E.choose }).uuid(E.choose)
const email = optionalText(254, E.tooLong).pipe(z.string().email(E.email).optional())
const phone = optionalText(20, E.tooLong).pipe(
  z
    .string()
    .regex(/^\+?[0-9][0-9 -]{5,18}$/, E.phone)
    .optional(),
)

/** What every replication says, whoever records it. */
const replicationFields = {
  innovation: id,
  form: choice(REPLICATION_FORMS),
  changes: optionalLines(2000, E.tooLong),
  agencyName: text(200),
  agencyUnit: optionalText(200, E.tooLong),
  startedOn: calendarDay(E),
  status: choice(REPLICATION_STATUSES),
  contactName: text(120),
  contactEmail: email,
  contactPhone: phone,
}

/** An adaptation or modification says what changed; someone can be reached by mail or phone. */
function complete(
  v: { form: string; changes?: string; contactEmail?: string; contactPhone?: string },
  ctx: z.RefinementCtx,
): void {
  if (needsChanges(v.form as ReplicationForm) && !v.changes)
    ctx.addIssue({ code: 'custom', path: ['changes'], message: E.changes })
  if (!v.contactEmail && !v.contactPhone) ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: E.contact })
}

/** Bappeda records a replication by its province or by one of its kabupaten/kota (`regency` empty: the province). */
export const provinceReplicationSchema = z
  .object({
    intent: z.literal('record'),
    ...replicationFields,
    regency: z
      .string()
      .regex(/^[0-9]{4}$/, E.choose)
      .optional(),
  })
  .superRefine(complete)

/** The ministry records a replication by one of its units (e.g. a Kemensos centre). */
export const ministryReplicationSchema = z
  .object({ intent: z.literal('record'), ...replicationFields })
  .superRefine(complete)

export const statusSchema = z.object({ intent: z.literal('status'), status: choice(REPLICATION_STATUSES) })

export const recommendSchema = z.object({
  intent: z.literal('recommend'),
  innovation: id,
  recommended: z.enum(['yes', 'no'], { errorMap: () => ({ message: E.choose }) }),
})

export type ProvinceReplicationInput = z.infer<typeof provinceReplicationSchema>
export type MinistryReplicationInput = z.infer<typeof ministryReplicationSchema>
