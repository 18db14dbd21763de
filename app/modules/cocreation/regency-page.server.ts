import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type AppLoadContext, data } from '@remix-run/node'
import { requestMeta, type Viewer } from '#app/modules/auth/viewer.server.ts'
import { invalid, refusal } from '#app/modules/errors/errors.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import type { ProvinceRef } from '#app/modules/tenancy/province.queries.server.ts'
import { regencyImportSchema, regencySchema } from './cocreation.schema.ts'
import { addRegency, importRegencies, type ProvinceActor } from './regencies.server.ts'
import type { RowProblem } from './regency-rules.ts'

// The kabupaten/kota page's two forms (add one, import a CSV), one function per intent.

/** A CSV of every kabupaten/kota of a province is a few kilobytes; anything near this is not one. */
const MAX_CSV_BYTES = 256 * 1024

type Answer = {
  result: SubmissionResult<string[]> | undefined
  done: string | null
  count: { added: number; unchanged: number } | null
  problems: RowProblem[]
  importError: string | null
}

const answer = (a: Partial<Answer>): Answer => ({
  result: undefined,
  done: null,
  count: null,
  problems: [],
  importError: null,
  ...a,
})

/** Text of an uploaded CSV, or null when it is not UTF-8 text. */
function decodeCsv(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

export async function regencyAction(request: Request, context: AppLoadContext, province: ProvinceRef, viewer: Viewer) {
  const actor: ProvinceActor = {
    provinceId: province.id,
    bpsCode: province.bps_code,
    userId: viewer.user.id,
    ip: requestMeta(request, context).ip,
  }
  const upload = await readUploadForm(request, MAX_CSV_BYTES)
  if (upload.fields.get('intent') === 'import') {
    if (parseWithZod(upload.fields, { schema: regencyImportSchema }).status !== 'success') {
      throw invalid('errors.genericBody')
    }
    const file = upload.files.get('file')
    const text = file ? decodeCsv(file.bytes) : null
    const importError = upload.tooLarge
      ? 'cocreation:regencies.import.tooLarge'
      : !file
        ? 'cocreation:regencies.import.missing'
        : text === null
          ? 'cocreation:regencies.import.notText'
          : null
    if (importError || text === null) return data(answer({ importError }), { status: 400 })
    const outcome = await importRegencies(context.db, actor, text)
    if (!outcome.ok) return data(answer({ problems: outcome.problems }), { status: 400 })
    return answer({ done: 'cocreation:regencies.import.done', count: outcome })
  }
  const submission = parseWithZod(upload.fields, { schema: regencySchema })
  if (submission.status !== 'success') return data(answer({ result: submission.reply() }), { status: 400 })
  try {
    await addRegency(context.db, actor, submission.value)
  } catch (error) {
    const no = refusal(error)
    if (!no.field) throw no
    return data(answer({ result: submission.reply(no.replyOptions()) }), { status: 400 })
  }
  return answer({ result: submission.reply({ resetForm: true }), done: 'cocreation:regencies.added' })
}
