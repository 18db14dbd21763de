import type { Language } from '#app/i18n/config.ts'

// Pure formatting for the public portal.

/**
 * A baseline value as PostgreSQL's numeric text ("1234.5", "-0.25") in the reader's
 * notation ("1.234,5" in Indonesian, "1,234.5" in English), digit for digit: going
 * through a JavaScript number could round a long value.
 */
export function formatDecimal(value: string, language: Language): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim())
  if (!m) return value
  const [, sign, whole = '', fraction] = m
  const [group, decimal] = language === 'id' ? ['.', ','] : [',', '.']
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)
  return `${sign}${grouped}${fraction ? `${decimal}${fraction}` : ''}`
}

/**
 * A wa.me link for a WhatsApp number as people write it in Indonesia ("0812-…",
 * "+62 812 …"): digits only, a leading 0 standing for the country code 62.
 */
export function whatsappLink(number: string): string | null {
  const digits = number.replace(/\D/g, '')
  if (digits.length < 6) return null
  return `https://wa.me/${digits.startsWith('0') ? `62${digits.slice(1)}` : digits}`
}

/** Splits a long text into paragraphs at blank lines, each paragraph into its lines. */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trim()))
    .filter((lines) => lines.some((l) => l !== ''))
}
