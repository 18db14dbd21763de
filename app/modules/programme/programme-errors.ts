// How programme workflows say no. A refusal is an expected answer shown to the user
// (a translation key on one field, or on the whole form); "not found" answers 404
// (docs/ARCHITECTURE.md#tenancy).

export class ProgrammeRefused extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
    /** Further fields refused at the same time (e.g. both slug and BPS code taken). */
    readonly more: Record<string, string> = {},
  ) {
    super(key)
  }

  /** The refusal as conform reply options; without a field it belongs to the whole form. */
  replyOptions(): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
    const fieldErrors: Record<string, string[]> = this.field ? { [this.field]: [this.key] } : {}
    for (const [field, key] of Object.entries(this.more)) fieldErrors[field] = [key]
    return { formErrors: this.field ? [] : [this.key], fieldErrors }
  }
}

export class ProgrammeNotFound extends Error {
  constructor(what: string) {
    super(`${what} not found`)
  }
}

/** Runs a workflow step and turns "not found" into the route's 404. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof ProgrammeNotFound) throw new Response('Not Found', { status: 404 })
    throw error
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A slug-like URL segment; anything else cannot exist (404, never a database error). */
export function slugParam(value: string | undefined): string {
  if (!value || !/^[a-z0-9][a-z0-9-]{0,40}$/.test(value)) throw new Response('Not Found', { status: 404 })
  return value
}

/** True for a UUID (ids from forms are checked before they reach a query). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
