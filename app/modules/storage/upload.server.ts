import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  MaxPartSizeExceededError,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from '@remix-run/node'
import { MAX_FILE_BYTES } from './storage.server.ts'

export interface UploadedForm {
  fields: FormData
  /** Uploaded files by field name (empty file inputs are left out). */
  files: Map<string, { name: string; bytes: Uint8Array }>
  /** A file was larger than the limit: the form is otherwise intact so nothing typed is lost. */
  tooLarge: boolean
}

/**
 * Parses a multipart form with files held in memory up to `maxBytes` each. An
 * oversized file does not throw away the rest of the form: the caller answers
 * with a localised error and the fields as typed.
 */
export async function readUploadForm(request: Request, maxBytes = MAX_FILE_BYTES): Promise<UploadedForm> {
  const contentType = request.headers.get('Content-Type') ?? ''
  if (!contentType.startsWith('multipart/form-data')) {
    return { fields: await request.formData(), files: new Map(), tooLarge: false }
  }
  let tooLarge = false
  const memory = createMemoryUploadHandler({ maxPartSize: maxBytes })
  const handler = composeUploadHandlers(async (part) => {
    try {
      return await memory(part)
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        tooLarge = true
        // Drain the rest of the part so the remaining fields still parse.
        for await (const _ of part.data) {
          // discard
        }
        return undefined
      }
      throw error
    }
  })
  const formData = await parseMultipartFormData(request, handler)
  const files = new Map<string, { name: string; bytes: Uint8Array }>()
  const fields = new FormData()
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string') {
      fields.append(key, value)
    } else if (value.size > 0) {
      files.set(key, { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) })
    }
  }
  return { fields, files, tooLarge }
}
