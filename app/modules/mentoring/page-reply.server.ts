import { refusal } from '#app/modules/errors/errors.ts'

// What a mentoring page's intent answers (issue 14): a redirect after a change
// (Post/Redirect/Get), or the page again with the form's localised errors (400), a
// refusal the state calls for (409) or a missing right (403). Shared by the page twins.

export interface PageReply {
  /** Which form on the page the reply belongs to (and, for row forms, which row). */
  form: string
  errors?: Record<string, string[] | null>
  refused?: string
}
export type PageOutcome = { redirect: string } | { reply: PageReply; status: number }

export const badInput = (form: string, errors: Record<string, string[] | null> | null | undefined): PageOutcome => ({
  reply: { form, errors: errors ?? {} },
  status: 400,
})

/** Runs a change and redirects to `done`; a refusal comes back on its field (400) or above the form. */
export async function attempt(form: string, change: () => Promise<unknown>, done: string): Promise<PageOutcome> {
  try {
    await change()
  } catch (error) {
    const no = refusal(error)
    if (no.field) return { reply: { form, errors: { [no.field]: [no.key] } }, status: 400 }
    return { reply: { form, refused: no.key }, status: no.status }
  }
  return { redirect: done }
}
