import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findOwnOutcome, listOwnScores, listPublishedFinalists } from './selection.queries.server.ts'
import type { Outcome } from './selection-rules.ts'

// What the selection shows outside Bappeda and the ministry (issue 7), and only once
// published: the applicant's own outcome (with anonymised scores when the call shares
// them) and the province's finalists on the public portal.

export interface OwnOutcome {
  outcome: Outcome
  scores: { id: string; title: { id: string; en: string }; mean: number; comments: string[] }[] | null
}

/** The applicant's outcome on their application, or null before publication (they see nothing of the selection). */
export async function loadOwnOutcome(
  db: DB,
  owner: { provinceId: string; userId: string },
  applicationId: string,
): Promise<OwnOutcome | null> {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const found = await findOwnOutcome(trx, owner.provinceId, owner.userId, applicationId)
    if (!found || !['finalist', 'shortlisted', 'not_selected'].includes(found.status)) return null
    const outcome = found.status as Outcome
    if (!found.share_scores) return { outcome, scores: null }
    const rows = await listOwnScores(trx, owner.provinceId, applicationId)
    return {
      outcome,
      scores: rows.map((r) => ({
        id: r.id,
        title: { id: r.title_id, en: r.title_en },
        mean: Number(r.mean),
        comments: r.comments ?? [],
      })),
    }
  })
}

/** The province's published finalists in the edition (venture and issue), for the portal. */
export function loadPublishedFinalists(db: DB, provinceId: string, editionId: string) {
  return withTenant(db, { provinceId }, (trx) => listPublishedFinalists(trx, provinceId, editionId))
}
