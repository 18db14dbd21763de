import { notFound } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import * as pq from './participation.queries.server.ts'
import * as q from './privacy.queries.server.ts'

// Right of access (UU 27/2022 art. 7 and 32): everything the platform holds about the
// signed-in user, in one read. A person's data spans provinces, so the read runs in the
// national read-only scope with every query filtered by the user's id (docs/decisions/010).

export type MyData = Awaited<ReturnType<typeof collectMyData>>

/**
 * The user's account, memberships, ventures and teams, applications with their files,
 * what they did in review, mentoring and Final Night, consents, mails, WhatsApp/SMS
 * messages and audit entries.
 */
export async function collectMyData(db: DB, userId: string, now: Date) {
  return withTenant(db, { national: true, userId }, async (trx) => {
    const user = await q.findUser(trx, userId)
    if (!user) throw notFound('user')
    const memberships = await q.userMemberships(trx, userId)
    const ventures = await q.userVentures(trx, userId)
    const members = await q.ventureMembers(
      trx,
      ventures.map((v) => v.id),
    )
    const declarations = await q.inclusionDeclarations(
      trx,
      ventures.map((v) => v.id),
    )
    const applications = await q.userApplications(trx, userId)
    const appIds = applications.map((a) => a.id)
    const snapshotIds = applications.flatMap((a) => (a.venture_snapshot_id ? [a.venture_snapshot_id] : []))
    const [snaps, snapMembers, indicators, files, events] = await Promise.all([
      q.snapshots(trx, snapshotIds),
      q.snapshotMembers(trx, snapshotIds),
      q.applicationIndicators(trx, appIds),
      q.applicationFiles(trx, appIds),
      q.applicationEvents(trx, appIds),
    ])
    const notices = await q.consentNoticeVersions(trx, [...new Set(applications.map((a) => a.edition_id))])
    const mails = await q.mailsTo(trx, user.email)
    const auditEntries = await q.auditAbout(trx, userId, [...appIds, ...ventures.map((v) => v.id)])
    const consents = await q.userConsents(trx, userId)
    const requests = await q.userRequests(trx, userId)
    const participation = await collectParticipation(trx, userId, user.email, appIds)
    return {
      generatedAt: now.toISOString(),
      /** The zone the readable page shows instants in: the user's (first) province's, else WIB. */
      timeZone: memberships.find((m) => m.time_zone)?.time_zone ?? 'Asia/Jakarta',
      account: {
        id: user.id,
        name: user.name,
        email: user.email,
        phone: user.phone,
        locale: user.locale,
        createdAt: user.created_at,
        emailVerifiedAt: user.email_verified_at,
        active: user.active,
      },
      memberships: memberships.map((m) => ({
        role: m.role,
        province: m.province_slug,
        provinceName: m.province_name,
        since: m.created_at,
      })),
      ventures: ventures.map((v) => ({
        ...v,
        team: members.filter((m) => m.venture_id === v.id).map(({ venture_id, province_id, ...m }) => m),
        // Self-declared under the consent inclusion_statistics (docs/decisions/017); memberId null is the user.
        inclusion: declarations
          .filter((d) => d.venture_id === v.id)
          .map((d) => ({
            memberId: d.member_id,
            gender: d.gender,
            ageBand: d.age_band,
            disability: d.disability,
            declaredAt: d.declared_at,
          })),
      })),
      applications: applications.map((a) => {
        const snap = snaps.find((s) => s.id === a.venture_snapshot_id)
        const notice = notices.find((n) => n.edition_id === a.edition_id && n.version === a.consent_version)
        return {
          id: a.id,
          province: a.province_slug,
          status: a.status,
          receiptNumber: a.receipt_number,
          createdAt: a.created_at,
          submittedAt: a.submitted_at,
          withdrawnAt: a.withdrawn_at,
          withdrawReason: a.withdraw_reason,
          sections: {
            problem: a.problem,
            solution: a.solution,
            novelty: a.novelty,
            beneficiaries: a.beneficiaries,
            beneficiaries_count: a.beneficiaries_count,
            business_model: a.business_model,
            revenue: a.revenue,
            impact: a.impact,
            collaboration_opd: a.collaboration_opd,
            collaboration_private: a.collaboration_private,
            budget: a.budget,
            funding_so_far: a.funding_so_far,
          },
          indicators: indicators.filter((i) => i.application_id === a.id).map(({ application_id, ...i }) => i),
          ventureAsSubmitted: snap
            ? {
                ...snap,
                team: snapMembers
                  .filter((m) => m.snapshot_id === snap.id)
                  .map(({ snapshot_id, province_id, ...m }) => m),
              }
            : null,
          files: files
            .filter((f) => f.application_id === a.id)
            .map((f) => ({
              id: f.file_id,
              kind: f.kind,
              name: f.original_name,
              contentType: f.content_type,
              size: f.size,
              uploadedAt: f.created_at,
              download: `/p/${a.province_slug}/apply/${a.id}/files/${f.file_id}`,
            })),
          history: events.filter((e) => e.application_id === a.id).map(({ application_id, ...e }) => e),
          consent: a.consent_version
            ? { version: a.consent_version, at: a.consent_at, noticeId: notice?.text_id, noticeEn: notice?.text_en }
            : null,
        }
      }),
      ...participation,
      consents,
      privacyRequests: requests,
      mails: mails.map((m) => ({
        template: m.template,
        subject: m.subject,
        body: m.body_text,
        queuedAt: m.created_at,
        sentAt: m.sent_at,
      })),
      auditEntries: auditEntries.map((e) => ({
        at: e.at,
        action: e.action,
        objectType: e.object_type,
        objectId: e.object_id,
        ip: e.ip,
        details: e.details,
      })),
    }
  })
}

/** Review, mentoring, Final Night and WhatsApp/SMS records of the user, shaped for the export. */
async function collectParticipation(trx: Trx, userId: string, email: string, appIds: string[]) {
  const [assignments, mentored, sessions, notes, actions, milestones] = await Promise.all([
    pq.reviewAssignments(trx, userId),
    pq.cohortsMentored(trx, userId),
    pq.mentoringSessions(trx, userId),
    pq.notesWritten(trx, userId),
    pq.actionsOwned(trx, userId),
    pq.planMilestones(trx, appIds),
  ])
  const [invitations, pitches, scores, conflicts, interests, followups, contact, messages] = await Promise.all([
    pq.finalNightInvitations(trx, userId, email),
    pq.finalNightPitches(trx, userId),
    pq.juryScores(trx, userId),
    pq.juryConflicts(trx, userId),
    pq.matchmaking(trx, userId),
    pq.matchmakingFollowups(trx, userId),
    pq.messagingContact(trx, userId),
    pq.messagesTo(trx, userId),
  ])
  return {
    review: assignments.map((a) => ({
      province: a.province,
      applicationId: a.application_id,
      assignedAt: a.assigned_at,
      conflictDeclaredAt: a.declared_at,
      total: a.total,
      scoredAt: a.scored_at,
    })),
    mentoring: {
      mentorOf: mentored.map((m) => ({
        province: m.province,
        kind: m.kind,
        organisation: m.organisation,
        expertise: m.expertise,
        since: m.created_at,
      })),
      sessions: sessions.map((s) => ({
        province: s.province,
        startsAt: s.starts_at,
        durationMinutes: s.duration_minutes,
        mode: s.mode,
        place: s.place,
        agenda: s.agenda,
        role: s.role,
        attended: s.attended,
      })),
      notesWritten: notes.map((n) => ({ audience: n.audience, body: n.body, at: n.created_at })),
      actions: actions.map((a) => ({ title: a.title, dueOn: a.due_on, state: a.state, updatedAt: a.updated_at })),
      milestones: milestones.map((m) => ({
        applicationId: m.application_id,
        key: m.key,
        title: m.title,
        evidence: m.evidence_text,
        evidenceLink: m.evidence_link,
        evidenceAt: m.evidence_at,
        signedOffAt: m.signed_off_at,
      })),
    },
    finalNight: {
      invitations: invitations.map((i) => ({
        event: { startsAt: i.event_starts_at, city: i.event_city },
        kind: i.kind,
        affiliation: i.affiliation,
        name: i.name,
        email: i.email,
        organisation: i.organisation,
        invitedAt: i.created_at,
        acceptedAt: i.accepted_at,
        revokedAt: i.revoked_at,
      })),
      pitches: pitches.map((p) => ({
        event: { startsAt: p.event_starts_at, city: p.event_city },
        applicationId: p.application_id,
        venture: p.venture_name,
        position: p.position,
      })),
      scoresGiven: scores.map((s) => ({
        venture: s.venture_name,
        criterion: s.criterion_id,
        criterionEn: s.criterion_en,
        score: s.score,
        at: s.updated_at,
      })),
      conflictsDeclared: conflicts.map((c) => ({ venture: c.venture_name, reason: c.reason, at: c.declared_at })),
      matchmaking: interests.map((i) => ({
        role: i.guest_id === userId ? ('guest' as const) : ('finalist' as const),
        venture: i.venture_name,
        guest: i.guest_name,
        kind: i.kind,
        message: i.message,
        status: i.status,
        at: i.created_at,
        decidedAt: i.decided_at,
        followups: followups
          .filter((f) => f.event_id === i.event_id && f.interest_id === i.id)
          .map((f) => ({ kind: f.kind, on: f.happened_on, note: f.note, recordedAt: f.created_at })),
      })),
    },
    messaging: {
      contact: contact
        ? {
            phone: contact.phone,
            status: contact.status,
            verifiedAt: contact.verified_at,
            stoppedAt: contact.stopped_at,
            stoppedVia: contact.stopped_via,
            since: contact.created_at,
          }
        : null,
      messages: messages.map((m) => ({
        template: m.template,
        to: m.to_phone,
        channel: m.channel,
        body: m.body_text,
        status: m.status,
        queuedAt: m.created_at,
        sentAt: m.sent_at,
        deliveredAt: m.delivered_at,
      })),
    },
  }
}
