// The one vocabulary every module uses to say no (pure, no I/O).
//
// - Refused: an expected answer shown to the person — an i18n key, the HTTP status it
//   deserves (409 when the state forbids it, 400 for bad input, 403 for a missing right,
//   422 for content that cannot be processed),
//   optionally the form field it belongs to, further fields, and details (e.g. the
//   checklist items or sections still missing).
// - NotFound: the thing does not exist *for this viewer* (another tenant's or another
//   applicant's id, a guessed or malformed one): always 404, never a hint that it exists.
//
// Modules throw them; the server seam (app/server/error-answers.ts) answers any that a route
// does not catch, so a route only catches a refusal it shows inside its own form.

// Recognised by a registry-wide symbol, not instanceof: the server seam runs from source
// while routes run from the built bundle, each with its own copy of these classes.
const REFUSED = Symbol.for('winner.refused')
const NOT_FOUND = Symbol.for('winner.notFound')

export type RefusalStatus = 400 | 403 | 409 | 422

export interface RefusalOptions {
  /** Defaults to 400 when the refusal names a field (bad input), else 409 (the state forbids it). */
  status?: RefusalStatus
  field?: string
  /** Further fields refused at the same time (field → key), e.g. both slug and BPS code taken. */
  fields?: Record<string, string>
  /** What the key's message lists (checklist items, incomplete sections). */
  detail?: readonly string[]
}

export class Refused extends Error {
  readonly status: RefusalStatus
  readonly field: string | undefined
  readonly fields: Readonly<Record<string, string>>
  readonly detail: readonly string[]

  constructor(
    readonly key: string,
    options: RefusalOptions = {},
  ) {
    super(key)
    this.name = 'Refused'
    Object.defineProperty(this, REFUSED, { value: true })
    this.field = options.field
    this.status = options.status ?? (options.field ? 400 : 409)
    this.fields = options.fields ?? {}
    this.detail = options.detail ?? []
  }

  /** The refusal as conform reply options; without a field it belongs to the whole form. */
  replyOptions(): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
    const fieldErrors: Record<string, string[]> = this.field ? { [this.field]: [this.key] } : {}
    for (const [field, key] of Object.entries(this.fields)) fieldErrors[field] = [key]
    return { formErrors: this.field ? [] : [this.key], fieldErrors }
  }
}

export class NotFound extends Error {
  readonly status = 404
  constructor(what = 'resource') {
    super(`${what} not found`)
    this.name = 'NotFound'
    Object.defineProperty(this, NOT_FOUND, { value: true })
  }
}

export function isRefused(error: unknown): error is Refused {
  return typeof error === 'object' && error !== null && REFUSED in error
}

export function isNotFound(error: unknown): error is NotFound {
  return typeof error === 'object' && error !== null && NOT_FOUND in error
}

/** A "no" the state (409), the input (400) or the viewer's rights (403) calls for. */
export function refused(key: string, options?: RefusalOptions): Refused {
  return new Refused(key, options)
}

/** Bad input (400), optionally on one field. */
export function invalid(key: string, field?: string): Refused {
  return new Refused(key, { status: 400, field })
}

/** The viewer lacks the right (403); the error page says so in their language. */
export function forbidden(): Refused {
  return new Refused('errors.forbiddenBody', { status: 403 })
}

/** Not found for this viewer (404); `what` only names it in logs. */
export function notFound(what?: string): NotFound {
  return new NotFound(what)
}

/** Throws `error` (404 unless told otherwise) unless the condition holds. */
export function invariant(condition: unknown, error: Refused | NotFound = notFound()): asserts condition {
  if (!condition) throw error
}

/** The value, or 404 when the lookup found nothing. */
export function found<T>(value: T | null | undefined, what?: string): T {
  if (value === null || value === undefined) throw notFound(what)
  return value
}

/**
 * The refusal a route shows inside its form; anything else (NotFound, bugs) is thrown
 * on to the seam, which answers it. Replaces `instanceof` chains in routes.
 */
export function refusal(error: unknown): Refused {
  if (isRefused(error)) return error
  throw error
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SLUG = /^[a-z0-9][a-z0-9-]{0,40}$/

/** True for a UUID (ids from forms and URLs are checked before they reach a query). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

type Params = Readonly<Record<string, string | undefined>>

/** An id from the URL; anything that is not a UUID cannot exist here (404, never a database error). */
export function idParam(params: Params, name: string): string {
  const value = params[name]
  if (!isUuid(value)) throw notFound(name)
  return value.toLowerCase()
}

/** A slug-like URL segment (edition, issue code, province); anything else cannot exist (404). */
export function slugParam(params: Params, name: string): string {
  const value = params[name]
  if (!value || !SLUG.test(value)) throw notFound(name)
  return value
}

/** A UUID from a form field, or null when absent or malformed. */
export function idField(form: FormData, name: string): string | null {
  const value = form.get(name)
  return isUuid(value) ? value.toLowerCase() : null
}

/** What Kysely answers for an UPDATE or DELETE (`execute()` gives a list, `executeTakeFirst()` one). */
type WriteResult = { numUpdatedRows: bigint } | { numDeletedRows: bigint }

function isWriteResult(value: unknown): value is WriteResult {
  return typeof value === 'object' && value !== null && ('numUpdatedRows' in value || 'numDeletedRows' in value)
}

/**
 * The one home of guarded writes: an UPDATE/DELETE whose WHERE names the state it expects
 * (`status = 'draft'`, `accepted_at is null`) matches nothing when a concurrent transaction
 * moved the row on first. It must hit exactly its row(s) — or the person gets the refusal
 * `key` (409 unless told otherwise), never a false "saved" nor a 500, and the caller's
 * transaction rolls back whatever it wrote before. Takes the write's result (answers the
 * rows written) or the row of `returning(…).executeTakeFirst()` (answers that row).
 * docs/ARCHITECTURE.md#errors
 */
export function expectWritten(
  result: WriteResult | readonly WriteResult[],
  key: string,
  options?: RefusalOptions & { rows?: number },
): number
export function expectWritten<Row extends object>(row: Row | undefined, key: string, options?: RefusalOptions): Row
export function expectWritten(
  result: object | undefined,
  key: string,
  options: RefusalOptions & { rows?: number } = {},
): unknown {
  const { rows = 1, ...refusal } = options
  if (result === undefined) throw refused(key, refusal)
  const results = Array.isArray(result) ? result : [result]
  if (!results.every(isWriteResult)) return result
  const written = results.reduce(
    (sum, r) => sum + Number('numUpdatedRows' in r ? r.numUpdatedRows : r.numDeletedRows),
    0,
  )
  if (written !== rows) throw refused(key, refusal)
  return written
}
