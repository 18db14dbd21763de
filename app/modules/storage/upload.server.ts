import { MAX_FILE_BYTES } from './storage.server.ts'

export interface UploadedForm {
  fields: FormData
  /** Uploaded files by field name (empty file inputs are left out). */
  files: Map<string, { name: string; bytes: Uint8Array }>
  /** A file was larger than the limit: the form is otherwise intact so nothing typed is lost. */
  tooLarge: boolean
}

/**
 * Parses a form with its files held in memory, keeping files up to `maxBytes` each. An
 * oversized file does not throw away the rest of the form: the caller answers with a
 * localised error and the fields as typed. The platform's parser reads it (the body
 * size is bounded in front of Remix); Remix's multipart parser refused a file name
 * with `=` in it (issue 11 §2).
 */
export async function readUploadForm(request: Request, maxBytes = MAX_FILE_BYTES): Promise<UploadedForm> {
  const formData = await request.formData()
  let tooLarge = false
  const files = new Map<string, { name: string; bytes: Uint8Array }>()
  const fields = new FormData()
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string') {
      fields.append(key, value)
    } else if (value.size > maxBytes) {
      tooLarge = true
    } else if (value.size > 0) {
      files.set(key, { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) })
    }
  }
  return { fields, files, tooLarge }
}
