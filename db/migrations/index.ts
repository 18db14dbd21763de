import type { Migration } from 'kysely'
import * as foundation from './2026-11-23T1900_foundation.ts'
import * as identity from './2026-11-23T2000_identity.ts'
import * as referenceRls from './2026-11-23T2010_reference_rls.ts'
import * as catalogue from './2026-11-23T2100_catalogue.ts'
import * as applications from './2026-11-23T2200_applications.ts'
import * as submission from './2026-11-23T2230_submission.ts'
import * as review from './2026-11-30T0300_review.ts'
import * as formRescue from './2026-11-30T0310_form_rescue.ts'
import * as ventureSnapshots from './2026-12-01T0100_venture_snapshots.ts'
import * as mentoring from './2026-12-06T0200_mentoring.ts'
import * as finalNight from './2026-12-06T0300_final_night.ts'
import * as privacy from './2026-12-06T0400_privacy.ts'
import * as messaging from './2026-12-06T0500_messaging.ts'
import * as cocreation from './2026-12-07T0100_cocreation.ts'
import * as mous from './2026-12-07T0200_mous.ts'
import * as innovations from './2026-12-07T0300_innovations.ts'
import * as replicationImpact from './2026-12-07T0400_replication_impact.ts'
import * as oversightCounts from './2026-12-07T0500_oversight_counts.ts'
import * as inclusion from './2026-12-07T0600_inclusion.ts'
import * as sessionViewer from './2026-12-07T0700_session_viewer.ts'
import * as rankingVersions from './2026-12-07T0800_ranking_versions.ts'
import * as applicationCounts from './2026-12-07T0830_application_counts.ts'

// Every migration, by name, in order. Static imports so the same list works under
// tsx, Vitest and any bundler; add new files here (names sort by timestamp).
export const migrations: Record<string, Migration> = {
  '2026-11-23T1900_foundation': foundation,
  '2026-11-23T2000_identity': identity,
  '2026-11-23T2010_reference_rls': referenceRls,
  '2026-11-23T2100_catalogue': catalogue,
  '2026-11-23T2200_applications': applications,
  '2026-11-23T2230_submission': submission,
  '2026-11-30T0300_review': review,
  '2026-11-30T0310_form_rescue': formRescue,
  '2026-12-01T0100_venture_snapshots': ventureSnapshots,
  '2026-12-06T0200_mentoring': mentoring,
  '2026-12-06T0300_final_night': finalNight,
  '2026-12-06T0400_privacy': privacy,
  '2026-12-06T0500_messaging': messaging,
  '2026-12-07T0100_cocreation': cocreation,
  '2026-12-07T0200_mous': mous,
  '2026-12-07T0300_innovations': innovations,
  '2026-12-07T0400_replication_impact': replicationImpact,
  '2026-12-07T0600_inclusion': inclusion,
  '2026-12-07T0500_oversight_counts': oversightCounts,
  '2026-12-07T0700_session_viewer': sessionViewer,
  '2026-12-07T0800_ranking_versions': rankingVersions,
  '2026-12-07T0830_application_counts': applicationCounts,
}
