import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** A column the database fills in (default) but which can be written. */
type Defaulted<T> = ColumnType<T, T | undefined, T>
/** `timestamptz`: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
/** `date`: kept as the `YYYY-MM-DD` text PostgreSQL sends (see db/client.ts). */
type DateOnly = string

export type IssueStatus = 'draft' | 'validated' | 'published'
export type EditionStatus = 'planned' | 'active' | 'closed'

export interface ProvincesTable {
  id: Generated<string>
  slug: string
  name: string
  bps_code: string
  time_zone: string
  active: Defaulted<boolean>
  created_at: Defaulted<Date>
  contact_name: Defaulted<string | null>
  contact_email: Defaulted<string | null>
  contact_phone: Defaulted<string | null>
  logo_file_id: Defaulted<string | null>
}

export interface EditionsTable {
  id: Generated<string>
  slug: string
  name: string
  starts_on: DateOnly
  ends_on: DateOnly
  legal_basis: string | null
  status: Defaulted<EditionStatus>
  created_at: Defaulted<Date>
}

export interface PhasesTable {
  id: Generated<string>
  edition_id: string
  number: number
}

export interface PhaseProvincesTable {
  edition_id: string
  phase_id: string
  province_id: string
}

export interface NationalIssuesTable {
  id: Generated<string>
  code: string
  position: number
  name_id: string
  name_en: string
  description_id: Defaulted<string>
  description_en: Defaulted<string>
  icon: Defaulted<string>
  retired_at: Defaulted<Date | null>
}

export type MilestoneKind =
  | 'fgd_validation'
  | 'registration_open'
  | 'registration_close'
  | 'screening'
  | 'review'
  | 'finalist_announcement'
  | 'mentoring'
  | 'final_night'

export interface MilestonesTable {
  id: Generated<string>
  edition_id: string
  phase_id: string
  kind: MilestoneKind
  starts_on: DateOnly
  ends_on: DateOnly | null
  note: string | null
  created_at: Defaulted<Date>
}

export interface FilesTable {
  province_id: string
  id: Generated<string>
  content_type: 'application/pdf' | 'image/png' | 'image/jpeg'
  size: number
  sha256: string
  original_name: string
  data: Buffer
  created_by: string | null
  created_at: Defaulted<Date>
}

export type CocreationOrganiser = 'bappeda' | 'erat'

export interface CocreationEventsTable {
  province_id: string
  id: Generated<string>
  held_on: string
  place: string
  regency_code: string | null
  organiser_kind: CocreationOrganiser
  organiser_name: string
  outcomes: Defaulted<string>
  next_meeting_on: string | null
  minutes_file_id: string | null
  created_by: string | null
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

export interface CocreationAgenciesTable {
  province_id: string
  event_id: string
  opd_id: string
  present: Defaulted<boolean>
}

export interface CocreationFinalistsTable {
  province_id: string
  event_id: string
  application_id: string
}

export interface CocreationTopicsTable {
  province_id: string
  event_id: string
  national_issue_id: string
}

export interface FgdSessionsTable {
  province_id: string
  id: Generated<string>
  edition_id: string
  held_on: DateOnly
  place: string
  facilitator: string | null
  summary: Defaulted<string>
  minutes_file_id: string | null
  created_at: Defaulted<Date>
}

export interface FgdParticipantsTable {
  province_id: string
  fgd_id: string
  opd_id: string
}

export interface IssueIndicatorsTable {
  province_id: string
  id: Generated<string>
  issue_id: string
  name_id: string
  name_en: string
  /** numeric: read as text to keep its exact decimal value. */
  value: ColumnType<string, string | number, string | number>
  unit: string
  year: number
  source: string
  position: Defaulted<number>
}

export interface IssueSupportingOpdsTable {
  province_id: string
  issue_id: string
  opd_id: string
}

export interface OpdsTable {
  province_id: string
  id: Generated<string>
  name: string
  short_name: string
  head_name: string | null
  active: Defaulted<boolean>
  created_at: Defaulted<Date>
  contact_email: Defaulted<string | null>
  contact_phone: Defaulted<string | null>
  updated_at: Defaulted<Date>
  /** A provincial OPD, or a kabupaten/kota agency naming its regency (migration 2026-12-07T0100). */
  level: Defaulted<OpdLevel>
  regency_code: Defaulted<string | null>
}

export type OpdLevel = 'province' | 'regency'

export interface ProvinceIssuesTable {
  province_id: string
  id: Generated<string>
  edition_id: string
  national_issue_id: string
  lead_opd_id: string
  title_id: string
  title_en: string
  description_id: Defaulted<string>
  description_en: Defaulted<string>
  status: Defaulted<IssueStatus>
  priority: Defaulted<number>
  validated_on: DateOnly | null
  validation_place: string | null
  updated_at: Defaulted<Date>
  fgd_id: Defaulted<string | null>
}

export interface CallsTable {
  province_id: string
  id: Generated<string>
  edition_id: string
  opens_at: Timestamp
  closes_at: Timestamp
  created_at: Defaulted<Date>
  status: Defaulted<'draft' | 'published'>
  eligibility_id: Defaulted<string>
  eligibility_en: Defaulted<string>
  faq_id: Defaulted<string>
  faq_en: Defaulted<string>
  max_applications: Defaulted<number>
  helpdesk_phone: Defaulted<string | null>
  helpdesk_whatsapp: Defaulted<string | null>
  helpdesk_email: Defaulted<string | null>
  updated_at: Defaulted<Date>
  review_closes_at: Defaulted<Date | null>
  blind_review: Defaulted<boolean>
  reviewers_per_application: Defaulted<number>
  ranking_method: Defaulted<'mean' | 'zscore'>
  share_scores: Defaulted<boolean>
  review_started_at: Defaulted<Date | null>
  rubric_locked_at: Defaulted<Date | null>
}

export type Role = 'ministry' | 'erat' | 'province_admin' | 'reviewer' | 'applicant' | 'mentor'

export interface UsersTable {
  id: Generated<string>
  email: string
  name: string
  phone: string | null
  locale: Defaulted<'id' | 'en'>
  password_hash: string
  email_verified_at: Timestamp | null
  active: Defaulted<boolean>
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

export interface MembershipsTable {
  id: Generated<string>
  user_id: string
  role: Role
  province_id: string | null
  opd_id: string | null
  created_at: Defaulted<Date>
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session token. */
  id: string
  user_id: string
  expires_at: Timestamp
  absolute_expires_at: Timestamp
  created_at: Defaulted<Date>
}

export interface AuthTokensTable {
  id: Generated<string>
  user_id: string
  purpose: 'verify_email' | 'reset_password'
  token_hash: string
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: Defaulted<Date>
}

export interface InvitationsTable {
  province_id: string
  id: Generated<string>
  email: string
  name: string
  role: 'province_admin' | 'reviewer'
  opd_id: string | null
  token_hash: string
  invited_by: string | null
  expires_at: Timestamp
  accepted_at: Timestamp | null
  revoked_at: Timestamp | null
  created_at: Defaulted<Date>
}

export interface MailOutboxTable {
  id: Generated<string>
  to_email: string
  to_name: string | null
  template: string
  locale: string
  subject: string
  body_text: string
  created_at: Defaulted<Date>
  sent_at: Timestamp | null
  attempts: Defaulted<number>
  last_error: string | null
}

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'logged'
export type MessageChannel = 'whatsapp' | 'sms'

/** A user's WhatsApp/SMS channel (migration 2026-12-06T0500). */
export interface MessagingContactsTable {
  user_id: string
  phone: string
  status: Defaulted<'pending' | 'active' | 'stopped'>
  verified_at: Timestamp | null
  code_hash: string | null
  code_expires_at: Timestamp | null
  code_attempts: Defaulted<number>
  stopped_at: Timestamp | null
  stopped_via: 'reply' | 'account' | null
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

export interface MessageOutboxTable {
  id: Generated<string>
  user_id: string
  to_phone: string
  template: string
  locale: 'id' | 'en'
  body_text: string
  dedupe_key: string
  channel: Defaulted<MessageChannel>
  status: Defaulted<MessageStatus>
  provider_id: string | null
  attempts: Defaulted<number>
  next_attempt_at: Defaulted<Date>
  last_error: string | null
  created_at: Defaulted<Date>
  sent_at: Timestamp | null
  delivered_at: Timestamp | null
  failed_at: Timestamp | null
}

export interface MessagingWebhookNoncesTable {
  nonce: string
  seen_at: Defaulted<Date>
}

export interface AuthFailuresTable {
  id: Generated<string>
  key: string
  at: Defaulted<Date>
}

export interface AuditLogTable {
  id: Generated<string>
  at: Defaulted<Date>
  actor_id: string | null
  action: string
  object_type: string | null
  object_id: string | null
  province_id: string | null
  ip: string | null
  details: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
}

export interface RegenciesTable {
  code: string
  province_id: string
  name: string
  kind: 'kabupaten' | 'kota'
}

export type LegalForm = 'individual' | 'community' | 'cv' | 'pt' | 'yayasan' | 'koperasi'
export type VentureStage = 'idea' | 'prototype' | 'operating' | 'scaling'

export interface VenturesTable {
  province_id: string
  id: Generated<string>
  owner_id: string
  name: string
  legal_form: LegalForm
  year_founded: number | null
  regency_code: string | null
  address: Defaulted<string>
  stage: VentureStage
  website: string | null
  social_links: Defaulted<string>
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

export interface VentureMembersTable {
  province_id: string
  id: Generated<string>
  venture_id: string
  name: string
  role: string
  gender: 'female' | 'male' | 'unspecified'
  age_band: 'under_25' | '25_34' | '35_44' | '45_54' | '55_plus' | 'unspecified'
  position: Defaulted<number>
}

export type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'withdrawn'
  | 'eligible'
  | 'ineligible'
  | 'in_review'
  | 'shortlisted'
  | 'finalist'
  | 'not_selected'
export type ScreeningReason =
  | 'incomplete'
  | 'issue_mismatch'
  | 'outside_province'
  | 'not_social_enterprise'
  | 'duplicate'
  | 'other'

export interface ApplicationsTable {
  province_id: string
  id: Generated<string>
  edition_id: string
  call_id: string
  applicant_id: string
  venture_id: string
  issue_id: string
  status: Defaulted<ApplicationStatus>
  problem: Defaulted<string>
  solution: Defaulted<string>
  novelty: Defaulted<string>
  beneficiaries: Defaulted<string>
  beneficiaries_count: number | null
  business_model: Defaulted<string>
  revenue: Defaulted<string>
  impact: Defaulted<string>
  collaboration_opd: Defaulted<string>
  collaboration_private: Defaulted<string>
  budget: Defaulted<string>
  funding_so_far: Defaulted<string>
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
  consent_version: Defaulted<number | null>
  consent_at: Defaulted<Date | null>
  submitted_at: Defaulted<Date | null>
  receipt_number: Defaulted<string | null>
  withdrawn_at: Defaulted<Date | null>
  withdraw_reason: Defaulted<string | null>
  screening_reason: Defaulted<ScreeningReason | null>
  screening_note: Defaulted<string | null>
  screened_at: Defaulted<Date | null>
  screened_by: Defaulted<string | null>
  /** The profile as submitted (migration 2026-12-01T0100); null only while a draft. */
  venture_snapshot_id: Defaulted<string | null>
}

/** The venture profile copied at submission; never edited (migration 2026-12-01T0100). */
export interface VentureSnapshotsTable {
  province_id: string
  id: Generated<string>
  venture_id: string
  name: string
  legal_form: LegalForm
  year_founded: number | null
  regency_code: string | null
  address: string
  stage: VentureStage
  website: string | null
  social_links: string
  taken_at: Defaulted<Date>
}

/** The team copied with a venture snapshot. */
export interface VentureSnapshotMembersTable {
  province_id: string
  id: Generated<string>
  snapshot_id: string
  name: string
  role: string
  gender: VentureMembersTable['gender']
  age_band: VentureMembersTable['age_band']
  position: number
}

export interface ConsentNoticesTable {
  id: Generated<string>
  edition_id: string
  version: number
  text_id: string
  text_en: string
  published_at: Defaulted<Date>
}

export interface ReceiptCountersTable {
  province_id: string
  edition_id: string
  last_number: Defaulted<number>
}

export interface ApplicationEventsTable {
  province_id: string
  id: Generated<string>
  application_id: string
  status: string
  at: Defaulted<Date>
  note: string | null
}

export interface ApplicationFilesTable {
  province_id: string
  application_id: string
  file_id: string
  kind: 'proposal' | 'photo'
  position: Defaulted<number>
  created_at: Defaulted<Date>
}

export interface ApplicationIndicatorsTable {
  province_id: string
  id: Generated<string>
  application_id: string
  name: string
  baseline: string
  target: string
  unit: Defaulted<string>
  position: Defaulted<number>
}

/** What a signed-out browser posted to an applicant form (migration 2026-11-30T0310). */
export interface FormRescuesTable {
  id: Generated<string>
  token_hash: string
  path: string
  /** `[name, value]` pairs in posting order (repeated names stay repeated). */
  payload: ColumnType<[string, string][], string, string>
  created_at: Defaulted<Date>
  expires_at: Timestamp
}

/** One description per level 1–5, in both languages. */
export type RubricLevels = { id: string; en: string }[]

export interface RubricCriteriaTable {
  province_id: string
  id: Generated<string>
  call_id: string
  key: string
  position: number
  weight: number
  title_id: string
  title_en: string
  levels: ColumnType<RubricLevels, string, string>
}

export type ConflictKind =
  | 'family'
  | 'employment'
  | 'financial'
  | 'same_organisation'
  | 'organisation_match'
  | 'email_domain'

export interface ReviewConflictsTable {
  province_id: string
  application_id: string
  reviewer_id: string
  source: 'declared' | 'detected'
  kind: ConflictKind
  note: Defaulted<string | null>
  created_at: Defaulted<Date>
}

export interface ReviewAssignmentsTable {
  province_id: string
  application_id: string
  reviewer_id: string
  source: Defaulted<'auto' | 'manual'>
  assigned_by: Defaulted<string | null>
  assigned_at: Defaulted<Date>
  declared_at: Defaulted<Date | null>
  /** numeric(6,2): postgres.js returns it as text. */
  total: ColumnType<string | null, string | number | null | undefined, string | number | null>
  scored_at: Defaulted<Date | null>
  notified_at: Defaulted<Date | null>
  reminded_at: Defaulted<Date | null>
}

export interface ReviewScoresTable {
  province_id: string
  application_id: string
  reviewer_id: string
  criterion_id: string
  score: number
  comment: Defaulted<string>
  updated_at: Defaulted<Date>
}

export type SelectionStatus = 'open' | 'awaiting_confirmation' | 'returned' | 'confirmed' | 'published'

export interface SelectionsTable {
  province_id: string
  call_id: string
  status: Defaulted<SelectionStatus>
  submitted_at: Defaulted<Date | null>
  submitted_by: Defaulted<string | null>
  decided_at: Defaulted<Date | null>
  decided_by: Defaulted<string | null>
  return_note: Defaulted<string | null>
  published_at: Defaulted<Date | null>
  updated_at: Defaulted<Date>
}

export interface SelectionEntriesTable {
  province_id: string
  call_id: string
  application_id: string
  stage: 'shortlisted' | 'finalist'
  justification: Defaulted<string>
  decided_by: Defaulted<string | null>
  decided_at: Defaulted<Date>
}

export type MentorKind = 'expert' | 'opd_staff' | 'erat_coordinator'
export type ActionState = 'open' | 'done' | 'dropped'

export interface MentoringCohortsTable {
  province_id: string
  id: Generated<string>
  edition_id: string
  created_by: string | null
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

export interface CohortFinalistsTable {
  province_id: string
  cohort_id: string
  application_id: string
  added_at: Defaulted<Date>
}

export interface CohortMentorsTable {
  province_id: string
  cohort_id: string
  user_id: string
  kind: MentorKind
  organisation: string
  expertise: Defaulted<string[]>
  added_by: string | null
  created_at: Defaulted<Date>
}

export interface MentorInvitationsTable {
  province_id: string
  id: Generated<string>
  cohort_id: string
  email: string
  name: string
  kind: MentorKind
  organisation: string
  expertise: Defaulted<string[]>
  token_hash: string
  invited_by: string | null
  expires_at: Timestamp
  accepted_at: Timestamp | null
  revoked_at: Timestamp | null
  created_at: Defaulted<Date>
}

export interface MentoringSessionsTable {
  province_id: string
  id: Generated<string>
  cohort_id: string
  starts_at: Timestamp
  duration_minutes: number
  mode: 'online' | 'offline'
  link: string | null
  place: string | null
  agenda: string
  created_by: string | null
  created_at: Defaulted<Date>
  reminded_at: Timestamp | null
}

export interface SessionParticipantsTable {
  province_id: string
  session_id: string
  user_id: string
  role: 'mentor' | 'finalist'
  attended: boolean | null
  recorded_by: string | null
  recorded_at: Timestamp | null
}

export interface SessionNotesTable {
  province_id: string
  id: Generated<string>
  session_id: string
  author_id: string
  audience: 'finalists' | 'internal'
  body: string
  created_at: Defaulted<Date>
}

export interface MentoringActionsTable {
  province_id: string
  id: Generated<string>
  cohort_id: string
  session_id: string | null
  application_id: string | null
  title: string
  owner_id: string
  due_on: DateOnly
  state: Defaulted<ActionState>
  created_by: string | null
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
  overdue_notified_at: Timestamp | null
}

export interface PlanMilestonesTable {
  province_id: string
  id: Generated<string>
  cohort_id: string
  application_id: string
  key: string | null
  title: string | null
  position: number
  evidence_text: string | null
  evidence_link: string | null
  evidence_file_id: string | null
  evidence_by: string | null
  evidence_at: Timestamp | null
  signed_off_by: string | null
  signed_off_at: Timestamp | null
  created_by: string | null
  created_at: Defaulted<Date>
}

// ---- the Final Night (migration 2026-12-06T0300): national event tables keyed by event ----

export type FinalNightStatus = 'planning' | 'voting' | 'closed' | 'confirmed' | 'published'

export interface FinalNightsTable {
  id: Generated<string>
  edition_id: string
  starts_at: Timestamp
  time_zone: Defaulted<string>
  venue: string
  city: string
  programme: Defaulted<string>
  minutes_per_pitch: Defaulted<number>
  status: Defaulted<FinalNightStatus>
  draw_seed: Defaulted<string | null>
  ordered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  voting_opened_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  voting_closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  confirmed_by: Defaulted<string | null>
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_by: Defaulted<string | null>
  created_at: Defaulted<Date>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface FinalNightPitchesTable {
  event_id: string
  id: Generated<string>
  province_id: string
  application_id: string
  position: number
  applicant_id: string
  venture_name: string
  province_name: string
  national_issue_id: string
  issue_title_id: string
  issue_title_en: string
}

export interface FinalNightCriteriaTable {
  event_id: string
  id: Generated<string>
  position: number
  weight: number
  title_id: string
  title_en: string
}

export type FinalNightAwardKind = 'best_overall' | 'best_issue' | 'audience' | 'custom'

export interface FinalNightAwardsTable {
  event_id: string
  id: Generated<string>
  kind: FinalNightAwardKind
  national_issue_id: Defaulted<string | null>
  title_id: Defaulted<string | null>
  title_en: Defaulted<string | null>
  winner_pitch_id: Defaulted<string | null>
  position: number
}

export type ParticipantKind = 'juror' | 'guest'
export type ParticipantAffiliation = 'ministry' | 'investor' | 'partner' | 'local_government'

export interface FinalNightParticipantsTable {
  event_id: string
  id: Generated<string>
  kind: ParticipantKind
  affiliation: ParticipantAffiliation
  email: string
  name: string
  organisation: Defaulted<string>
  user_id: Defaulted<string | null>
  token_hash: string
  invited_by: Defaulted<string | null>
  expires_at: Timestamp
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Defaulted<Date>
}

export type ConflictReason = 'invested' | 'advised' | 'other'

export interface FinalNightConflictsTable {
  event_id: string
  pitch_id: string
  juror_id: string
  reason: ConflictReason
  declared_at: Defaulted<Date>
}

export interface FinalNightScoresTable {
  event_id: string
  pitch_id: string
  juror_id: string
  criterion_id: string
  score: number
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface FinalNightScorePostsTable {
  event_id: string
  juror_id: string
  idempotency_key: string
  pitch_id: string
  posted_at: Defaulted<Date>
}

export type InterestKind = 'investment' | 'pilot' | 'partnership' | 'replication'
export type InterestStatus = 'pending' | 'accepted' | 'declined'

export interface FinalNightInterestsTable {
  event_id: string
  id: Generated<string>
  pitch_id: string
  guest_id: string
  applicant_id: string
  kind: InterestKind
  message: Defaulted<string>
  status: Defaulted<InterestStatus>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Defaulted<Date>
}

export type FollowupKind = 'meeting_held' | 'term_sheet' | 'mou_drafted'

export interface FinalNightFollowupsTable {
  event_id: string
  id: Generated<string>
  interest_id: string
  guest_id: string
  applicant_id: string
  kind: FollowupKind
  happened_on: DateOnly
  note: Defaulted<string>
  recorded_by: string
  created_at: Defaulted<Date>
}

/** A national staff flag: a ministry account that handles privacy requests (migration 2026-12-06T0400). */
export interface PrivacyOfficersTable {
  user_id: string
  appointed_by: string | null
  appointed_at: Defaulted<Date>
}

export type PrivacyRequestKind = 'erasure' | 'objection' | 'member_data'
export type PrivacyRequestStatus = 'open' | 'granted' | 'refused'

/** A request under UU 27/2022 the user cannot serve alone; due 3 × 24 h after receipt. */
export interface PrivacyRequestsTable {
  id: Generated<string>
  user_id: string
  kind: PrivacyRequestKind
  details: Defaulted<string>
  received_at: Timestamp
  due_at: Timestamp
  status: Defaulted<PrivacyRequestStatus>
  decision_reason: Defaulted<string | null>
  decided_by: Defaulted<string | null>
  decided_at: Defaulted<Date | null>
  reminded_at: Defaulted<Date | null>
}

export interface UserConsentsTable {
  user_id: string
  purpose: 'future_editions' | 'inclusion_statistics'
  granted_at: Timestamp
  withdrawn_at: Timestamp | null
}

/** A self-declaration for the inclusion figures (docs/decisions/017); member_id null is the applicant. */
export interface InclusionDeclarationsTable {
  province_id: string
  id: Generated<string>
  venture_id: string
  member_id: string | null
  gender: 'female' | 'male' | 'prefer_not'
  age_band: 'under_25' | '25_34' | '35_44' | '45_54' | '55_plus' | 'prefer_not'
  disability: 'no' | 'yes' | 'prefer_not'
  declared_at: Defaulted<Date>
}

export interface PrivacyIncidentsTable {
  id: Generated<string>
  what: string
  found_at: Timestamp
  data_affected: string
  province_id: string | null
  people_affected: number
  authority_email: string
  drill: boolean
  recorded_by: string | null
  notified_at: Defaulted<Date | null>
  created_at: Defaulted<Date>
}

export interface PrivacyIncidentNoticesTable {
  id: Generated<string>
  incident_id: string
  audience: 'user' | 'authority'
  user_id: string | null
  drill: boolean
  sent_at: Defaulted<Date | null>
}

// ---- MoUs of co-creation (migration 2026-12-07T0200): a finalist venture and agencies ----

export type MouStatus = 'draft' | 'negotiated' | 'signed' | 'active' | 'completed' | 'expired' | 'terminated'
export type MouReportStatus = 'submitted' | 'accepted' | 'returned'

export interface MousTable {
  province_id: string
  id: Generated<string>
  application_id: string
  title: string
  scope: string
  status: Defaulted<MouStatus>
  starts_on: DateOnly
  ends_on: DateOnly
  signed_on: DateOnly | null
  signed_file_id: string | null
  terminated_reason: string | null
  status_changed_at: Defaulted<Date>
  created_by: string | null
  created_at: Defaulted<Date>
}

export interface MouPartiesTable {
  province_id: string
  mou_id: string
  opd_id: string
  joined_on: DateOnly | null
  added_by: string | null
  created_at: Defaulted<Date>
}

export interface MouSignatoriesTable {
  province_id: string
  id: Generated<string>
  mou_id: string
  side: 'venture' | 'agency'
  opd_id: string | null
  name: string
  role: string
  created_at: Defaulted<Date>
}

export interface MouDeliverablesTable {
  province_id: string
  id: Generated<string>
  mou_id: string
  title: string
  due_on: DateOnly
  done_at: Timestamp | null
  done_by: string | null
  created_by: string | null
  created_at: Defaulted<Date>
}

export interface MouReportsTable {
  province_id: string
  id: Generated<string>
  mou_id: string
  quarter: number
  body: string
  status: Defaulted<MouReportStatus>
  submitted_by: string
  submitted_at: Timestamp
  reviewed_by: string | null
  reviewed_at: Timestamp | null
  review_comment: string | null
}

export interface MouRemindersTable {
  province_id: string
  mou_id: string
  days_before: number
  ends_on: DateOnly
  sent_at: Timestamp
}

export type InnovationStatus = 'running' | 'continuing' | 'stopped'
export type InnovationSyncState = 'pending' | 'sending' | 'sent' | 'failed'

/**
 * A finalist's public-service innovation as recorded for JIPPNas (migration
 * 2026-12-07T0300). Its indicators are the application's `application_indicators`
 * (through `application_id`), not a copy. `version` grows with every change.
 */
export interface InnovationsTable {
  province_id: string
  id: Generated<string>
  application_id: string
  edition_id: string
  title: string
  summary: string
  national_issue_id: string
  province_issue_id: string
  /** Kabupaten/kota (BPS code); null: province-wide. */
  regency_code: string | null
  /** The agency running it with the venture (an OPD of the province); null while none. */
  opd_id: string | null
  /** From the application's venture snapshot when the record is made. */
  venture_name: string
  started_on: DateOnly
  status: Defaulted<InnovationStatus>
  /** Required exactly when status is `stopped`. */
  stop_reason: string | null
  is_public: Defaulted<boolean>
  /** Set by the ministry; read by replication. */
  recommended_for_replication: Defaulted<boolean>
  recommended_at: Defaulted<Date | null>
  recommended_by: Defaulted<string | null>
  version: Defaulted<number>
  created_by: string | null
  updated_by: string | null
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

/** The state of an innovation's copy in JIPPNas; "not configured" is derived, not stored. */
export interface InnovationSyncsTable {
  province_id: string
  innovation_id: string
  state: Defaulted<InnovationSyncState>
  /** The record version this state is about. */
  version: number
  /** Attempts for this version. */
  attempts: Defaulted<number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** Set while a worker holds the row (state `sending`). */
  sending_since: Defaulted<Date | null>
  last_attempt_at: Defaulted<Date | null>
  last_http_status: Defaulted<number | null>
  last_message: Defaulted<string | null>
  sent_version: Defaulted<number | null>
  sent_at: Defaulted<Date | null>
  remote_id: Defaulted<string | null>
  updated_at: Defaulted<Date>
}

/** A government unit replicating a recorded innovation (migration 2026-12-07T0400, docs/decisions/015). */
export interface ReplicationsTable {
  /** The recording province (the replicating one; for a ministry unit, the origin). */
  province_id: string
  id: Generated<string>
  origin_province_id: string
  innovation_id: string
  innovation_title: string
  level: 'province' | 'regency' | 'ministry'
  regency_code: Defaulted<string | null>
  form: 'adoption' | 'adaptation' | 'modification'
  changes: Defaulted<string>
  agency_name: string
  agency_unit: Defaulted<string>
  started_on: DateOnly
  status: Defaulted<'planned' | 'running' | 'completed' | 'stopped'>
  contact_name: string
  contact_email: Defaulted<string | null>
  contact_phone: Defaulted<string | null>
  recorded_by: Defaulted<string | null>
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

/** A measurement of an innovation's indicator, entered by the venture and confirmed by Bappeda. */
export interface ImpactMeasurementsTable {
  province_id: string
  id: Generated<string>
  innovation_id: string
  application_indicator_id: Defaulted<string | null>
  issue_indicator_id: Defaulted<string | null>
  /** numeric: read as text to keep its exact decimal value. */
  value: ColumnType<string, string | number, string | number>
  measured_on: DateOnly
  source: string
  note: Defaulted<string>
  status: Defaulted<'entered' | 'confirmed' | 'returned'>
  entered_by: string
  entered_at: Defaulted<Date>
  decided_by: Defaulted<string | null>
  decided_at: Defaulted<Date | null>
  return_reason: Defaulted<string | null>
}

/** Per-province funnel by edition and national issue, rewritten by the oversight refresh (migration 2026-12-07T0500). */
export interface OversightIssueCountsTable {
  province_id: string
  edition_id: string
  national_issue_id: string
  drafts: number
  submitted: number
  eligible: number
  reviewed: number
  shortlisted: number
  finalists: number
  mentored: number
}

/** Per-province applicants and review progress by edition, and when they were counted (migration 2026-12-07T0500). */
export interface OversightProvinceCountsTable {
  province_id: string
  edition_id: string
  registered: number
  reviewers: number
  assigned: number
  scored: number
  overdue: number
  refreshed_at: Timestamp
}

/** The version of a call's leaderboard, changed by every transaction that changes it (migration 2026-12-07T0700). */
export interface RankingVersionsTable {
  province_id: string
  call_id: string
  version: string
}

export interface Database {
  mentoring_cohorts: MentoringCohortsTable
  cohort_finalists: CohortFinalistsTable
  cohort_mentors: CohortMentorsTable
  mentor_invitations: MentorInvitationsTable
  mentoring_sessions: MentoringSessionsTable
  session_participants: SessionParticipantsTable
  session_notes: SessionNotesTable
  mentoring_actions: MentoringActionsTable
  plan_milestones: PlanMilestonesTable
  final_nights: FinalNightsTable
  final_night_pitches: FinalNightPitchesTable
  final_night_criteria: FinalNightCriteriaTable
  final_night_awards: FinalNightAwardsTable
  final_night_participants: FinalNightParticipantsTable
  final_night_conflicts: FinalNightConflictsTable
  final_night_scores: FinalNightScoresTable
  final_night_score_posts: FinalNightScorePostsTable
  final_night_interests: FinalNightInterestsTable
  final_night_followups: FinalNightFollowupsTable
  privacy_officers: PrivacyOfficersTable
  privacy_requests: PrivacyRequestsTable
  user_consents: UserConsentsTable
  inclusion_declarations: InclusionDeclarationsTable
  privacy_incidents: PrivacyIncidentsTable
  privacy_incident_notices: PrivacyIncidentNoticesTable
  mous: MousTable
  mou_parties: MouPartiesTable
  mou_signatories: MouSignatoriesTable
  mou_deliverables: MouDeliverablesTable
  mou_reports: MouReportsTable
  mou_reminders: MouRemindersTable
  rubric_criteria: RubricCriteriaTable
  review_conflicts: ReviewConflictsTable
  review_assignments: ReviewAssignmentsTable
  review_scores: ReviewScoresTable
  selections: SelectionsTable
  selection_entries: SelectionEntriesTable
  form_rescues: FormRescuesTable
  consent_notices: ConsentNoticesTable
  receipt_counters: ReceiptCountersTable
  application_events: ApplicationEventsTable
  application_files: ApplicationFilesTable
  regencies: RegenciesTable
  ventures: VenturesTable
  venture_members: VentureMembersTable
  venture_snapshots: VentureSnapshotsTable
  venture_snapshot_members: VentureSnapshotMembersTable
  applications: ApplicationsTable
  application_indicators: ApplicationIndicatorsTable
  milestones: MilestonesTable
  files: FilesTable
  fgd_sessions: FgdSessionsTable
  cocreation_events: CocreationEventsTable
  cocreation_agencies: CocreationAgenciesTable
  cocreation_finalists: CocreationFinalistsTable
  cocreation_topics: CocreationTopicsTable
  fgd_participants: FgdParticipantsTable
  issue_indicators: IssueIndicatorsTable
  issue_supporting_opds: IssueSupportingOpdsTable
  users: UsersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  auth_tokens: AuthTokensTable
  invitations: InvitationsTable
  mail_outbox: MailOutboxTable
  messaging_contacts: MessagingContactsTable
  message_outbox: MessageOutboxTable
  messaging_webhook_nonces: MessagingWebhookNoncesTable
  auth_failures: AuthFailuresTable
  audit_log: AuditLogTable
  provinces: ProvincesTable
  editions: EditionsTable
  phases: PhasesTable
  phase_provinces: PhaseProvincesTable
  national_issues: NationalIssuesTable
  opds: OpdsTable
  province_issues: ProvinceIssuesTable
  calls: CallsTable
  innovations: InnovationsTable
  innovation_syncs: InnovationSyncsTable
  replications: ReplicationsTable
  impact_measurements: ImpactMeasurementsTable
  oversight_issue_counts: OversightIssueCountsTable
  oversight_province_counts: OversightProvinceCountsTable
  ranking_versions: RankingVersionsTable
}

export type Province = Selectable<ProvincesTable>
export type NewProvince = Insertable<ProvincesTable>
export type Edition = Selectable<EditionsTable>
export type Call = Selectable<CallsTable>
