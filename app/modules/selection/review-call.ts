// Pure: which call a province's review, ranking and selection are about (issue 7).

interface CallLike {
  opens_at: Date
}

/**
 * The call under review at `now`: the latest one that has opened (an open call is
 * already screened as it goes; a closed one is being reviewed). A call that has not
 * opened yet has nothing to rank.
 */
export function reviewCall<T extends CallLike>(calls: readonly T[], now: Date): T | undefined {
  return calls
    .filter((c) => c.opens_at.getTime() <= now.getTime())
    .sort((a, b) => b.opens_at.getTime() - a.opens_at.getTime())[0]
}
