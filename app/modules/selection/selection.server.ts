import type { Language } from '#app/i18n/config.ts'
import { isLanguage } from '#app/i18n/config.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { type CallUnderReview, findCallUnderReview } from '#app/modules/calls/call-under-review.queries.server.ts'
import { expectWritten, notFound, refused } from '#app/modules/errors/errors.ts'
import { queueMessage } from '#app/modules/messaging/outbox.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { listActiveProvinces } from '#app/modules/tenancy/province.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import { enqueueOutcomeMail } from './outcome-mail.server.ts'
import { RANKING_PAGE_SIZE, readRanking } from './ranking.server.ts'
import { boardView, chosenRows } from './ranking-cache.server.ts'
import {
  applyOutcomes,
  deleteEntry,
  findSelection,
  isRankable,
  listSelectionsOfEdition,
  lockSelection,
  updateSelection,
  upsertEntry,
} from './selection.queries.server.ts'
import {
  FINALISTS,
  type Stage,
  selectionAwaitsDecision,
  selectionIsEditable,
  selectionIsPublishable,
  submitProblem,
} from './selection-rules.ts'

// The selection workflow (issue 7): Bappeda shortlists and picks three justified
// finalists, submits them to the ministry, which confirms or returns them; once
// confirmed, Bappeda or the ministry publishes. Every step is audited and safe to
// repeat; a step that the selection's state forbids is refused (the route's 409).

export interface Actor {
  userId: string
  ip: string | null
}

interface Province {
  id: string
  slug: string
  name: string
}

/** Runs `fn` on the locked selection of the province's call under review; 404 without a call. */
async function onSelection<T>(
  db: DB,
  provinceId: string,
  now: Date,
  fn: (trx: Trx, call: CallUnderReview, selection: Awaited<ReturnType<typeof lockSelection>>) => Promise<T>,
) {
  return withTenant(db, { provinceId }, async (trx) => {
    const call = await findCallUnderReview(trx, provinceId, { id: null, now })
    if (!call) throw notFound('selection:errors.noCall')
    return fn(trx, call, await lockSelection(trx, provinceId, call.id))
  })
}

/**
 * The selection page: the call's state, its chosen entries with their figures, and one page
 * of the leaderboard. The shortlist and the finalists are listed whole, whatever page the
 * leaderboard shows, so an entry shortlisted from any page is made a finalist from there.
 */
export async function loadSelection(db: DB, provinceId: string, now: Date, page: number) {
  return withTenant(db, { provinceId }, async (trx) => {
    const call = await findCallUnderReview(trx, provinceId, { id: null, now })
    if (!call) return { call: null } as const
    const selection = await findSelection(trx, provinceId, call.id)
    const { board } = await readRanking(trx, provinceId, call)
    const chosen = chosenRows(board)
    const { rows } = boardView(board, null)
    const shown = pageWindow(page, rows.length, RANKING_PAGE_SIZE)
    return {
      call: { ranking_method: call.ranking_method },
      status: selection?.status ?? 'open',
      returnNote: selection?.return_note ?? null,
      finalists: chosen.filter((e) => e.stage === 'finalist'),
      shortlist: chosen.filter((e) => e.stage === 'shortlisted'),
      entries: rows.slice(shown.offset, shown.offset + shown.limit),
      total: rows.length,
      page: shown.page,
      pageCount: shown.pageCount,
    } as const
  })
}

export interface EntryInput {
  application: string
  stage: Stage | null
  justification: string
}

/** Puts an application on the shortlist, among the finalists (at most three, justified), or out of the selection. */
export async function markEntry(db: DB, actor: Actor, province: Province, input: EntryInput, now: Date) {
  return onSelection(db, province.id, now, async (trx, call, selection) => {
    if (!selectionIsEditable(selection.status)) throw refused('selection:errors.locked')
    if (input.stage === null) {
      const removed = await deleteEntry(trx, province.id, call.id, input.application)
      if (removed > 0) {
        await audit(trx, entryAudit(actor, province, call.id, 'selection.entry_removed', input.application, {}))
      }
      return
    }
    if (!(await isRankable(trx, province.id, call.id, input.application))) {
      throw notFound('selection:errors.notRanked')
    }
    const current = await trx
      .selectFrom('selection_entries')
      .select(['application_id', 'stage'])
      .where('province_id', '=', province.id)
      .where('call_id', '=', call.id)
      .where('stage', '=', 'finalist')
      .execute()
    const others = current.filter((f) => f.application_id !== input.application)
    if (input.stage === 'finalist' && others.length >= FINALISTS) {
      throw refused('selection:errors.tooManyFinalists')
    }
    await upsertEntry(trx, {
      provinceId: province.id,
      callId: call.id,
      applicationId: input.application,
      stage: input.stage,
      justification: input.stage === 'finalist' ? input.justification : '',
      decidedBy: actor.userId,
    })
    await audit(
      trx,
      entryAudit(actor, province, call.id, 'selection.entry_marked', input.application, {
        stage: input.stage,
        justification: input.stage === 'finalist' ? input.justification : undefined,
      }),
    )
  })
}

function entryAudit(
  actor: Actor,
  province: Province,
  callId: string,
  action: string,
  applicationId: string,
  details: Record<string, unknown>,
) {
  return {
    actorId: actor.userId,
    action,
    objectType: 'application',
    objectId: applicationId,
    provinceId: province.id,
    ip: actor.ip,
    details: { ...details, call_id: callId },
  }
}

/** Sends the selection to the ministry: exactly three justified finalists; changes are locked until it answers. */
export async function submitSelection(db: DB, actor: Actor, province: Province, now: Date) {
  return onSelection(db, province.id, now, async (trx, call, selection) => {
    if (selection.status === 'awaiting_confirmation') return { already: true }
    if (!selectionIsEditable(selection.status)) throw refused('selection:errors.locked')
    const entries = await trx
      .selectFrom('selection_entries')
      .select(['stage', 'justification'])
      .where('province_id', '=', province.id)
      .where('call_id', '=', call.id)
      .execute()
    const problem = submitProblem(entries)
    if (problem) throw refused(`selection:errors.${problem}`)
    expectWritten(
      await updateSelection(trx, province.id, call.id, selection.status, {
        status: 'awaiting_confirmation',
        submitted_by: actor.userId,
        submitted_at: now,
        return_note: null,
      }),
      'selection:errors.locked',
    )
    await audit(trx, selectionAudit(actor, province, call.id, 'selection.submitted', { finalists: FINALISTS }))
    return { already: false }
  })
}

function selectionAudit(
  actor: Actor,
  province: Province,
  callId: string,
  action: string,
  details: Record<string, unknown>,
) {
  return {
    actorId: actor.userId,
    action,
    objectType: 'selection',
    objectId: callId,
    provinceId: province.id,
    ip: actor.ip,
    details,
  }
}

export type Decision = { kind: 'confirm' } | { kind: 'return'; note: string }

/** The ministry confirms the submitted selection or returns it with a note (Bappeda may then edit again). */
export async function decideSelection(db: DB, actor: Actor, province: Province, decision: Decision, now: Date) {
  return onSelection(db, province.id, now, async (trx, call, selection) => {
    const target = decision.kind === 'confirm' ? 'confirmed' : 'returned'
    if (selection.status === target) return { already: true }
    if (!selectionAwaitsDecision(selection.status)) throw refused('selection:errors.notAwaiting')
    expectWritten(
      await updateSelection(trx, province.id, call.id, selection.status, {
        status: target,
        decided_by: actor.userId,
        decided_at: now,
        return_note: decision.kind === 'return' ? decision.note : null,
      }),
      'selection:errors.notAwaiting',
    )
    await audit(
      trx,
      selectionAudit(actor, province, call.id, `selection.${target}`, {
        note: decision.kind === 'return' ? decision.note : undefined,
      }),
    )
    return { already: false }
  })
}

/**
 * Publishes a confirmed selection: every application of the call under review takes
 * its outcome with a timeline event, each applicant is mailed in their language, and
 * the caller invalidates the portal. Publishing twice changes nothing.
 */
export async function publishSelection(db: DB, actor: Actor, province: Province, origin: string, now: Date) {
  return onSelection(db, province.id, now, async (trx, call, selection) => {
    if (selection.status === 'published') return { already: true, published: 0 }
    if (!selectionIsPublishable(selection.status)) throw refused('selection:errors.notConfirmed')
    const outcomes = await applyOutcomes(trx, province.id, call.id, now)
    for (const o of outcomes) {
      const outcome = o.status === 'finalist' || o.status === 'shortlisted' ? o.status : 'not_selected'
      await enqueueOutcomeMail(trx, {
        email: o.email,
        name: o.name,
        locale: (isLanguage(o.locale) ? o.locale : 'id') as Language,
        outcome,
        province: province.name,
        issue: { id: o.issue_title_id, en: o.issue_title_en },
        venture: o.venture_name,
        link: `${origin}/p/${province.slug}/apply/${o.id}`,
      })
      if (outcome === 'finalist') {
        await queueMessage(trx, {
          userId: o.applicant_id,
          template: 'finalistAnnouncement',
          params: { venture: o.venture_name, province: province.name },
          dedupeKey: `finalistAnnouncement:${o.id}`,
          now,
        })
      }
    }
    expectWritten(
      await updateSelection(trx, province.id, call.id, selection.status, { status: 'published', published_at: now }),
      'selection:errors.notConfirmed',
    )
    const count = (s: string) => outcomes.filter((o) => o.status === s).length
    await audit(
      trx,
      selectionAudit(actor, province, call.id, 'selection.published', {
        finalist: count('finalist'),
        shortlisted: count('shortlisted'),
        not_selected: count('not_selected'),
      }),
    )
    return { already: false, published: outcomes.length }
  })
}

/** The ministry's list: every active province with the state of its selection in the current edition. */
export async function loadSelectionsOverview(db: DB) {
  const edition = await findCurrentEdition(db)
  const provinces = await listActiveProvinces(db, edition?.id ?? null)
  const selections = edition
    ? await withTenant(db, { national: true }, (trx) => listSelectionsOfEdition(trx, edition.id))
    : []
  return {
    edition: edition ?? null,
    provinces: provinces.map((p) => {
      const s = selections.find((x) => x.province_id === p.id)
      return {
        slug: p.slug,
        name: p.name,
        status: s?.status ?? null,
        finalists: Number(s?.finalists ?? 0),
        submittedAt: s?.submitted_at ?? null,
      }
    }),
  }
}
