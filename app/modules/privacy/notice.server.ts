import type { Language } from '#app/i18n/config.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import type { DB } from '#db/client.ts'

// The privacy page is generated from the consent notice in force: the newest version of
// the current edition's notice (consent_notices, versioned since issue 6), split into its
// titled paragraphs ("Who we are. …").

export interface NoticeSection {
  heading: string
  text: string
}

export function splitNotice(text: string): { title: string; sections: NoticeSection[] } {
  const [title = '', ...paragraphs] = text.split(/\n\s*\n/).map((p) => p.trim())
  return {
    title,
    sections: paragraphs.map((p) => {
      const stop = p.indexOf('. ')
      return stop > 0 && stop < 120 ? { heading: p.slice(0, stop), text: p.slice(stop + 2) } : { heading: '', text: p }
    }),
  }
}

export async function loadNoticeInForce(db: DB, lng: Language) {
  const edition = await findCurrentEdition(db)
  if (!edition) return null
  const notice = await db
    .selectFrom('consent_notices')
    .select(['version', 'text_id', 'text_en', 'published_at'])
    .where('edition_id', '=', edition.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!notice) return null
  return {
    edition: edition.name,
    version: notice.version,
    publishedAt: notice.published_at,
    ...splitNotice(lng === 'en' ? notice.text_en : notice.text_id),
  }
}
