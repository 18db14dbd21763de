import Negotiator from 'negotiator'
import { fallbackLanguage, isLanguage, type Language, languageCookieName, supportedLanguages } from './config.ts'

export interface LanguageChoice {
  language: Language
  /** True when `?lng=` asked for a valid language that should now be remembered. */
  fromQuery: boolean
}

export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

/**
 * The language for a request: a valid `?lng=`, else the remembered cookie, else
 * the best `Accept-Language` match, else Indonesian. Invalid values are ignored.
 * Shared by the Remix app and the portal page cache so both pick the same page.
 */
export function detectLanguage(
  url: URL,
  headers: { cookie?: string | null; acceptLanguage?: string | null },
): LanguageChoice {
  const query = url.searchParams.get('lng')
  if (isLanguage(query)) return { language: query, fromQuery: true }
  const cookie = cookieValue(headers.cookie, languageCookieName)
  if (isLanguage(cookie)) return { language: cookie, fromQuery: false }
  if (headers.acceptLanguage) {
    const best = new Negotiator({ headers: { 'accept-language': headers.acceptLanguage } }).language([
      ...supportedLanguages,
    ])
    if (isLanguage(best)) return { language: best, fromQuery: false }
  }
  return { language: fallbackLanguage, fromQuery: false }
}

/** `Set-Cookie` value remembering a language choice. */
export function languageCookie(language: Language, secure: boolean): string {
  return `${languageCookieName}=${language}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`
}
