// Phone numbers as Indonesians write them ("0812-3456-7890", "+62 812 …", "62812…"),
// kept in E.164 ("+6281234567890"), and masked wherever they would be logged.

/** The number in E.164, or null when it cannot be one (a leading 0 stands for +62). */
export function normalisePhone(input: string): string | null {
  const trimmed = input.trim()
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  const international = trimmed.startsWith('+')
    ? digits
    : digits.startsWith('0')
      ? `62${digits.slice(1)}`
      : digits.startsWith('62')
        ? digits
        : null
  if (!international || !/^[1-9]\d{7,14}$/.test(international)) return null
  // Indonesian mobile numbers: +62 8xx, 9 to 12 digits after the country code.
  if (international.startsWith('62') && !/^628\d{7,11}$/.test(international)) return null
  return `+${international}`
}

/** "+62••••••••890": the country code and the last three digits, for logs and the dev page. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length <= 5) return '•'.repeat(digits.length)
  return `+${digits.slice(0, 2)}${'•'.repeat(digits.length - 5)}${digits.slice(-3)}`
}
