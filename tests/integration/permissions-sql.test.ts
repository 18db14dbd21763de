import { createMongoAbility } from '@casl/ability'
import fc from 'fast-check'
import { sql, type Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACTIONS,
  type Action,
  type Actor,
  type AppAbility,
  defineAbilityFor,
  ROLES,
  type SubjectType,
  subject,
} from '#app/modules/permissions/abilities.ts'
import { accessibleBy } from '#app/modules/permissions/to-sql.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The promise of to-sql.ts: a list filtered in SQL shows exactly the rows `can()` allows.
// Random actors and rows go through both and the two sets of ids must agree.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t?.close())

const PROVINCES = [
  '00000000-0000-4000-8000-00000000000a',
  '00000000-0000-4000-8000-00000000000b',
  '00000000-0000-4000-8000-00000000000c',
]
const USERS = [
  '00000000-0000-4000-8000-0000000000a1',
  '00000000-0000-4000-8000-0000000000a2',
  '00000000-0000-4000-8000-0000000000a3',
]

type Value = string | number | boolean | null
type Row = { id: string } & Record<string, Value>
type ColumnType = 'uuid' | 'text' | 'boolean' | 'integer not null'

interface Spec {
  type: Exclude<SubjectType, 'all'>
  columns: Record<string, ColumnType>
  /** Values a column takes; null now and then, because NULL is where SQL and JS part ways. */
  values: Record<string, fc.Arbitrary<Value>>
  /** How ids are drawn (Province ids must sometimes be an actor's province). */
  id?: fc.Arbitrary<string>
}

const sometimesNull = <T extends Value>(values: T[]) =>
  fc.option(fc.constantFrom(...values), { nil: null, freq: 8 }) as fc.Arbitrary<Value>

const province = sometimesNull(PROVINCES)
const user = sometimesNull(USERS)
const assignment: Omit<Spec, 'type'> = {
  columns: { province_id: 'uuid', reviewer_id: 'uuid' },
  values: { province_id: province, reviewer_id: user },
}

const specs: Spec[] = [
  {
    type: 'Application',
    // reviewer_id: the reviewer's rule reads the application joined with their assignment (issue 7).
    columns: { province_id: 'uuid', applicant_id: 'uuid', reviewer_id: 'uuid', status: 'text' },
    values: {
      province_id: province,
      applicant_id: user,
      reviewer_id: user,
      status: sometimesNull(['draft', 'submitted', 'withdrawn']),
    },
  },
  { type: 'Review', ...assignment },
  { type: 'Assignment', ...assignment },
  {
    type: 'Invitation',
    columns: { province_id: 'uuid', role: 'text' },
    values: { province_id: province, role: sometimesNull(['province_admin', 'reviewer']) },
  },
  {
    type: 'ProvinceIssue',
    columns: { province_id: 'uuid', status: 'text' },
    values: { province_id: province, status: sometimesNull(['draft', 'validated', 'published']) },
  },
  {
    type: 'Province',
    columns: { active: 'boolean' },
    values: { active: fc.boolean() },
    id: fc.oneof(fc.constantFrom(...PROVINCES), fc.uuid()),
  },
  { type: 'Account', columns: {}, values: {}, id: fc.oneof(fc.constantFrom(...USERS), fc.uuid()) },
]

function rowsOf(spec: Spec): fc.Arbitrary<Row[]> {
  const row = fc.record({ id: spec.id ?? fc.uuid(), ...spec.values }) as fc.Arbitrary<Row>
  return fc.uniqueArray(row, { maxLength: 12, selector: (r) => r.id })
}

const actorArb: fc.Arbitrary<Actor | null> = fc.option(
  fc.record({
    userId: fc.constantFrom(...USERS),
    memberships: fc.array(
      fc.record({
        role: fc.constantFrom(...ROLES),
        // Mostly well-formed, but also national roles with a province and province roles without.
        provinceId: fc.option(fc.constantFrom(...PROVINCES), { nil: null, freq: 6 }),
      }),
      { maxLength: 4 },
    ),
  }),
  { nil: null, freq: 6 },
)

type TempDb = Transaction<{ perm_rows: Row }>

/** Runs `fn` with the rows in a temporary table that disappears at commit. */
function withRows<T>(spec: Spec, rows: Row[], fn: (trx: TempDb) => Promise<T>): Promise<T> {
  return t.asOwner((db) =>
    db.transaction().execute(async (trx) => {
      const columns = Object.entries(spec.columns).map(([name, type]) => sql`, ${sql.id(name)} ${sql.raw(type)}`)
      await sql`create temporary table perm_rows (id uuid primary key ${sql.join(columns, sql``)}) on commit drop`.execute(
        trx,
      )
      const temp = trx.withTables<{ perm_rows: Row }>() as unknown as TempDb
      if (rows.length > 0) await temp.insertInto('perm_rows').values(rows).execute()
      return fn(temp)
    }),
  )
}

/** The ids SQL returns and the ids `can()` allows, both sorted. */
async function bothWays(trx: TempDb, ability: AppAbility, action: Action, spec: Spec, rows: Row[], alias: boolean) {
  const query = alias
    ? trx
        .selectFrom('perm_rows as r')
        .select('r.id')
        .where(accessibleBy(ability, action, spec.type, { table: 'r' }))
    : trx
        .selectFrom('perm_rows')
        .select('id')
        .where(accessibleBy(ability, action, spec.type))
  const fromSql = (await query.execute()).map((r) => r.id).sort()
  const fromCan = rows
    .filter((r) => ability.can(action, subject(spec.type, { ...r })))
    .map((r) => r.id)
    .sort()
  return { fromSql, fromCan }
}

describe('accessibleBy agrees with can() on a real PostgreSQL', () => {
  for (const spec of specs) {
    it(`for ${spec.type}, every action, random actors and rows`, async () => {
      await fc.assert(
        fc.asyncProperty(actorArb, rowsOf(spec), fc.boolean(), async (actor, rows, alias) => {
          const ability = defineAbilityFor(actor)
          await withRows(spec, rows, async (trx) => {
            for (const action of ACTIONS) {
              const { fromSql, fromCan } = await bothWays(trx, ability, action, spec, rows, alias)
              expect(fromSql, action).toEqual(fromCan)
            }
          })
        }),
        { numRuns: 100 },
      )
    })
  }
})

describe('accessibleBy on the schema', () => {
  it('filters a real table: a visitor lists the active provinces, a province admin also its own', async () => {
    const all = await t.db.selectFrom('provinces').select(['id', 'active']).execute()
    expect(all.length).toBeGreaterThan(0)
    const active = all.filter((p) => p.active).map((p) => p.id)
    const visitor = await t.db
      .selectFrom('provinces')
      .select('id')
      .where(accessibleBy(defineAbilityFor(null), 'read', 'Province'))
      .execute()
    expect(visitor.map((p) => p.id).sort()).toEqual(active.sort())

    const own = all[0]!.id
    const admin = defineAbilityFor({ userId: USERS[0]!, memberships: [{ role: 'province_admin', provinceId: own }] })
    const listed = await t.db
      .selectFrom('provinces as p')
      .select('p.id')
      .where(accessibleBy(admin, 'update', 'Province', { table: 'p' }))
      .execute()
    expect(listed.map((p) => p.id)).toEqual([own])
  })
})

// defineAbilityFor only uses equality; these rule sets exercise every operator the
// interpreter accepts, with NULLs, so it stays exact when the role map grows.
describe('accessibleBy agrees with can() for arbitrary rule sets', () => {
  const STATUSES = ['draft', 'submitted', 'withdrawn']
  const spec: Spec = {
    type: 'Application',
    columns: { province_id: 'uuid', applicant_id: 'uuid', status: 'text', score: 'integer not null' },
    values: {
      province_id: province,
      applicant_id: user,
      status: sometimesNull(STATUSES),
      score: fc.integer({ min: 0, max: 4 }),
    },
  }
  const domains: Record<string, Value[]> = {
    province_id: [...PROVINCES, null],
    applicant_id: [...USERS, null],
    status: [...STATUSES, null],
  }

  function conditionOn(domain: Value[]): fc.Arbitrary<unknown> {
    const value = fc.constantFrom(...domain)
    const list = fc.subarray(domain)
    return fc.oneof(
      value,
      value.map(($eq) => ({ $eq })),
      value.map(($ne) => ({ $ne })),
      list.map(($in) => ({ $in })),
      list.map(($nin) => ({ $nin })),
    )
  }
  const score = fc.integer({ min: 0, max: 4 })
  const scoreCondition = fc.oneof(
    score,
    score.map(($ne) => ({ $ne })),
    score.map(($lt) => ({ $lt })),
    score.map(($lte) => ({ $lte })),
    score.map(($gt) => ({ $gt })),
    score.map(($gte) => ({ $gte })),
    fc.subarray([0, 1, 2, 3, 4]).map(($nin) => ({ $nin })),
  )
  const conditions = fc.record(
    {
      province_id: conditionOn(domains.province_id ?? []),
      applicant_id: conditionOn(domains.applicant_id ?? []),
      status: conditionOn(domains.status ?? []),
      score: scoreCondition,
    },
    { requiredKeys: [] },
  )
  const rule = fc.record({
    inverted: fc.boolean(),
    conditions: fc.option(conditions, { nil: undefined, freq: 6 }),
  })

  it('matches CASL for eq, ne, in, nin, lt, lte, gt, gte, cannot and unconditional rules', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { maxLength: 5 }), rowsOf(spec), async (drawn, rows) => {
        // `cannot` last, as defineAbilityFor orders them (see to-sql.ts on rulesToAST).
        const ordered = [...drawn.filter((r) => !r.inverted), ...drawn.filter((r) => r.inverted)]
        const ability = createMongoAbility<AppAbility>(
          ordered.map((r) => ({ action: 'read', subject: 'Application', ...r }) as never),
        )
        await withRows(spec, rows, async (trx) => {
          const { fromSql, fromCan } = await bothWays(trx, ability, 'read', spec, rows, true)
          expect(fromSql).toEqual(fromCan)
        })
      }),
      { numRuns: 150 },
    )
  })
})
