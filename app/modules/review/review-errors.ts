// How the Bappeda review workflows (screening, settings, rubric, assignment) say no.
// A refusal is an expected answer shown to the admin: a translation key, the HTTP status
// it deserves (409 when the state forbids it, 400 for bad input), optionally one field.
// "Not found" covers ids that do not exist in this province, guessed ones included (404).

export class ReviewRefused extends Error {
  constructor(
    readonly key: string,
    readonly status: 400 | 409 = 409,
    readonly field?: string,
  ) {
    super(key)
  }
}

export class ReviewNotFound extends Error {
  constructor(what: string) {
    super(`${what} not found in this province`)
  }
}

/** Runs a workflow step and turns "not found in this province" into the route's 404. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof ReviewNotFound) throw new Response('Not Found', { status: 404 })
    throw error
  }
}
