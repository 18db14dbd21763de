import { rulesToAST } from '@casl/ability/extra'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Action, AppAbility, SubjectType } from '#app/modules/permissions/abilities.ts'

// The one translation of CASL rules into SQL, so a list shows exactly the rows that
// `ability.can(action, subject(type, row))` allows (checked by tests/integration/permissions-sql.test.ts).

/**
 * The ucast AST that rulesToAST returns: compound conditions (`and`/`or`/`not`, `value`
 * holds the children) or field conditions (`field`, `operator`, `value`). Described here
 * because @ucast/mongo2js, where its type lives, is not a direct dependency.
 */
interface Node {
  readonly operator: string
  readonly value: unknown
  readonly field?: unknown
}

export interface AccessibleByOptions {
  /** Table name or alias to qualify the columns with, e.g. `a` for `from applications as a`. */
  table?: string
  /**
   * Condition fields the queried rows do not have (e.g. `reviewer_id` on bare
   * applications, which only rows joined with an assignment carry). They read as NULL,
   * like CASL reads a missing property as undefined, so such a rule allows nothing.
   */
  absent?: readonly string[]
}

/**
 * A where-clause factory for any query: generic itself, so `.where(accessibleBy(...))`
 * takes the query's tables without spelling them out.
 */
export type AccessFilter = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool>

type Eb = ExpressionBuilder<any, any>
/** A translated condition, with constants kept as booleans so they fold away. */
type Part = boolean | Expression<SqlBool>

/**
 * A Kysely where-clause for the rows of `subjectType` on which `ability` allows `action`.
 *
 * The clause is meant for `where`: a row whose column is NULL evaluates to false or NULL
 * (never true) when CASL would deny it; do not wrap the clause in `not(...)`.
 */
export function accessibleBy(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  opts: AccessibleByOptions = {},
): AccessFilter {
  assertTranslatable(ability, action, subjectType)
  // null: no rule allows. An empty `and` (unconditional allow) folds to true below.
  const ast: Node | null = rulesToAST(ability, action, subjectType)
  return (eb) => {
    if (!ast) return constant(false)
    const part = translate(eb as Eb, ast, false, opts)
    return typeof part === 'boolean' ? constant(part) : part
  }
}

/**
 * rulesToAST ANDs the negation of every conditional `cannot` rule with the OR of the
 * `can` rules, whatever their order. CASL's `can()` instead takes the first matching
 * rule in priority order (the later defined first), so a `cannot` defined *before* a
 * `can` does not apply to rows that `can` matches. That order would make the SQL deny
 * rows that `can()` allows; refuse it rather than answer wrongly. defineAbilityFor never
 * produces it (it moves every `cannot` last).
 */
function assertTranslatable(ability: AppAbility, action: Action, subjectType: SubjectType): void {
  let allowSeen = false
  for (const rule of ability.rulesFor(action, subjectType)) {
    // An unconditional rule decides for every row: the rules after it never apply.
    if (!rule.conditions) return
    if (!rule.inverted) allowSeen = true
    else if (allowSeen) {
      throw new Error(
        `Cannot translate the rules for "${action}" on "${subjectType}" to SQL: a conditional \`cannot\` ` +
          'is overridden by a later `can`, which rulesToAST does not encode. Define `cannot` rules last.',
      )
    }
  }
}

function constant(value: boolean): Expression<SqlBool> {
  return value ? sql<SqlBool>`true` : sql<SqlBool>`false`
}

/**
 * Translates `node`, or its negation when `negate` is set. Negations are pushed down to
 * the leaves (De Morgan) so each leaf can state what NULL means: CASL's JS comparison is
 * two-valued, where SQL's `not (col = v)` would be NULL for a NULL column.
 */
function translate(eb: Eb, node: Node, negate: boolean, opts: AccessibleByOptions): Part {
  if ('field' in node) return field(eb, node, negate, opts)
  switch (node.operator) {
    case 'and':
      return combine(
        eb,
        children(node).map((c) => translate(eb, c, negate, opts)),
        negate ? 'or' : 'and',
      )
    case 'or':
      return combine(
        eb,
        children(node).map((c) => translate(eb, c, negate, opts)),
        negate ? 'and' : 'or',
      )
    case 'not': {
      const [inner, ...rest] = children(node)
      if (!inner || rest.length > 0) throw new Error('Permission condition `not` expects exactly one condition')
      return translate(eb, inner, !negate, opts)
    }
    default:
      throw unsupported(node.operator)
  }
}

function children(node: Node): Node[] {
  return Array.isArray(node.value) ? (node.value as Node[]) : [node.value as Node]
}

/** Joins parts with and/or, folding the boolean constants. */
function combine(eb: Eb, parts: Part[], op: 'and' | 'or'): Part {
  // true absorbs an `or`, false absorbs an `and`; the other constant is neutral.
  const absorbing = op === 'or'
  if (parts.some((p) => p === absorbing)) return absorbing
  const exprs = parts.filter((p): p is Expression<SqlBool> => typeof p !== 'boolean')
  if (exprs.length === 0) return !absorbing
  if (exprs.length === 1) return exprs[0] as Expression<SqlBool>
  return op === 'and' ? eb.and(exprs) : eb.or(exprs)
}

type Scalar = string | number | boolean | bigint | Date | null

function field(eb: Eb, node: Node, negate: boolean, opts: AccessibleByOptions): Part {
  const { operator } = node
  const name = node.field
  // Dotted paths (nested documents, CASL's `author.id`) and ucast's "itself" have no column.
  if (typeof name !== 'string' || !/^[a-z_][a-z0-9_]*$/i.test(name)) {
    throw new Error(`Permission condition on field ${JSON.stringify(name)} cannot be translated to a column`)
  }
  if (opts.absent?.includes(name)) return absentField(node, negate)
  const col = sql.ref(opts.table ? `${opts.table}.${name}` : name)
  switch (operator) {
    case 'eq':
    case 'ne': {
      const value = scalar(node.value, operator)
      const equal = operator === 'eq' ? !negate : negate
      if (value === null) return eb(col, equal ? 'is' : 'is not', null)
      // `=` keeps indexes usable; its NULL on a NULL column is already "not allowed".
      return equal ? eb(col, '=', value) : eb(col, 'is distinct from', value)
    }
    case 'in':
    case 'nin': {
      if (!Array.isArray(node.value)) throw new Error(`Permission condition \`${operator}\` expects a list`)
      const values = node.value.map((v) => scalar(v, operator))
      return membership(eb, col, values, operator === 'in' ? !negate : negate)
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const value = scalar(node.value, operator)
      if (value === null) throw new Error(`Permission condition \`${operator}\` cannot compare with null`)
      // SQL semantics: a NULL column satisfies neither a comparison nor its opposite,
      // where CASL's JS compare would coerce null; keep comparisons on NOT NULL columns.
      const sqlOp = COMPARISONS[negate ? OPPOSITE[operator] : operator]
      return eb(col, sqlOp, value)
    }
    default:
      throw unsupported(operator)
  }
}

/** A condition on a field the rows lack, decided as the translation below decides it for a NULL column. */
function absentField(node: Node, negate: boolean): boolean {
  switch (node.operator) {
    case 'eq':
    case 'ne': {
      const isNull = scalar(node.value, node.operator) === null
      return (node.operator === 'eq') !== negate ? isNull : !isNull
    }
    case 'in':
    case 'nin': {
      if (!Array.isArray(node.value)) throw new Error(`Permission condition \`${node.operator}\` expects a list`)
      const hasNull = node.value.some((v) => scalar(v, node.operator) === null)
      return (node.operator === 'in') !== negate ? hasNull : !hasNull
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      // A NULL satisfies neither a comparison nor its opposite.
      return false
    default:
      throw unsupported(node.operator)
  }
}

const COMPARISONS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const
const OPPOSITE = { lt: 'gte', lte: 'gt', gt: 'lte', gte: 'lt' } as const

/** `col in values` when `inside`, else its two-valued complement (a NULL column is "not in"). */
function membership(eb: Eb, col: Expression<unknown>, values: Scalar[], inside: boolean): Part {
  const present = values.filter((v) => v !== null)
  const withNull = present.length < values.length
  if (inside) {
    const parts: Part[] = [present.length > 0 && eb(col, 'in', present), withNull && eb(col, 'is', null)]
    return combine(eb, parts, 'or')
  }
  const parts: Part[] = [
    present.length > 0 ? eb.or([eb(col, 'not in', present), eb(col, 'is', null)]) : true,
    withNull ? eb(col, 'is not', null) : true,
  ]
  return combine(eb, parts, 'and')
}

function scalar(value: unknown, operator: string): Scalar {
  if (value === null || value instanceof Date || ['string', 'number', 'boolean', 'bigint'].includes(typeof value)) {
    return value as Scalar
  }
  // Objects and arrays mean array/JSON matching in CASL, which has no plain-column form.
  throw new Error(`Permission condition \`${operator}\` has a value that cannot be translated: ${String(value)}`)
}

function unsupported(operator: string): Error {
  return new Error(
    `Permission condition operator "${operator}" cannot be translated to SQL ` +
      '(supported: and, or, not, eq, ne, in, nin, lt, lte, gt, gte)',
  )
}
