import type { ActionFunctionArgs } from '@remix-run/node'
import { isSignInRedirect } from '#app/modules/applications/form-rescue.server.ts'
import { guardSection, saveSectionForm } from '#app/modules/applications/section-form.server.ts'

// Autosave of one application section (issue 6): the enhancement script posts the
// section's form here after typing pauses and when the page is left, and shows the
// answer. JSON only; nothing here is a page. The same guard and save as "Save".

export type AutosaveReply =
  | { ok: true; savedAt: string; changed: boolean }
  | { ok: false; errors?: Record<string, string[] | null>; refused?: string; reason?: 'signedOut' }

const reply = (body: AutosaveReply, status = 200) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })

export function loader(): never {
  throw new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== 'POST') throw new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } })
  let target: Awaited<ReturnType<typeof guardSection>>
  try {
    target = await guardSection(request, context, params)
  } catch (thrown) {
    // A script cannot sign in; the person's input is still on their screen, and
    // pressing Save then keeps it across signing in (form-rescue.server.ts).
    if (isSignInRedirect(thrown)) return reply({ ok: false, reason: 'signedOut' }, 401)
    throw thrown
  }
  const outcome = await saveSectionForm(request, context, target, await request.formData(), true)
  switch (outcome.kind) {
    case 'saved':
      return reply({ ok: true, savedAt: outcome.savedAt.toISOString(), changed: outcome.changed })
    case 'refused':
      return reply({ ok: false, refused: outcome.key }, 409)
    case 'invalid':
      // Nothing was written: the draft keeps its last valid state, the page what was typed.
      return reply({ ok: false, errors: outcome.fieldErrors ?? outcome.submission.reply().error ?? {} }, 400)
  }
}
