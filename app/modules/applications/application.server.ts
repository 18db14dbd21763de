import { audit } from '#app/modules/audit/audit.server.ts'
import { type CallWindow, callStatusAt, currentCall } from '#app/modules/calls/call-status.ts'
import { expectWritten, invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  type ColumnValues,
  countActiveApplications,
  findCall,
  findChoosableIssue,
  findOwnApplication,
  findVentureId,
  insertApplication,
  listChoosableIssues,
  listIndicators,
  listOwnApplicationsForHome,
  listPublishedCalls,
  type Owner,
  replaceIndicators,
  updateApplication,
} from './application.queries.server.ts'
import { type AnySectionInput, E } from './application.schema.ts'
import {
  editability,
  findSection,
  SECTIONS,
  type SectionKey,
  sectionProgress,
  sectionState,
} from './application-sections.ts'

// The applicant's drafting workflow (issue 6): start an application against a
// published issue of an open call, then save it section by section while the call
// is open. Applications are always looked up by province, id AND applicant.

/** The applicant acting, with the request's address for the audit log. */
export type Actor = Owner & { ip: string | null }

/** Why a new application cannot be started now (null: it can). */
export type StartBlock = 'noCall' | 'upcoming' | 'closed' | 'noProfile' | 'limit' | 'noIssues' | null

function isOpen(call: CallWindow, now: Date): boolean {
  const t = now.getTime()
  return call.opens_at.getTime() <= t && t <= call.closes_at.getTime()
}

/** countActiveApplications's count from the applicant's applications already read (all of them, any call). */
function activeIn(applications: readonly { call_id: string; status: string }[], callId: string): number {
  return applications.filter((a) => a.call_id === callId && a.status !== 'withdrawn').length
}

/** The applicant's applications in the province and whether (and on which issues) a new one may start. */
export async function loadApplyHome(db: DB, owner: Owner, now: Date) {
  const edition = await findCurrentEdition(db)
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const applications = await listOwnApplicationsForHome(trx, owner)
    const calls = edition ? await listPublishedCalls(trx, owner.provinceId, edition.id) : []
    const call = currentCall(calls, now)
    const status = callStatusAt(calls, now)
    let block: StartBlock = null
    let issues: Awaited<ReturnType<typeof listChoosableIssues>> = []
    if (!call || !edition || status.kind === 'none') block = 'noCall'
    else if (status.kind === 'upcoming') block = 'upcoming'
    else if (status.kind === 'closed') block = 'closed'
    else if (!(await findVentureId(trx, owner))) block = 'noProfile'
    else if (activeIn(applications, call.id) >= call.max_applications) block = 'limit'
    else {
      issues = await listChoosableIssues(trx, owner.provinceId, edition.id)
      if (issues.length === 0) block = 'noIssues'
    }
    // Each draft's progress, so the home can say "3 of 8 complete" and where to go on.
    const withProgress = applications.map((row) => {
      const { id, status, call_id, updated_at, title_id, title_en } = row
      const progress =
        status === 'draft' ? sectionProgress(SECTIONS.map((s) => ({ key: s.key, state: sectionState(s, row) }))) : null
      return { id, status, call_id, updated_at, title_id, title_en, progress }
    })
    const helpdesk = call
      ? {
          helpdesk_phone: call.helpdesk_phone,
          helpdesk_whatsapp: call.helpdesk_whatsapp,
          helpdesk_email: call.helpdesk_email,
        }
      : null
    return {
      applications: withProgress,
      status,
      block,
      issues,
      maxApplications: call?.max_applications ?? 1,
      closesAt: call?.closes_at ?? null,
      helpdesk,
    }
  })
}

/**
 * Starts a draft for a published issue of the open call. Refuses (with a message)
 * without a venture profile, outside an open call or beyond the call's limit; an issue
 * id that is not a published issue of this province and call is "not found".
 */
export async function startApplication(db: DB, actor: Actor, issueId: string, now: Date): Promise<string> {
  const edition = await findCurrentEdition(db)
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const calls = edition ? await listPublishedCalls(trx, actor.provinceId, edition.id) : []
    const call = calls.find((c) => isOpen(c, now))
    if (!edition || !call) throw refused('apply:home.block.closed')
    const venture = await findVentureId(trx, actor, true)
    if (!venture) throw refused('apply:home.block.noProfile')
    if (!(await findChoosableIssue(trx, actor.provinceId, edition.id, issueId))) throw notFound()
    if ((await countActiveApplications(trx, actor, call.id)) >= call.max_applications) {
      throw refused('apply:home.block.limit')
    }
    const id = await insertApplication(trx, actor, {
      editionId: edition.id,
      callId: call.id,
      ventureId: venture.id,
      issueId,
      now,
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'application.created',
      objectType: 'application',
      objectId: id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { issue_id: issueId, call_id: call.id },
    })
    return id
  })
}

/** One of the applicant's own applications with its sections' states, indicators and whether it may change. */
export async function loadOwnApplication(db: DB, owner: Owner, id: string, now: Date) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const application = await findOwnApplication(trx, owner, id)
    if (!application) throw notFound()
    const indicators = await listIndicators(trx, owner.provinceId, id)
    const call = await findCall(trx, owner.provinceId, application.call_id)
    const callOpen = !!call && call.status === 'published' && isOpen(call, now)
    const issues = await listChoosableIssues(trx, owner.provinceId, application.edition_id)
    const values = { ...application, indicator_count: indicators.length }
    const sections = SECTIONS.map((s) => ({ key: s.key, state: sectionState(s, values) }))
    return {
      application,
      indicators,
      issues,
      sections,
      editability: editability(application.status, callOpen),
      closesAt: call?.closes_at ?? null,
      helpdesk: call
        ? {
            helpdesk_phone: call.helpdesk_phone,
            helpdesk_whatsapp: call.helpdesk_whatsapp,
            helpdesk_email: call.helpdesk_email,
          }
        : null,
    }
  })
}

/**
 * Saves one section of the applicant's own draft (and audits it). Refuses when the
 * call has closed or the application is no longer a draft; a posted issue must be a
 * published issue of the application's edition.
 */
export async function saveSection(
  db: DB,
  actor: Actor,
  id: string,
  key: SectionKey,
  input: AnySectionInput,
  now: Date,
  /** Saved by the page's script while typing paused, not by a press of "Save". */
  autosave = false,
): Promise<{ changed: boolean }> {
  if (!findSection(key)) throw notFound()
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const own = await openOwnApplication(trx, actor, id, now)
    if (own.editability !== 'editable') throw refused(`apply:readOnly.${own.editability}`)
    return saveSectionIn(trx, actor, own.application, key, input, now, autosave)
  })
}

/** The applicant's own application (404 for anyone else's) and whether it may change now; in the caller's transaction. */
export async function openOwnApplication(trx: Trx, owner: Owner, id: string, now: Date) {
  // Locked: what is checked for editability is what the save will write to (submission.server.ts locks too).
  const application = await findOwnApplication(trx, owner, id, true)
  if (!application) throw notFound()
  const call = await findCall(trx, owner.provinceId, application.call_id)
  return {
    application,
    editability: editability(application.status, !!call && call.status === 'published' && isOpen(call, now)),
  }
}

/**
 * `saveSection` for an application already opened (and found editable) by `openOwnApplication`
 * in the same transaction: the editability is checked once per save.
 */
export async function saveSectionIn(
  trx: Trx,
  actor: Actor,
  application: OwnApplication,
  key: SectionKey,
  input: AnySectionInput,
  now: Date,
  autosave = false,
): Promise<{ changed: boolean }> {
  const section = findSection(key)
  if (!section) throw notFound()
  const id = application.id
  const columns: ColumnValues = {}
  if ('issue' in section && section.issue) {
    const issueId = input.issue_id ?? ''
    if (!(await findChoosableIssue(trx, actor.provinceId, application.edition_id, issueId))) {
      throw invalid(E.choose, 'issue_id')
    }
    columns.issue_id = issueId
  }
  for (const field of section.fields) {
    if (field.kind === 'count') columns[field.name] = input[field.name] ?? null
    // An emptied field is saved empty: the draft holds exactly what the form showed.
    else columns[field.name] = input[field.name] ?? ''
  }
  const withIndicators = 'indicators' in section && section.indicators
  const indicators = input.indicators ?? []
  // A save that changes nothing writes nothing, audits nothing, and says so.
  const stored = application as unknown as Record<string, unknown>
  const same = (a: unknown) => (a === '' || a === undefined ? null : a)
  const columnsChanged = Object.entries(columns).some(([name, value]) => same(stored[name]) !== same(value))
  const indicatorsChanged =
    withIndicators &&
    JSON.stringify(await listIndicators(trx, actor.provinceId, id)) !==
      JSON.stringify(indicators.map(({ name, baseline, target, unit }) => ({ name, baseline, target, unit })))
  if (!columnsChanged && !indicatorsChanged) return { changed: false }
  // Never acknowledge a save that wrote nothing (the row left the draft state meanwhile).
  expectWritten(await updateApplication(trx, actor, id, columns, now), 'apply:readOnly.notDraft')
  if (withIndicators) await replaceIndicators(trx, actor.provinceId, id, indicators)
  await audit(trx, {
    actorId: actor.userId,
    action: 'application.section_saved',
    objectType: 'application',
    objectId: id,
    provinceId: actor.provinceId,
    ip: actor.ip,
    details: autosave ? { section: key, autosave: true } : { section: key },
  })
  return { changed: true }
}

type OwnApplication = NonNullable<Awaited<ReturnType<typeof findOwnApplication>>>
