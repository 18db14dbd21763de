/** Indonesian first, English second (docs/ARCHITECTURE.md#i18n). */
export const supportedLanguages = ['id', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'id'
export const namespaces = [
  'common',
  'portal',
  'auth',
  'manage',
  'mail',
  'national',
  'catalogue',
  'calls',
  'venture',
  'apply',
  'screening',
  'review',
  'selection',
  'mentoring',
  'final-night',
  'messaging',
  'privacy',
  'cocreation',
  'mou',
  'jippnas',
  'replication',
  'impact',
  'inclusion',
  'oversight',
] as const
export const defaultNamespace = 'common'
/** Cookie that remembers an explicit `?lng=` choice for a year. */
export const languageCookieName = 'lng'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}
