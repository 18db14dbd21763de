import type { Language } from '#app/i18n/config.ts'
import { i18nFor } from '#app/i18n/i18n.server.ts'

type ErrorKey = 'overload' | 'tooLarge' | 'badRequest'

/**
 * A minimal page for answers given before Remix runs (503 overload, 413 too large, 400
 * malformed input): no scripts, no styles, no database, in the visitor's language.
 * `home` adds a link back to the home page (the 400, where retrying would not help).
 */
export function plainPage(
  language: Language,
  status: number,
  key: ErrorKey,
  values: Record<string, string | number> = {},
  { home = false }: { home?: boolean } = {},
): Buffer {
  const t = i18nFor(language).getFixedT(language, 'common')
  const text = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const title = text(t(`errors.${key}Title`))
  const body = text(t(`errors.${key}Body`, values))
  const link = home ? `<p><a href="/">${text(t('errors.backHome'))}</a></p>` : ''
  return Buffer.from(
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — WiNNER</title></head><body><main><p>${status}</p><h1>${title}</h1><p>${body}</p>${link}</main></body></html>`,
  )
}
