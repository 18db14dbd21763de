import { parseWithZod } from '@conform-to/zod'
import type { RequestMeta } from '#app/modules/auth/accounts.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import type { DB } from '#db/client.ts'
import { codeIntentSchema, PHONE_INTENTS, phoneIntentSchema, stopIntentSchema } from './messaging.schema.ts'
import { confirmPhoneCode, requestPhoneCode, stopFromAccount } from './phone-channel.server.ts'

// The account page's phone-channel intents (routes/account.tsx), one function each:
// parsed here with conform, answered as a notice or an error key for the section.

export interface PhoneReply {
  intent: 'phone'
  notice: string | null
  error: string | null
  status: number
}

const answer = (status: number, notice: string | null, error: string | null): PhoneReply => ({
  intent: 'phone',
  notice,
  error,
  status,
})

/** Whether the form belongs to the phone-channel section. */
export function isPhoneIntent(intent: unknown): boolean {
  return (PHONE_INTENTS as readonly unknown[]).includes(intent)
}

const firstError = (errors: Record<string, string[] | null> | null | undefined) =>
  Object.values(errors ?? {}).flatMap((e) => e ?? [])[0] ?? 'messaging:errors.phone'

export async function phoneChannelIntent(
  db: DB,
  userId: string,
  formData: FormData,
  meta: RequestMeta,
): Promise<PhoneReply> {
  const intent = formData.get('intent')
  if (intent === 'phone-code') {
    const submission = parseWithZod(formData, { schema: phoneIntentSchema })
    if (submission.status !== 'success') return answer(400, null, firstError(submission.error))
    try {
      await requestPhoneCode(db, userId, submission.value.phone, meta)
    } catch (error) {
      const no = refusal(error)
      return answer(no.status, null, no.key)
    }
    return answer(200, 'messaging:account.codeSent', null)
  }
  if (intent === 'phone-verify') {
    const submission = parseWithZod(formData, { schema: codeIntentSchema })
    if (submission.status !== 'success') return answer(400, null, firstError(submission.error))
    let outcome: Awaited<ReturnType<typeof confirmPhoneCode>>
    try {
      outcome = await confirmPhoneCode(db, userId, submission.value.code, meta)
    } catch (error) {
      const no = refusal(error)
      return answer(no.status, null, no.key)
    }
    return outcome === 'verified'
      ? answer(200, 'messaging:account.verified', null)
      : answer(400, null, `messaging:errors.code.${outcome}`)
  }
  const submission = parseWithZod(formData, { schema: stopIntentSchema })
  if (submission.status !== 'success') return answer(400, null, 'messaging:errors.phone')
  await stopFromAccount(db, userId, meta)
  return answer(200, 'messaging:account.stopped', null)
}
