import { z } from 'zod'

// The record WiNNER sends to JIPPNas (docs/jippnas.md): our own JSON schema, versioned by
// `schema`. The zod schema is the contract — the sender parses every payload with it
// before sending, and the documentation's field table is generated from it
// (`payloadFieldTable`, checked by tests/unit/jippnas.test.ts) so the two cannot drift.

export const PAYLOAD_SCHEMA_ID = 'winner.jippnas.innovation/1'

const code = (what: string) =>
  z
    .string()
    .regex(/^[0-9]{2,4}$/)
    .describe(what)

export const innovationPayload = z
  .object({
    schema: z
      .literal(PAYLOAD_SCHEMA_ID)
      .describe('Payload schema and its version; a breaking change gets a new number.'),
    id: z.string().uuid().describe("WiNNER's id of the innovation record; stable across versions."),
    version: z
      .number()
      .int()
      .min(1)
      .describe('Record version, +1 on every change; with `id` it makes the Idempotency-Key.'),
    updated_at: z.string().datetime().describe('When this version was saved (ISO 8601, UTC).'),
    title: z.string().min(1).max(200).describe('Name of the innovation.'),
    summary: z.string().min(1).max(4000).describe('What it does, for whom (plain text).'),
    edition: z.string().min(1).max(200).describe('WiNNER edition whose finalist it comes from.'),
    province: z
      .object({ bps_code: code('BPS code of the province (2 digits).'), name: z.string().describe('Province name.') })
      .describe('Province that recorded it.'),
    regency: z
      .object({
        bps_code: code('BPS code of the kabupaten/kota (4 digits).'),
        name: z.string().describe('Kabupaten/kota name.'),
      })
      .nullable()
      .describe('Kabupaten/kota where it runs; null: province-wide.'),
    national_issue: z
      .object({
        code: z.string().describe('National issue code (e.g. `education`).'),
        name: z.string().describe('National issue name (Indonesian).'),
      })
      .describe('National issue it addresses.'),
    province_issue: z
      .object({ title: z.string().describe('Province issue title (Indonesian).') })
      .describe('Province issue it addresses.'),
    agency: z
      .object({
        name: z.string().describe('Agency (OPD) name.'),
        short_name: z.string().describe('Agency short name.'),
      })
      .nullable()
      .describe('Government agency running it with the venture; null while none.'),
    venture: z.object({ name: z.string().describe('Venture name.') }).describe('Social enterprise behind it.'),
    started_on: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('Start date (YYYY-MM-DD).'),
    status: z.enum(['running', 'continuing', 'stopped']).describe('`running`, `continuing` or `stopped`.'),
    stop_reason: z.string().nullable().describe('Why it stopped; null unless `stopped`.'),
    public: z.boolean().describe('Whether WiNNER shows it publicly; JIPPNas may show it when true.'),
    public_url: z.string().url().nullable().describe("WiNNER's public page of the innovation; null when not public."),
    indicators: z
      .array(
        z.object({
          name: z.string().describe('Indicator name.'),
          baseline: z.string().describe('Baseline as the finalist wrote it.'),
          target: z.string().describe('Target as the finalist wrote it.'),
          unit: z.string().describe('Unit (may be empty).'),
        }),
      )
      .describe("The finalist application's indicators (baseline → target)."),
  })
  .strict()

export type InnovationPayload = z.infer<typeof innovationPayload>

/** The remote's answers (docs/jippnas.md): an id when accepted, a message when refused. */
export const acceptedAnswer = z.object({ id: z.string().min(1).max(200) })
export const refusedAnswer = z.object({
  error: z.object({ message: z.string().max(2000), fields: z.array(z.string().max(200)).max(50).optional() }),
})

/** One row per field (nested objects as `a.b`, arrays as `a[].b`) for the documentation. */
export function payloadFieldTable(): string {
  const rows: string[] = ['| field | type | description |', '| --- | --- | --- |']
  const walk = (schema: z.ZodTypeAny, path: string) => {
    const { type, inner, nullable } = unwrap(schema)
    if (path) {
      rows.push(`| \`${path}\` | ${nullable ? `${type} or null` : type} | ${schema.description ?? ''} |`)
    }
    if (inner instanceof z.ZodObject) {
      for (const [key, value] of Object.entries(inner.shape as Record<string, z.ZodTypeAny>)) {
        walk(value, path ? `${path}.${key}` : key)
      }
    } else if (inner instanceof z.ZodArray) {
      const element = inner.element as z.ZodTypeAny
      if (element instanceof z.ZodObject) {
        for (const [key, value] of Object.entries(element.shape as Record<string, z.ZodTypeAny>)) {
          walk(value, `${path}[].${key}`)
        }
      }
    }
  }
  walk(innovationPayload, '')
  return rows.join('\n')
}

function unwrap(schema: z.ZodTypeAny): { type: string; inner: z.ZodTypeAny; nullable: boolean } {
  const nullable = schema instanceof z.ZodNullable
  const inner = nullable ? (schema.unwrap() as z.ZodTypeAny) : schema
  const type =
    inner instanceof z.ZodLiteral
      ? `\`"${String(inner.value)}"\``
      : inner instanceof z.ZodEnum
        ? 'string (enum)'
        : inner instanceof z.ZodObject
          ? 'object'
          : inner instanceof z.ZodArray
            ? 'array of object'
            : inner instanceof z.ZodNumber
              ? 'integer'
              : inner instanceof z.ZodBoolean
                ? 'boolean'
                : 'string'
  return { type, inner, nullable }
}
