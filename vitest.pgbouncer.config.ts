import { configDefaults, defineConfig } from 'vitest/config'

// The isolation and submission tests with the application's connections going through a
// transaction-mode PgBouncer (scripts/pgbouncer.ts, one server connection per database),
// plus the test that interleaves two tenants on that one connection. Needs `pgbouncer`
// (Debian package) and TEST_DATABASE_URL; run by .ci/run after `npm test`.
const { default: base } = await import('./vitest.config.ts')

export default defineConfig(async (env) => {
  const config = await base(env)
  return {
    ...config,
    test: {
      ...config.test,
      globalSetup: ['tests/support/global-setup.ts', 'tests/support/pgbouncer-setup.ts'],
      exclude: configDefaults.exclude,
      include: [
        'tests/pgbouncer/*.test.ts',
        'tests/integration/tenancy-rls.test.ts',
        'tests/integration/rls-posture.test.ts',
        'tests/integration/permissions-sql.test.ts',
        'tests/integration/transaction-guard.test.ts',
        'tests/integration/submission.test.ts',
        'tests/integration/apply.test.ts',
      ],
    },
  }
})
