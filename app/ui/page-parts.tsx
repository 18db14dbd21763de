import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

// Small page parts every workspace reuses, so pages look and read alike
// (docs/ARCHITECTURE.md#page-parts). No data access; texts come translated, the
// pager's own words from common:pager.

/** "3 of 8 sections complete" with a bar; the text is what screen readers and no-CSS readers get. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div className="progress">
      <span>{label}</span>
      <progress value={value} max={max} aria-label={label} />
    </div>
  )
}

/** A state in a word ("Draf", "Dikirim"), set apart from the text around it. */
export function StatusBadge({ children }: { children: ReactNode }) {
  return <span className="badge">{children}</span>
}

/** An empty list that says what to do about it. */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p>{children}</p>
      {action ? <p>{action}</p> : null}
    </div>
  )
}

/** Where this page sits: links to the pages above it, outermost first (the page itself is its heading). */
export function Breadcrumbs({ trail, label }: { trail: { to: string; label: string }[]; label: string }) {
  return (
    <nav aria-label={label} className="breadcrumbs">
      <ol>
        {trail.map((crumb) => (
          <li key={crumb.to}>
            <Link to={crumb.to}>{crumb.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/**
 * "Halaman 2 dari 5" between previous/next links; nothing when everything fits on one page.
 * `href` writes a page's link (keeping the list's other query parameters); `label` names
 * the navigation where a page has more than one list.
 */
export function Pager({
  page,
  pageCount,
  href,
  label,
}: {
  page: number
  pageCount: number
  href: (page: number) => string
  label?: string
}) {
  const { t } = useTranslation('common')
  if (pageCount <= 1) return null
  return (
    <nav aria-label={label ?? t('pager.label')} className="subnav">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t('pager.previous')}
        </Link>
      ) : null}
      <span>{t('pager.pageOf', { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next">
          {t('pager.next')}
        </Link>
      ) : null}
    </nav>
  )
}
