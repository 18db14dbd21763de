import { createHash } from 'node:crypto'
import { Refused } from '#app/modules/errors/errors.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import { cleanText } from '#app/modules/validation/fields.ts'

// One storage interface for every uploaded file. The default keeps
// files in PostgreSQL, inside the tenant's transaction and under its RLS; another
// backend (object storage) would implement the same three functions.

export const MAX_FILE_BYTES = 10 * 1024 * 1024
export type StoredType = 'application/pdf' | 'image/png' | 'image/jpeg'

export type FileProblem = 'empty' | 'tooLarge' | 'type'

/** How one use of storage names a rejected file to the person: its form field and a key per problem. */
export interface FileRefusal {
  field: string
  keys: Readonly<Record<FileProblem, string>>
}

/** A refusal (400) of the file itself; its key and field come from the use's FileRefusal. */
export class FileRejected extends Refused {
  constructor(
    readonly reason: FileProblem,
    refusal?: FileRefusal,
  ) {
    super(refusal?.keys[reason] ?? `file rejected: ${reason}`, { status: 400, field: refusal?.field })
  }
}

/** The real type of a file from its first bytes, whatever its name or the browser claims. */
export function sniffContentType(bytes: Uint8Array): StoredType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  return null
}

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFileName(name: string): string {
  // Bidi overrides go too: "evil\u202Efdp.exe.pdf" must not be listed as "evilexe.pdf…".
  const base = cleanText(name).split(/[\\/]/).pop() ?? ''
  const cleaned = [...base]
    .map((ch) => ('"<>|:*?'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .slice(0, 200)
  return cleaned || 'file'
}

export interface NewFile {
  bytes: Uint8Array
  name: string
  createdBy: string | null
  /** Types this use accepts (e.g. only PDF for FGD minutes). */
  accept: readonly StoredType[]
  maxBytes?: number
  refusal?: FileRefusal
}

export interface StoredFile {
  id: string
  contentType: StoredType
  size: number
  name: string
}

export interface FileStorage {
  put(trx: Trx, provinceId: string, file: NewFile): Promise<StoredFile>
  get(trx: Trx, provinceId: string, id: string): Promise<(StoredFile & { bytes: Buffer }) | undefined>
  remove(trx: Trx, provinceId: string, id: string): Promise<void>
}

/** Checks size and content type; throws FileRejected with the reason. */
export function checkFile(file: NewFile): StoredType {
  if (file.bytes.length === 0) throw new FileRejected('empty', file.refusal)
  if (file.bytes.length > (file.maxBytes ?? MAX_FILE_BYTES)) throw new FileRejected('tooLarge', file.refusal)
  const type = sniffContentType(file.bytes)
  if (!type || !file.accept.includes(type)) throw new FileRejected('type', file.refusal)
  return type
}

export const postgresStorage: FileStorage = {
  async put(trx, provinceId, file) {
    const contentType = checkFile(file)
    const bytes = Buffer.from(file.bytes)
    const name = cleanFileName(file.name)
    const row = await trx
      .insertInto('files')
      .values({
        province_id: provinceId,
        content_type: contentType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        original_name: name,
        data: bytes,
        created_by: file.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: row.id, contentType, size: bytes.length, name }
  },
  async get(trx, provinceId, id) {
    const row = await trx
      .selectFrom('files')
      .select(['id', 'content_type', 'size', 'original_name', 'data'])
      .where('province_id', '=', provinceId)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) return undefined
    return { id: row.id, contentType: row.content_type, size: row.size, name: row.original_name, bytes: row.data }
  },
  async remove(trx, provinceId, id) {
    await trx.deleteFrom('files').where('province_id', '=', provinceId).where('id', '=', id).execute()
  },
}

/** The response that hands a stored file to someone allowed to see it: always a download. */
export function fileResponse(file: StoredFile & { bytes: Buffer }, downloadName = file.name): Response {
  const ascii = downloadName.replace(/[^\x20-\x7e]/g, '_')
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(downloadName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
