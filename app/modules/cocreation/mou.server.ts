import type { Language } from '#app/i18n/config.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { expectWritten, notFound, refused } from '#app/modules/errors/errors.ts'
import { checkFile, type FileRefusal, postgresStorage } from '#app/modules/storage/storage.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import {
  activeOpdIds,
  countMous,
  countMousByProvince,
  findFinalist,
  findMou,
  findOwnFinalist,
  listAgencyOptions,
  listDeliverables,
  listFinalistOptions,
  listMous,
  listMousOfApplication,
  listParties,
  listProvinceAdmins,
  listReports,
  listSignatories,
  lockMou,
  setMouStatus,
} from './mou.queries.server.ts'
import type {
  CreateMouInput,
  DeliverableInput,
  EditMouInput,
  JoinInput,
  ReportInput,
  ReviewReportInput,
  SignInput,
} from './mou.schema.ts'
import { enqueueMouMail } from './mou-mail.server.ts'
import {
  defaultEndOn,
  IN_FORCE,
  isDeliverableOverdue,
  localDay,
  MOU_STATUSES,
  type MouStatus,
  type MouTransition,
  quarterPeriod,
  reportableQuarters,
  TRANSITION_TABLE,
  transitionProblem,
  transitionsFrom,
} from './mou-rules.ts'

// The MoU workflows (issue 15): one transaction each, an audit entry for every change,
// refusals from the error module. Bappeda acts for the agencies; the venture (the
// applicant owning the finalist application) writes the quarterly reports
// (docs/decisions/013). "Today" is the province's own calendar day.

/** Who changes a MoU, where, from which address, and when (the province's zone gives "today"). */
export interface MouActor {
  provinceId: string
  userId: string
  ip: string | null
  now: Date
  timeZone: string
}

const today = (a: MouActor) => localDay(a.now, a.timeZone)

/** The signed MoU is a PDF document, whatever the file is called. */
const SIGNED_TYPES = ['application/pdf'] as const
export const SIGNED_REFUSAL = {
  field: 'document',
  keys: {
    empty: 'mou:errors.documentRequired',
    tooLarge: 'mou:errors.documentTooLarge',
    type: 'mou:errors.documentNotPdf',
  },
} as const satisfies FileRefusal

function record(trx: Trx, a: MouActor, action: string, mouId: string, details: Record<string, unknown>) {
  return audit(trx, {
    actorId: a.userId,
    action: `mou.${action}`,
    objectType: 'mou',
    objectId: mouId,
    provinceId: a.provinceId,
    ip: a.ip,
    details,
  })
}

async function lockedMou(trx: Trx, a: MouActor, mouId: string) {
  const mou = await lockMou(trx, a.provinceId, mouId)
  if (!mou) throw notFound('mou')
  return { ...mou, status: mou.status as MouStatus }
}

/** One page of the province's MoUs and what the "new MoU" form offers. */
export function loadMouList(db: DB, provinceId: string, page: number, size: number) {
  return withTenant(db, { provinceId }, async (trx) => {
    const total = await countMous(trx, provinceId)
    const { limit, offset, ...shown } = pageWindow(page, total, size)
    return {
      rows: await listMous(trx, provinceId, { limit, offset }),
      total,
      ...shown,
      finalists: await listFinalistOptions(trx, provinceId),
      agencies: await listAgencyOptions(trx, provinceId),
    }
  })
}

/** Every province's MoUs counted by status, with reports waiting and deliverables done (ministry, ERAT). */
export function loadNationalMous(db: DB) {
  return withTenant(db, { national: true }, async (trx) =>
    (await countMousByProvince(trx)).map((p) => ({
      slug: p.slug,
      name: p.name,
      total: Number(p.total),
      byStatus: Object.fromEntries(MOU_STATUSES.map((s) => [s, Number(p[s])])) as Record<MouStatus, number>,
      reportsWaiting: Number(p.reports_waiting),
      deliverables: Number(p.deliverables),
      deliverablesDone: Number(p.deliverables_done),
    })),
  )
}

/** Starts a MoU as a draft between a finalist venture and agencies of the province. */
export function createMou(db: DB, a: MouActor, input: Omit<CreateMouInput, 'intent'>): Promise<string> {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    if (!(await findFinalist(trx, a.provinceId, input.application))) throw refused('mou:refused.notFinalist')
    const agencies = [...new Set(input.agencies)]
    if ((await activeOpdIds(trx, a.provinceId, agencies)).length !== agencies.length) {
      throw refused('mou:errors.agencies', { status: 400, field: 'agencies' })
    }
    const endsOn = input.ends_on ?? defaultEndOn(input.starts_on)
    const row = await trx
      .insertInto('mous')
      .values({
        province_id: a.provinceId,
        application_id: input.application,
        title: input.title,
        scope: input.scope,
        starts_on: input.starts_on,
        ends_on: endsOn,
        created_by: a.userId,
        status_changed_at: a.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('mou_parties')
      .values(agencies.map((opd_id) => ({ province_id: a.provinceId, mou_id: row.id, opd_id, added_by: a.userId })))
      .execute()
    await record(trx, a, 'created', row.id, {
      application: input.application,
      agencies,
      startsOn: input.starts_on,
      endsOn,
    })
    return row.id
  })
}

/** A MoU with its parties, signatories, deliverables and reports, for Bappeda, ministry and ERAT. */
export function loadMou(db: DB, provinceId: string, mouId: string, now: Date, timeZone: string) {
  return withTenant(db, { provinceId }, async (trx) => {
    const mou = await findMou(trx, provinceId, mouId)
    if (!mou) throw notFound('mou')
    const day = localDay(now, timeZone)
    const [parties, signatories, deliverables, reports, agencies] = await Promise.all([
      listParties(trx, provinceId, mouId),
      listSignatories(trx, provinceId, mouId),
      listDeliverables(trx, provinceId, mouId),
      listReports(trx, provinceId, mouId),
      listAgencyOptions(trx, provinceId),
    ])
    const status = mou.status as MouStatus
    return {
      mou: { ...mou, status },
      transitions: transitionsFrom(status),
      parties,
      signatories,
      deliverables: deliverables.map((d) => ({ ...d, overdue: isDeliverableOverdue(d, day) })),
      reports: reports.map((r) => ({ ...r, period: quarterPeriod(mou.starts_on, mou.ends_on, r.quarter) })),
      // Agencies that may still join: active OPDs of the province not yet party to it.
      joinable: IN_FORCE.includes(status) ? agencies.filter((o) => !parties.some((p) => p.opd_id === o.id)) : [],
      today: day,
    }
  })
}

/** Corrects a draft's title, scope and term; once negotiated, it must be reopened first. */
export function editMou(db: DB, a: MouActor, mouId: string, input: Omit<EditMouInput, 'intent'>) {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    const mou = await lockedMou(trx, a, mouId)
    if (mou.status !== 'draft') throw refused('mou:refused.notDraft')
    expectWritten(
      await trx
        .updateTable('mous')
        .set({ title: input.title, scope: input.scope, starts_on: input.starts_on, ends_on: input.ends_on })
        .where('province_id', '=', a.provinceId)
        .where('id', '=', mouId)
        .where('status', '=', 'draft')
        .executeTakeFirst(),
      'mou:refused.notDraft',
    )
    await record(trx, a, 'edited', mouId, {
      from: { title: mou.title, startsOn: mou.starts_on, endsOn: mou.ends_on },
      to: { title: input.title, startsOn: input.starts_on, endsOn: input.ends_on },
    })
  })
}

/** A transition that needs nothing but the button: negotiate, reopen, activate, complete, expire. */
export function moveMou(db: DB, a: MouActor, mouId: string, transition: Exclude<MouTransition, 'sign' | 'terminate'>) {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    const mou = await lockedMou(trx, a, mouId)
    const problem = transitionProblem(transition, mou, today(a))
    if (problem) throw refused(problem)
    const to = TRANSITION_TABLE[transition].to
    expectWritten(await setMouStatus(trx, a.provinceId, mouId, { from: mou.status, to }, a.now), 'mou:refused.illegal')
    await record(trx, a, transition, mouId, { from: mou.status, to })
  })
}

/** Signs a negotiated MoU: the signed PDF (checked by content), the date and the signatories of both sides. */
export async function signMou(
  db: DB,
  a: MouActor,
  mouId: string,
  input: Omit<SignInput, 'intent'>,
  document: { name: string; bytes: Uint8Array },
) {
  // Refuse a wrong file before opening a transaction.
  checkFile({ ...document, createdBy: a.userId, accept: SIGNED_TYPES, refusal: SIGNED_REFUSAL })
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    const mou = await lockedMou(trx, a, mouId)
    const problem = transitionProblem('sign', mou, today(a), input.signed_on)
    if (problem)
      throw refused(problem, problem === 'mou:refused.illegal' ? undefined : { status: 400, field: 'signed_on' })
    const parties = await listParties(trx, a.provinceId, mouId)
    const named = new Set(input.agency_opd)
    // Every founding agency signs, once; an agency not party to the MoU is not found.
    if (
      named.size !== input.agency_opd.length ||
      parties.length !== named.size ||
      !parties.every((p) => named.has(p.opd_id))
    ) {
      throw refused('mou:errors.signatories', { status: 400, field: 'agency_name' })
    }
    const file = await postgresStorage.put(trx, a.provinceId, {
      ...document,
      createdBy: a.userId,
      accept: SIGNED_TYPES,
    })
    await trx
      .insertInto('mou_signatories')
      .values([
        {
          province_id: a.provinceId,
          mou_id: mouId,
          side: 'venture',
          opd_id: null,
          name: input.venture_name,
          role: input.venture_role,
        },
        ...input.agency_opd.map((opd, i) => ({
          province_id: a.provinceId,
          mou_id: mouId,
          side: 'agency' as const,
          opd_id: opd,
          name: input.agency_name[i] as string,
          role: input.agency_role[i] as string,
        })),
      ])
      .execute()
    expectWritten(
      await setMouStatus(trx, a.provinceId, mouId, { from: mou.status, to: 'signed' }, a.now, {
        signed_on: input.signed_on,
        signed_file_id: file.id,
      }),
      'mou:refused.illegal',
    )
    await record(trx, a, 'sign', mouId, { from: mou.status, to: 'signed', signedOn: input.signed_on, fileId: file.id })
  })
}

/** Ends a MoU early (or abandons a draft), with the reason. */
export function terminateMou(db: DB, a: MouActor, mouId: string, reason: string) {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    const mou = await lockedMou(trx, a, mouId)
    const problem = transitionProblem('terminate', mou, today(a))
    if (problem) throw refused(problem)
    expectWritten(
      await setMouStatus(trx, a.provinceId, mouId, { from: mou.status, to: 'terminated' }, a.now, {
        terminated_reason: reason,
      }),
      'mou:refused.illegal',
    )
    await record(trx, a, 'terminate', mouId, { from: mou.status, to: 'terminated', reason })
  })
}

/** Adds a deliverable with its due day; a MoU that has ended takes none. */
export function addDeliverable(db: DB, a: MouActor, mouId: string, input: Omit<DeliverableInput, 'intent'>) {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    const mou = await lockedMou(trx, a, mouId)
    if (['completed', 'expired', 'terminated'].includes(mou.status)) throw refused('mou:refused.ended')
    const row = await trx
      .insertInto('mou_deliverables')
      .values({
        province_id: a.provinceId,
        mou_id: mouId,
        title: input.title,
        due_on: input.due_on,
        created_by: a.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(trx, a, 'deliverableAdded', mouId, { deliverable: row.id, title: input.title, dueOn: input.due_on })
    return row.id
  })
}

/** Marks a deliverable done (once). */
export function markDeliverableDone(db: DB, a: MouActor, mouId: string, deliverableId: string) {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    await lockedMou(trx, a, mouId)
    expectWritten(
      await trx
        .updateTable('mou_deliverables')
        .set({ done_at: a.now, done_by: a.userId })
        .where('province_id', '=', a.provinceId)
        .where('mou_id', '=', mouId)
        .where('id', '=', deliverableId)
        .where('done_at', 'is', null)
        .execute(),
      'mou:refused.deliverableDone',
    )
    await record(trx, a, 'deliverableDone', mouId, { deliverable: deliverableId })
  })
}

/** Another agency of the province joins a MoU in force, with its joining day and signatory. */
export function joinMou(db: DB, a: MouActor, mouId: string, input: Omit<JoinInput, 'intent'>) {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    const mou = await lockedMou(trx, a, mouId)
    if (!IN_FORCE.includes(mou.status)) throw refused('mou:refused.notInForce')
    if (input.joined_on > today(a)) throw refused('mou:refused.joinedInFuture', { status: 400, field: 'joined_on' })
    if ((await activeOpdIds(trx, a.provinceId, [input.opd])).length === 0) throw notFound('opd')
    const party = await trx
      .insertInto('mou_parties')
      .values({
        province_id: a.provinceId,
        mou_id: mouId,
        opd_id: input.opd,
        joined_on: input.joined_on,
        added_by: a.userId,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('opd_id')
      .executeTakeFirst()
    if (!party) throw refused('mou:refused.alreadyParty', { status: 400, field: 'opd' })
    await trx
      .insertInto('mou_signatories')
      .values({
        province_id: a.provinceId,
        mou_id: mouId,
        side: 'agency',
        opd_id: input.opd,
        name: input.signer_name,
        role: input.signer_role,
      })
      .execute()
    await record(trx, a, 'joined', mouId, { opd: input.opd, joinedOn: input.joined_on, signatory: input.signer_name })
  })
}

/** Accepts a submitted quarterly report, or returns it with a comment; the venture hears of it by mail. */
export function reviewReport(
  db: DB,
  a: MouActor,
  mouId: string,
  input: Omit<ReviewReportInput, 'intent'>,
  origin: string,
  slug: string,
) {
  return withTenant(db, { provinceId: a.provinceId }, async (trx) => {
    const mou = await lockedMou(trx, a, mouId)
    const status = input.decision === 'accept' ? 'accepted' : 'returned'
    const report = expectWritten(
      await trx
        .updateTable('mou_reports')
        .set({ status, reviewed_by: a.userId, reviewed_at: a.now, review_comment: input.comment ?? null })
        .where('province_id', '=', a.provinceId)
        .where('mou_id', '=', mouId)
        .where('id', '=', input.report)
        .where('status', '=', 'submitted')
        .returning(['id', 'quarter'])
        .executeTakeFirst(),
      'mou:refused.notSubmitted',
    )
    await record(trx, a, `report${status === 'accepted' ? 'Accepted' : 'Returned'}`, mouId, {
      report: report.id,
      quarter: report.quarter,
      comment: input.comment ?? null,
    })
    const venture = await findFinalist(trx, a.provinceId, mou.application_id)
    if (venture) {
      await enqueueMouMail(trx, {
        to: venture.email,
        name: venture.applicant_name,
        locale: venture.locale as Language,
        template: status === 'accepted' ? 'reportAccepted' : 'reportReturned',
        params: {
          title: mou.title,
          quarter: report.quarter,
          comment: input.comment ?? '',
          link: `${origin}/p/${slug}/apply/${mou.application_id}/mous`,
        },
      })
    }
  })
}

/** The venture's own MoUs from its finalist application: deliverables, reports, quarters to report. */
export function loadOwnMous(
  db: DB,
  owner: { provinceId: string; userId: string },
  applicationId: string,
  now: Date,
  timeZone: string,
) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const finalist = await findOwnFinalist(trx, owner.provinceId, owner.userId, applicationId)
    if (!finalist) throw notFound('application')
    const day = localDay(now, timeZone)
    const mous = await listMousOfApplication(trx, owner.provinceId, applicationId)
    const full = []
    for (const m of mous) {
      const status = m.status as MouStatus
      const [parties, deliverables, reports] = await Promise.all([
        listParties(trx, owner.provinceId, m.id),
        listDeliverables(trx, owner.provinceId, m.id),
        listReports(trx, owner.provinceId, m.id),
      ])
      const quarters = IN_FORCE.includes(status) ? reportableQuarters(m.starts_on, m.ends_on, day) : []
      full.push({
        ...m,
        status,
        parties,
        deliverables: deliverables.map((d) => ({ ...d, overdue: isDeliverableOverdue(d, day) })),
        reports: reports.map((r) => ({ ...r, period: quarterPeriod(m.starts_on, m.ends_on, r.quarter) })),
        // Quarters with no report yet, or whose report came back: what the venture writes next.
        toWrite: quarters
          .filter((q) => {
            const r = reports.find((x) => x.quarter === q)
            return !r || r.status === 'returned'
          })
          .map((q) => ({ quarter: q, period: quarterPeriod(m.starts_on, m.ends_on, q) })),
      })
    }
    return { venture: finalist.venture, mous: full }
  })
}

/** The venture writes a quarter's report (or writes a returned one again); Bappeda is told by mail. */
export function submitReport(
  db: DB,
  owner: { provinceId: string; userId: string; ip: string | null; now: Date; timeZone: string },
  applicationId: string,
  input: Omit<ReportInput, 'intent'>,
  origin: string,
  slug: string,
) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    if (!(await findOwnFinalist(trx, owner.provinceId, owner.userId, applicationId))) throw notFound('application')
    const mou = await lockMou(trx, owner.provinceId, input.mou)
    if (!mou || mou.application_id !== applicationId) throw notFound('mou')
    if (!IN_FORCE.includes(mou.status as MouStatus)) throw refused('mou:refused.notInForce')
    if (!reportableQuarters(mou.starts_on, mou.ends_on, localDay(owner.now, owner.timeZone)).includes(input.quarter)) {
      throw refused('mou:errors.quarter', { status: 400, field: 'quarter' })
    }
    const existing = await trx
      .selectFrom('mou_reports')
      .select(['id', 'status'])
      .where('province_id', '=', owner.provinceId)
      .where('mou_id', '=', mou.id)
      .where('quarter', '=', input.quarter)
      .forUpdate()
      .executeTakeFirst()
    if (existing && existing.status !== 'returned') throw refused('mou:refused.reportExists')
    const values = {
      body: input.body,
      status: 'submitted' as const,
      submitted_by: owner.userId,
      submitted_at: owner.now,
      reviewed_by: null,
      reviewed_at: null,
    }
    // A returned report is written again in place: one report per quarter.
    const { id } = await trx
      .insertInto('mou_reports')
      .values({ province_id: owner.provinceId, mou_id: mou.id, quarter: input.quarter, ...values })
      .onConflict((oc) => oc.columns(['province_id', 'mou_id', 'quarter']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, {
      actorId: owner.userId,
      action: 'mou.reportSubmitted',
      objectType: 'mou',
      objectId: mou.id,
      provinceId: owner.provinceId,
      ip: owner.ip,
      details: { report: id, quarter: input.quarter, again: !!existing },
    })
    for (const admin of await listProvinceAdmins(trx, owner.provinceId)) {
      await enqueueMouMail(trx, {
        to: admin.email,
        name: admin.name,
        locale: admin.locale as Language,
        template: 'reportSubmitted',
        params: { title: mou.title, quarter: input.quarter, link: `${origin}/p/${slug}/manage/mous/${mou.id}` },
      })
    }
  })
}

/** The signed PDF of a MoU of the province (Bappeda, ministry, ERAT), or 404. */
export async function loadSignedDocument(
  db: DB,
  provinceId: string,
  mouId: string,
  own?: { applicantId: string; applicationId: string },
) {
  const file = await withTenant(db, { provinceId }, async (trx) => {
    const mou = await findMou(trx, provinceId, mouId)
    // The venture reads only its own MoU's document, from its own application.
    const foreign = own && (mou?.applicant_id !== own.applicantId || mou?.application_id !== own.applicationId)
    if (!mou?.signed_file_id || foreign) return undefined
    return postgresStorage.get(trx, provinceId, mou.signed_file_id)
  })
  if (!file) throw notFound('document')
  return file
}
