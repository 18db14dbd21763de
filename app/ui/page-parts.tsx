import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

// Small page parts every workspace reuses, so pages look and read alike
// (docs/ARCHITECTURE.md#page-parts). No data access; texts come translated.

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
