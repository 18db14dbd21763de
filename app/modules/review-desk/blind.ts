import { TEXT_LIMITS, type TextField } from '#app/modules/applications/application-sections.ts'

// Pure (no I/O): the one place that decides what of an application a reviewer's page
// and loader JSON carry (issue 7, blind review). Identifying fields are left out of
// the view model entirely — not hidden in markup — so they cannot reach the HTML,
// <title>, hidden inputs or Remix's loader data. Free text the applicant wrote is
// passed as written: names an applicant puts in their own answers are theirs to avoid.

export interface ApplicationContent extends Record<TextField, string> {
  id: string
  receipt_number: string | null
  submitted_at: Date | null
  beneficiaries_count: number | null
  issue_title_id: string
  issue_title_en: string
  venture_name: string
  legal_form: string
  stage: string
  year_founded: number | null
  address: string
  website: string | null
  social_links: string
  regency_name: string | null
  regency_kind: string | null
}

export interface TeamMember {
  id: string
  name: string
  role: string
  gender: string
  age_band: string
}

export interface AttachmentRow {
  id: string
  original_name: string
  size: number
  content_type: string
  kind: string
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }

/** The name a reviewer's download carries: its place in the list, never the applicant's file name. */
export function genericFileName(position: number, contentType: string): string {
  return `lampiran-${position}.${EXTENSIONS[contentType] ?? 'bin'}`
}

/** What the reviewer's page shows of one application; identifying fields are null in a blind call. */
export function reviewView(
  content: ApplicationContent,
  team: readonly TeamMember[],
  files: readonly AttachmentRow[],
  blind: boolean,
) {
  const texts = Object.fromEntries(
    (Object.keys(TEXT_LIMITS) as TextField[]).map((name) => [name, content[name]]),
  ) as Record<TextField, string>
  return {
    id: content.id,
    receipt_number: content.receipt_number,
    submitted_at: content.submitted_at,
    issue_title_id: content.issue_title_id,
    issue_title_en: content.issue_title_en,
    blind,
    organisation: blind ? null : content.venture_name,
    venture: {
      legal_form: content.legal_form,
      stage: content.stage,
      year_founded: content.year_founded,
      regency_name: content.regency_name,
      regency_kind: content.regency_kind,
      // An address, a website or social accounts name the organisation as surely as its name.
      address: blind ? null : content.address,
      website: blind ? null : content.website,
      social_links: blind ? null : content.social_links,
    },
    texts,
    beneficiaries_count: content.beneficiaries_count,
    team: team.map((m, i) => ({
      key: i + 1,
      name: blind ? null : m.name,
      role: m.role,
      gender: m.gender,
      age_band: m.age_band,
    })),
    files: files.map((f, i) => ({
      id: f.id,
      position: i + 1,
      name: blind ? null : f.original_name,
      download: genericFileName(i + 1, f.content_type),
      kind: f.kind,
      size: f.size,
    })),
  }
}

export type ReviewView = ReturnType<typeof reviewView>
