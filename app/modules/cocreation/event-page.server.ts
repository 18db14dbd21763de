import { parseWithZod } from '@conform-to/zod'
import { type AppLoadContext, data, redirect } from '@remix-run/node'
import { requestMeta, type Viewer } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import type { ProvinceRef } from '#app/modules/tenancy/province.queries.server.ts'
import { eventSchema } from './cocreation.schema.ts'
import { createEvent, loadEvent, MINUTES_REFUSAL, updateEvent } from './cocreation.server.ts'

// The event form's save, shared by the "new" and "edit" pages: parse once, answer 400
// with every field error (the minutes file is chosen again), else save and show the event.

export async function saveEventForm(
  request: Request,
  context: AppLoadContext,
  province: ProvinceRef,
  viewer: Viewer,
  eventId?: string,
) {
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const upload = await readUploadForm(request)
  const submission = parseWithZod(upload.fields, { schema: eventSchema })
  const minutes = upload.files.get('minutes')
  if (submission.status !== 'success' || upload.tooLarge) {
    // A guessed id of another province is 404 even when the form is also wrong.
    if (eventId) await loadEvent(context.db, province.id, eventId)
    const fieldErrors: Record<string, string[]> = upload.tooLarge ? { minutes: [MINUTES_REFUSAL.keys.tooLarge] } : {}
    return data({ result: submission.reply({ fieldErrors }) }, { status: 400 })
  }
  let id = eventId
  try {
    if (eventId) await updateEvent(context.db, actor, eventId, submission.value, minutes)
    else id = await createEvent(context.db, actor, submission.value, minutes)
  } catch (error) {
    const no = refusal(error)
    if (!no.field) throw no
    return data({ result: submission.reply(no.replyOptions()) }, { status: 400 })
  }
  return redirect(`/p/${province.slug}/manage/cocreation/${id}?saved=1`)
}
