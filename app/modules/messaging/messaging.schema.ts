import { z } from 'zod'
import { normalisePhone } from './phone.ts'

// The account page's phone-channel forms and the provider's callback bodies (README
// "WhatsApp and SMS"). Form messages are translation keys of the `messaging` namespace.

const E = {
  phone: 'messaging:errors.phone' as const,
  code: 'messaging:errors.codeFormat' as const,
}

export const phoneIntentSchema = z.object({
  intent: z.literal('phone-code'),
  phone: z
    .string({ required_error: E.phone })
    .max(30, E.phone)
    .transform((v, ctx) => {
      const phone = normalisePhone(v)
      if (!phone) {
        ctx.addIssue({ code: 'custom', message: E.phone })
        return z.NEVER
      }
      return phone
    }),
})

export const codeIntentSchema = z.object({
  intent: z.literal('phone-verify'),
  code: z
    .string({ required_error: E.code })
    .trim()
    .regex(/^\d{6}$/, E.code),
})

export const stopIntentSchema = z.object({ intent: z.literal('phone-stop') })

/** The account page's intents of the phone channel. */
export const PHONE_INTENTS = ['phone-code', 'phone-verify', 'phone-stop'] as const

/** A delivery report: `POST /webhooks/messaging/status`. */
export const statusCallbackSchema = z.object({
  id: z.string().min(1).max(200),
  reference: z.string().max(200).optional(),
  status: z.enum(['sent', 'delivered', 'failed']),
  error: z.string().max(500).optional(),
})

/** A message a person sent us: `POST /webhooks/messaging/inbound`. */
export const inboundSchema = z.object({
  id: z.string().min(1).max(200),
  from: z.string().min(3).max(30),
  text: z.string().max(4096).default(''),
  channel: z.enum(['whatsapp', 'sms']).optional(),
})
