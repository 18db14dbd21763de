// Reading a failed conform submission (parseWithZod) for the pages that show their own
// messages rather than a conform form: plain forms on pages that ship no React.

type Errors = Record<string, string[] | null> | null | undefined

/** The first message per field, in the schema's order (the key '' is the whole form). */
export function firstErrors(error: Errors): Record<string, string> {
  const first: Record<string, string> = {}
  for (const [field, messages] of Object.entries(error ?? {})) {
    if (messages?.[0]) first[field] = messages[0]
  }
  return first
}

/** The first message of the whole submission, or `fallback` when it has none. */
export function firstError(error: Errors, fallback: string): string {
  return Object.values(firstErrors(error))[0] ?? fallback
}
