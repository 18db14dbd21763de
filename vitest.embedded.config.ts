import { defineConfig } from 'vitest/config'

// The embedded database (`npm start`'s default: PGlite, one connection) under the
// paths that once hung it: screening, review, ranking, selection, submission, mentoring, the
// Final Night's concurrent jury, messaging, privacy, co-creation, MoUs, JIPPNas records and their sync,
// replication and impact, and the browser flow from screening to
// publication. Run by `npm test` after the main suite.
process.env.WINNER_TEST_DATABASE = 'embedded'

const { default: base } = await import('./vitest.config.ts')

export default defineConfig(async (env) => {
  const config = await base(env)
  return {
    ...config,
    test: {
      ...config.test,
      include: [
        'tests/integration/transaction-guard.test.ts',
        'tests/integration/selection.test.ts',
        // The leaderboard cached per call and version (triggers on the single connection).
        'tests/integration/ranking-cache.test.ts',
        'tests/integration/review-manage.test.ts',
        'tests/integration/review-desk.test.ts',
        'tests/integration/submission.test.ts',
        // The demo `npm start` seeds: every workflow of the programme on the single connection.
        'tests/integration/demo-programme.test.ts',
        'tests/integration/mentoring.test.ts',
        'tests/integration/final-night.test.ts',
        'tests/integration/messaging.test.ts',
        'tests/integration/privacy.test.ts',
        // Backup and restore of the data directory (db/backup.ts).
        'tests/integration/backup-restore.test.ts',
        'tests/integration/mou.test.ts',
        'tests/integration/jippnas.test.ts',
        'tests/integration/replication-impact.test.ts',
        'tests/integration/cocreation.test.ts',
        // Inclusion declarations (read the venture, write consent and answers) and the audit export.
        'tests/integration/inclusion.test.ts',
        // The oversight recount writes each province's figures on the single connection.
        'tests/integration/oversight.test.ts',
        'tests/e2e/selection-flow.test.ts',
      ],
    },
  }
})
