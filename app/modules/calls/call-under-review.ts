// Pure: which call a province's screening, review, ranking and selection are about.

interface CallLike {
  status: 'draft' | 'published'
  opens_at: Date
}

/**
 * The call under review at `now`: among the published calls (a draft was never
 * announced, so it has no applications and is never under review), the latest one that
 * has opened (an open call is already screened as it goes; a closed one is being
 * reviewed), else the latest announced one, whose review can be prepared before it opens.
 */
export function callUnderReview<T extends CallLike>(calls: readonly T[], now: Date): T | undefined {
  const latestFirst = calls
    .filter((c) => c.status === 'published')
    .sort((a, b) => b.opens_at.getTime() - a.opens_at.getTime())
  return latestFirst.find((c) => c.opens_at.getTime() <= now.getTime()) ?? latestFirst[0]
}
