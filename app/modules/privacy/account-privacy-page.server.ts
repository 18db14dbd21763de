import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { refusal } from '#app/modules/errors/errors.ts'
import type { DB } from '#db/client.ts'
import { selfServiceSchema } from './privacy.schema.ts'
import { fileRequest, type Meta, requestErasure, setOptionalConsent } from './privacy.server.ts'

// The intents of the account's privacy page (routes/account.privacy.tsx), one function
// each, parsed here with conform: give or withdraw the optional consent, file a request
// for the officer, ask for erasure (done at once or queued).

export type SelfServiceOutcome =
  | { done: 'consentGiven' | 'consentWithdrawn' | 'requestFiled' | 'erasureQueued' }
  | { erased: true }
  | { reply: { result?: SubmissionResult<string[]>; refused?: string }; status: 400 | 409 }

export async function runSelfService(
  db: DB,
  userId: string,
  formData: FormData,
  meta: Meta,
): Promise<SelfServiceOutcome> {
  const submission = parseWithZod(formData, { schema: selfServiceSchema })
  if (submission.status !== 'success') return { reply: { result: submission.reply() }, status: 400 }
  const value = submission.value
  try {
    if (value.intent === 'consent') {
      await setOptionalConsent(db, userId, value.granted === 'yes', meta)
      return { done: value.granted === 'yes' ? 'consentGiven' : 'consentWithdrawn' }
    }
    if (value.intent === 'request') {
      await fileRequest(db, userId, { kind: value.kind, details: value.details }, meta)
      return { done: 'requestFiled' }
    }
    const outcome = await requestErasure(db, userId, value.details ?? '', meta)
    return outcome.kind === 'erased' ? { erased: true } : { done: 'erasureQueued' }
  } catch (error) {
    return { reply: { refused: refusal(error).key }, status: 409 }
  }
}
