import { z } from 'zod'
import { supportedLanguages } from '#app/i18n/config.ts'
import { requiredText } from '#app/modules/validation/fields.ts'
import { commonPasswords } from './common-passwords.ts'

// Shared by the forms (client-side validation) and the actions (the real check).
// Messages are translation keys, turned into text by the form components.
export const E = {
  required: 'auth:errors.required' as const,
  email: 'auth:errors.email' as const,
  tooLong: 'auth:errors.tooLong' as const,
  phone: 'auth:errors.phone' as const,
  passwordTooShort: 'auth:errors.passwordTooShort' as const,
  passwordTooLong: 'auth:errors.passwordTooLong' as const,
  passwordCommon: 'auth:errors.passwordCommon' as const,
  province: 'auth:errors.province' as const,
}

const text = (max: number) => requiredText(max, E)

export const emailField = text(254).pipe(z.string().email(E.email))
/** A province picked from a list, by slug (which one exists and is active is the action's check). */
export const provinceField = z.string({ required_error: E.province }).regex(/^[a-z][a-z0-9-]{1,30}$/, E.province)
export const nameField = text(120)
export const newPasswordField = z
  .string({ required_error: E.required })
  .min(8, E.passwordTooShort)
  .max(128, E.passwordTooLong)
  .refine((p) => !commonPasswords.has(p.toLowerCase()), E.passwordCommon)
export const phoneField = z
  .string()
  .trim()
  .max(20, E.tooLong)
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, E.phone)
  .optional()
export const languageField = z.enum(supportedLanguages)

export const loginSchema = z.object({
  email: text(254),
  // Checked against the stored hash only; length capped so nobody hashes megabytes.
  password: z.string({ required_error: E.required }).min(1, E.required).max(1024, E.tooLong),
  redirectTo: z.string().max(2000).optional(),
})

export const registerSchema = z.object({
  name: nameField,
  email: emailField,
  phone: phoneField,
  password: newPasswordField,
  province: provinceField,
})

export const forgotSchema = z.object({ email: emailField })
export const resetSchema = z.object({ token: z.string().min(1).max(200), password: newPasswordField })
export const verifySchema = z.object({ token: z.string().min(1).max(200) })

export const profileSchema = z.object({
  intent: z.literal('profile'),
  name: nameField,
  phone: phoneField,
  locale: languageField,
})

export const passwordChangeSchema = z.object({
  intent: z.literal('password'),
  currentPassword: z.string({ required_error: E.required }).min(1, E.required).max(1024, E.tooLong),
  newPassword: newPasswordField,
})

export const acceptInvitationSchema = z.object({
  name: nameField.optional(),
  password: newPasswordField.optional(),
})

/** An invitation link's new account: the name and password of the invited address. */
export const newInviteeSchema = acceptInvitationSchema.required({ name: true, password: true })

export const inviteSchema = z.object({
  intent: z.literal('invite'),
  name: nameField,
  email: emailField,
  opd: z.string().uuid(E.required).optional(),
})

/** The national home's invitation of a Bappeda admin: the province is picked in the form. */
export const provinceAdminInviteSchema = inviteSchema.omit({ opd: true }).extend({ province: provinceField })

export const revokeSchema = z.object({ intent: z.literal('revoke'), membership: z.string().uuid() })

/** The national accounts page: the account looked up by `?email=`, and its (de)activation. */
export const accountQuerySchema = z.object({ email: emailField })
export const accountToggleSchema = z.object({ email: emailField, intent: z.enum(['deactivate', 'reactivate']) })
