import { z } from 'zod'

// Zod building blocks shared by every form schema. Messages are translation keys
// of the calling module's namespace, so each form keeps its own wording.

/** Trimmed text that must be present and at most `max` characters. */
export function requiredText(max: number, messages: { required: string; tooLong: string }) {
  return z
    .string({ required_error: messages.required, invalid_type_error: messages.required })
    .trim()
    .min(1, messages.required)
    .max(max, messages.tooLong)
}

/** Trimmed text that may be left empty, at most `max` characters. */
export function optionalText(max: number, tooLong: string) {
  return z.string().trim().max(max, tooLong).optional()
}

/** True for a real calendar day written YYYY-MM-DD (no 31 February). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

/** A calendar day as `<input type="date">` sends it. */
export function calendarDay(messages: { required: string; date: string }) {
  return z.string({ required_error: messages.required }).refine(isCalendarDay, messages.date)
}
