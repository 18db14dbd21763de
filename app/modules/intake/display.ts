import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'

// Small pure presentation helpers of the intake pages.

/** A file size for people: "812 B", "14 KB", "2,4 MB" in Indonesian (decimal units, like file managers). */
export function formatBytes(size: number, language: Language): string {
  if (size < 1000) return `${formatNumber(size, language)} B`
  if (size < 1_000_000) return `${formatNumber(Math.round(size / 1000), language)} KB`
  return `${formatNumber(size / 1_000_000, language, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`
}
