import { z } from 'zod'
import { calendarDay, optionalLines, requiredText } from '#app/modules/validation/fields.ts'

// The MoU forms (issue 15), parsed at the route boundary with conform. Messages are
// translation keys of the `mou` namespace.

export const E = {
  required: 'mou:errors.required' as const,
  tooLong: 'mou:errors.tooLong' as const,
  choose: 'mou:errors.choose' as const,
  agencies: 'mou:errors.agencies' as const,
  date: 'mou:errors.date' as const,
  endBeforeStart: 'mou:errors.endBeforeStart' as const,
  confirm: 'mou:errors.confirm' as const,
  comment: 'mou:errors.comment' as const,
  quarter: 'mou:errors.quarter' as const,
  signatories: 'mou:errors.signatories' as const,
}

const text = (max: number) => requiredText(max, E)
const lines = (max: number) =>
  optionalLines(max, E.tooLong).pipe(z.string({ required_error: E.required }).min(1, E.required))
const id = z.string({ required_error: E.choose }).uuid(E.choose)
const day = calendarDay({ required: E.date, date: E.date })
/** A field sent once or repeated: always a list. */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item))

export const PAGE_SIZE = 20

/** The terms of a draft: what its creation sets and its editing changes. */
const terms = { title: text(200), scope: lines(4000), starts_on: day }
const endAfterStart = (v: { starts_on: string; ends_on?: string }, ctx: z.RefinementCtx) => {
  if (v.ends_on && v.ends_on <= v.starts_on) {
    ctx.addIssue({ code: 'custom', path: ['ends_on'], message: E.endBeforeStart })
  }
}

export const createMouSchema = z
  .object({
    intent: z.literal('create'),
    application: id,
    agencies: list(z.string().uuid(E.agencies)).pipe(z.array(z.string()).min(1, E.agencies)),
    ...terms,
    // Empty: one year from the start (mou-rules.ts, defaultEndOn).
    ends_on: day.optional(),
  })
  .superRefine(endAfterStart)
export type CreateMouInput = z.infer<typeof createMouSchema>

/** Correcting a draft's title, scope and term (a negotiated MoU is reopened first). */
export const editMouSchema = z.object({ intent: z.literal('edit'), ...terms, ends_on: day }).superRefine(endAfterStart)
export type EditMouInput = z.infer<typeof editMouSchema>

/** The transitions that need nothing but the button. */
export const transitionSchema = z.object({
  intent: z.literal('transition'),
  to: z.enum(['negotiate', 'reopen', 'activate', 'complete', 'expire'], { errorMap: () => ({ message: E.choose }) }),
})

const signer = { name: text(120), role: text(120) }

/** Signing: the date, the venture's signatory and one signatory per agency party (with its id). */
export const signSchema = z
  .object({
    intent: z.literal('sign'),
    signed_on: day,
    venture_name: signer.name,
    venture_role: signer.role,
    agency_opd: list(id),
    agency_name: list(signer.name),
    agency_role: list(signer.role),
  })
  .superRefine((v, ctx) => {
    if (
      v.agency_opd.length === 0 ||
      v.agency_name.length !== v.agency_opd.length ||
      v.agency_role.length !== v.agency_opd.length
    ) {
      ctx.addIssue({ code: 'custom', path: ['agency_name'], message: E.signatories })
    }
  })
export type SignInput = z.infer<typeof signSchema>
/** The signing form as the browser holds it: the fields plus the signed PDF (checked by content on the server). */
export const signFormSchema = z.object({ document: z.unknown().optional() })

export const terminateSchema = z.object({
  intent: z.literal('terminate'),
  reason: lines(2000),
  confirm: z.literal('yes', { errorMap: () => ({ message: E.confirm }) }),
})

export const deliverableSchema = z.object({ intent: z.literal('deliverable'), title: text(300), due_on: day })
export type DeliverableInput = z.infer<typeof deliverableSchema>

export const deliverableDoneSchema = z.object({ intent: z.literal('deliverableDone'), deliverable: id })

export const reviewReportSchema = z
  .object({
    intent: z.literal('review'),
    report: id,
    decision: z.enum(['accept', 'return'], { errorMap: () => ({ message: E.choose }) }),
    comment: optionalLines(2000, E.tooLong),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: E.comment })
  })
export type ReviewReportInput = z.infer<typeof reviewReportSchema>

export const joinSchema = z.object({
  intent: z.literal('join'),
  opd: id,
  joined_on: day,
  signer_name: signer.name,
  signer_role: signer.role,
})
export type JoinInput = z.infer<typeof joinSchema>

/** The venture's quarterly report (a new one, or a returned one written again). */
export const reportSchema = z.object({
  intent: z.literal('report'),
  mou: id,
  quarter: z.number({ required_error: E.quarter, invalid_type_error: E.quarter }).int(E.quarter).min(1, E.quarter),
  body: lines(4000),
})
export type ReportInput = z.infer<typeof reportSchema>
