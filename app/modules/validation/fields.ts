import { z } from 'zod'

// Zod building blocks shared by every form schema. Messages are translation keys
// of the calling module's namespace, so each form keeps its own wording.

// Characters nobody types on purpose and that change how text reads (issue 11 §2):
// C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and
// isolates that make "evil\u202Efdp.exe" display as "evilexe.pdf".
const BIDI = '\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069'
const UNSAFE_LINE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${BIDI}]`, 'g')
const UNSAFE_MULTILINE = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${BIDI}]`, 'g')

/**
 * Text as people meant to type it: controls and bidi overrides removed. One line (names,
 * titles, file names) turns tabs and line breaks into spaces; `multiline` keeps tab, LF and CR.
 */
export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  if (options.multiline) return value.replace(UNSAFE_MULTILINE, '')
  return value.replace(/[\t\n\r\u2028\u2029]/g, ' ').replace(UNSAFE_LINE, '')
}

const line = () => z.string().transform((v) => cleanText(v))
const lines = () => z.string().transform((v) => cleanText(v, { multiline: true }))

/** One line of trimmed, cleaned text (a name, a title) that must be present and at most `max` characters. */
export function requiredText(max: number, messages: { required: string; tooLong: string }) {
  return z
    .string({ required_error: messages.required, invalid_type_error: messages.required })
    .transform((v) => cleanText(v))
    .pipe(z.string({ required_error: messages.required }).trim().min(1, messages.required).max(max, messages.tooLong))
}

/** One line of trimmed, cleaned text that may be left empty, at most `max` characters. */
export function optionalText(max: number, tooLong: string) {
  return line().pipe(z.string().trim().max(max, tooLong).optional()).optional()
}

/** Several lines (a description, an address) that may be left empty, cleaned, at most `max` characters. */
export function optionalLines(max: number, tooLong: string) {
  return lines().pipe(z.string().trim().max(max, tooLong).optional()).optional()
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
