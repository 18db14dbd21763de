import type { ConflictKind } from '#db/schema.ts'

// Automatic conflict-of-interest detection (issue 7), pure: the workflow feeds it the
// province's reviewers and the applications about to be assigned, and stores what it
// finds as `detected` conflicts, which the assignment then never pairs.
//
// Two signals, both cheap and explainable to the admin:
// - email_domain: the reviewer's and the applicant's mail share a domain that is not a
//   public mail provider (an office or organisation domain);
// - organisation_match: the venture's name, normalised, IS the reviewer's OPD (name or
//   short name) or the reviewer's own name, or a venture member has the reviewer's name.
// Names are compared for equality after normalising, not by containment: "Dinas
// Pertanian" inside "Koperasi Tani Dinas Pertanian Lestari" would flag too much and
// leave applications uncovered, while equality catches the real cases (a venture named
// after the person or the office) and the admin can still add a conflict by hand.

/**
 * Mail domains anyone can use: sharing one says nothing about a relationship. The demo
 * domain is one of them — every demo account, applicants and reviewers alike, lives there
 * (README, demo accounts), so treating it as an organisation conflicted every demo pair.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'demo.winner.id',
  'gmail.com',
  'yahoo.com',
  'yahoo.co.id',
  'hotmail.com',
  'outlook.com',
  'icloud.com',
  'ymail.com',
  'live.com',
  'proton.me',
  'protonmail.com',
  'mail.com',
])

export interface ConflictReviewer {
  id: string
  name: string
  email: string
  opdName: string | null
  opdShortName: string | null
}

export interface ConflictApplication {
  id: string
  applicantEmail: string
  ventureName: string
  memberNames: readonly string[]
}

export interface DetectedConflict {
  reviewerId: string
  applicationId: string
  kind: Extract<ConflictKind, 'email_domain' | 'organisation_match'>
  /** What matched, for the admin (a domain or a name); never shown to applicants. */
  note: string
}

/** Lower case, accents dropped, punctuation and runs of spaces folded into one space. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The domain of an address, lower case; null for something that is not an address. */
export function mailDomain(email: string): string | null {
  const at = email.lastIndexOf('@')
  if (at < 1 || at === email.length - 1) return null
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase()
}

function organisationDomain(email: string): string | null {
  const domain = mailDomain(email)
  return domain && !PUBLIC_MAIL_DOMAINS.has(domain) ? domain : null
}

/** Every (reviewer, application) pair with a detected conflict; at most one entry per pair. */
export function detectConflicts(
  reviewers: readonly ConflictReviewer[],
  applications: readonly ConflictApplication[],
): DetectedConflict[] {
  // Each reviewer's signals once, not per application: normalising is the costly part
  // and a call pairs every application with every reviewer (5,000 × 60).
  const prepared = reviewers.map((r) => ({
    id: r.id,
    name: r.name,
    domain: organisationDomain(r.email),
    normalisedName: normaliseName(r.name),
    names: [r.opdName, r.opdShortName, r.name]
      .filter((n): n is string => !!n)
      .map((n) => ({ raw: n, normalised: normaliseName(n) }))
      .filter((n) => !!n.normalised),
  }))
  const found: DetectedConflict[] = []
  for (const app of applications) {
    const appDomain = organisationDomain(app.applicantEmail)
    const venture = normaliseName(app.ventureName)
    const members = new Set(app.memberNames.map(normaliseName).filter(Boolean))
    for (const r of prepared) {
      // The email domain is the stronger signal: it names the kind when both match.
      if (appDomain && r.domain === appDomain) {
        found.push({ reviewerId: r.id, applicationId: app.id, kind: 'email_domain', note: appDomain })
        continue
      }
      const asVenture = venture ? r.names.find((n) => n.normalised === venture)?.raw : undefined
      const asMember = r.normalisedName && members.has(r.normalisedName) ? r.name : undefined
      const matched = asVenture ?? asMember
      if (matched) found.push({ reviewerId: r.id, applicationId: app.id, kind: 'organisation_match', note: matched })
    }
  }
  return found
}
