import { defineConfig } from 'vitest/config'

// The embedded database (`npm start`'s default: PGlite, one connection) under the
// paths that once hung it: screening, review, ranking, selection, submission, mentoring, the
// Final Night's concurrent jury, messaging, privacy and the browser flow from screening to
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
        'tests/integration/review-manage.test.ts',
        'tests/integration/review-desk.test.ts',
        'tests/integration/submission.test.ts',
        // The demo `npm start` seeds: every workflow of the programme on the single connection.
        'tests/integration/demo-programme.test.ts',
        'tests/integration/mentoring.test.ts',
        'tests/integration/final-night.test.ts',
        'tests/integration/messaging.test.ts',
        'tests/integration/privacy.test.ts',
        // The oversight recount writes each province's figures on the single connection.
        'tests/integration/oversight.test.ts',
        'tests/e2e/selection-flow.test.ts',
      ],
    },
  }
})
