import type { ChecklistItem } from './call-rules.ts'

// How call workflows say no. A refusal is an expected answer shown to the user (a
// translation key, optionally on one field, or the checklist items still missing);
// "not found" covers ids that do not exist in this province, including guessed ids
// of another one (docs/ARCHITECTURE.md#tenancy: 404).

export class CallRefused extends Error {
  constructor(
    readonly key: string,
    readonly field?: 'opens_at' | 'closes_at',
    readonly missing: ChecklistItem[] = [],
  ) {
    super(key)
  }
}

export class CallNotFound extends Error {
  constructor() {
    super('call not found in this province')
  }
}

/** Runs a workflow step and turns "not found in this province" into the route's 404. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof CallNotFound) throw new Response('Not Found', { status: 404 })
    throw error
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A call id from the URL; anything that is not a UUID cannot exist here (404, never a database error). */
export function callIdParam(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw new Response('Not Found', { status: 404 })
  return value.toLowerCase()
}
