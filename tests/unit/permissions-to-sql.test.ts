import { AbilityBuilder, createMongoAbility } from '@casl/ability'
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import { describe, expect, it } from 'vitest'
import { type AppAbility, defineAbilityFor, subject } from '#app/modules/permissions/abilities.ts'
import { accessibleBy } from '#app/modules/permissions/to-sql.ts'

// The SQL shape of the interpreter; tests/integration/permissions-sql.test.ts checks it
// against `can()` on a real PostgreSQL.
const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

function whereOf(ability: AppAbility, opts: { table?: string; absent?: string[] } = {}) {
  const from = opts.table ? `applications as ${opts.table}` : 'applications'
  const { sql, parameters } = db
    .selectFrom(from)
    .selectAll()
    .where(accessibleBy(ability, 'read', 'Application', opts))
    .compile()
  return { where: sql.replace(/^.* where /, ''), parameters }
}

function build(define: (builder: AbilityBuilder<AppAbility>) => void): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility)
  define(builder)
  return builder.build()
}

describe('accessibleBy', () => {
  it('is false when no rule allows and true when one allows unconditionally', () => {
    expect(whereOf(defineAbilityFor(null)).where).toBe('false')
    expect(whereOf(defineAbilityFor({ userId: 'u', memberships: [{ role: 'erat', provinceId: null }] })).where).toBe(
      'true',
    )
  })

  it('turns conditions into column comparisons, qualified by the table alias when given', () => {
    const ability = defineAbilityFor({ userId: 'u1', memberships: [{ role: 'applicant', provinceId: 'p1' }] })
    expect(whereOf(ability)).toEqual({
      where: '("province_id" = $1 and "applicant_id" = $2)',
      parameters: ['p1', 'u1'],
    })
    expect(whereOf(ability, { table: 'a' }).where).toBe('("a"."province_id" = $1 and "a"."applicant_id" = $2)')
  })

  it('decides conditions on absent fields as for NULL, without naming the column (issue 7)', () => {
    // A Bappeda admin who is also a reviewer: the reviewer's rule needs reviewer_id,
    // which bare applications lack; it must neither break the query nor allow a row.
    const ability = defineAbilityFor({
      userId: 'u1',
      memberships: [
        { role: 'province_admin', provinceId: 'p1' },
        { role: 'reviewer', provinceId: 'p1' },
      ],
    })
    const { where, parameters } = whereOf(ability, { table: 'a', absent: ['reviewer_id'] })
    expect(where).not.toContain('reviewer_id')
    expect(where).toBe('"a"."province_id" = $1')
    expect(parameters).toEqual(['p1'])
    const reviewerOnly = defineAbilityFor({ userId: 'u1', memberships: [{ role: 'reviewer', provinceId: 'p1' }] })
    expect(whereOf(reviewerOnly, { absent: ['reviewer_id'] }).where).toBe('false')
    const negated = build(({ can }) => {
      can('read', 'Application', { status: { $ne: 'draft' }, reviewer_id: { $in: ['u1', null] } })
    })
    expect(whereOf(negated, { absent: ['reviewer_id'] }).where).toBe('"status" is distinct from $1')
  })

  it('ORs the rules of several memberships', () => {
    const ability = defineAbilityFor({
      userId: 'u1',
      memberships: [
        { role: 'applicant', provinceId: 'p1' },
        { role: 'province_admin', provinceId: 'p2' },
      ],
    })
    const { where, parameters } = whereOf(ability)
    expect(where).toBe('("province_id" = $1 or ("province_id" = $2 and "applicant_id" = $3))')
    expect(parameters).toEqual(['p2', 'p1', 'u1'])
  })

  it('applies a conditional cannot to every allowing rule, NULL columns included', () => {
    const ability = build(({ can, cannot }) => {
      can('read', 'Application', { province_id: 'p1' })
      cannot('read', 'Application', { status: 'draft' })
    })
    expect(whereOf(ability).where).toBe('("status" is distinct from $1 and "province_id" = $2)')
  })

  it('lets an unconditional cannot shadow the rules before it', () => {
    const ability = build(({ can, cannot }) => {
      can('read', 'Application', { province_id: 'p1' })
      cannot('read', 'Application')
    })
    expect(whereOf(ability).where).toBe('false')
  })

  it('compares with NULL as CASL does: equal to null, never equal to a value', () => {
    const ability = build(({ can, cannot }) => {
      can('read', 'Application', { opd_id: null })
      can('read', 'Application', { status: { $in: ['draft', null] } })
      can('read', 'Application', { status: { $nin: ['withdrawn'] }, province_id: { $ne: null } })
      cannot('read', 'Application', { applicant_id: null })
      cannot('read', 'Application', { score: { $lt: 3 } })
    })
    expect(whereOf(ability).where).toBe(
      '("score" >= $1 and "applicant_id" is not null and (' +
        '(("status" not in ($2) or "status" is null) and "province_id" is not null)' +
        ' or ("status" in ($3) or "status" is null)' +
        ' or "opd_id" is null))',
    )
  })

  it('folds empty lists into constants', () => {
    const ability = build(({ can }) => {
      can('read', 'Application', { status: { $in: [] } })
      can('read', 'Application', { province_id: 'p1', status: { $nin: [] } })
    })
    expect(whereOf(ability).where).toBe('"province_id" = $1')
  })

  it('refuses what it cannot translate', () => {
    const cases: [string, AppAbility][] = [
      ['operator "exists"', build(({ can }) => can('read', 'Application', { opd_id: { $exists: true } }))],
      ['field "reviewer.id"', build(({ can }) => can('read', 'Application', { 'reviewer.id': 'u1' }))],
      ['has a value', build(({ can }) => can('read', 'Application', { tags: { $eq: ['a'] } }))],
    ]
    for (const [message, ability] of cases) expect(() => whereOf(ability), message).toThrow(message)
  })

  it('refuses a cannot defined before a can, which rulesToAST would translate wrongly', () => {
    const ability = build(({ can, cannot }) => {
      cannot('read', 'Application', { status: 'draft' })
      can('read', 'Application', { province_id: 'p1' })
    })
    // CASL: the later `can` wins for a draft of p1, while rulesToAST would AND `not draft`.
    expect(ability.can('read', subject('Application', { province_id: 'p1', status: 'draft' }))).toBe(true)
    expect(() => accessibleBy(ability, 'read', 'Application')).toThrow(/Define `cannot` rules last/)
  })
})
