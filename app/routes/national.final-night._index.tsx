import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { canOrganiseFinalNight, canReadFinalNight } from '#app/modules/final-night/access.ts'
import { createEventSchema } from '#app/modules/final-night/final-night.schema.ts'
import { createEvent, loadEvents } from '#app/modules/final-night/final-night.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { EventDetailsFields } from '#app/ui/final-night.tsx'

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.finalNights' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadFinalNight)
  return { ...(await loadEvents(context.db)), mayOrganise: canOrganiseFinalNight(viewer.ability) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canOrganiseFinalNight)
  const submission = parseWithZod(await request.formData(), { schema: createEventSchema })
  if (submission.status !== 'success') {
    const errors = [...new Set(Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? []))]
    return data({ errors }, { status: 400 })
  }
  let id: string
  try {
    id = await createEvent(
      context.db,
      { userId: viewer.user.id, name: viewer.user.name, ip: requestMeta(request, context).ip },
      submission.value,
    )
  } catch (error) {
    const no = refusal(error)
    return data({ errors: [no.key] }, { status: no.field ? 400 : no.status })
  }
  return redirect(`/national/final-night/${id}`)
}

export default function FinalNights() {
  const { events, editions, mayOrganise } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page">
      <h1>{t('final-night:title')}</h1>
      <p>{t('final-night:intro')}</p>
      {events.length === 0 ? (
        <p className="empty">{t('final-night:noEvents')}</p>
      ) : (
        <div className="table-wrap">
          <table id="events">
            <thead>
              <tr>
                <th scope="col">{t('final-night:fields.edition')}</th>
                <th scope="col">{t('final-night:fields.startsAt')}</th>
                <th scope="col">{t('final-night:fields.city')}</th>
                <th scope="col">{t('final-night:pitches.count')}</th>
                <th scope="col">{t('final-night:status.label')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/national/final-night/${e.id}`}>{e.edition_name}</Link>
                  </td>
                  <td>{formatDateTime(new Date(e.starts_at), lng, e.time_zone)}</td>
                  <td>
                    {e.venue}, {e.city}
                  </td>
                  <td>{e.pitches}</td>
                  <td>{t(`final-night:status.${e.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayOrganise ? (
        <section className="box">
          <h2>{t('final-night:create.title')}</h2>
          {reply?.errors?.length ? (
            <FormMessage kind="error">
              {reply.errors.map((k) => t(k as 'final-night:errors.invalid')).join(' ')}
            </FormMessage>
          ) : null}
          {editions.length === 0 ? (
            <p className="empty">{t('final-night:create.noEdition')}</p>
          ) : (
            <Form method="post">
              <div className="field">
                <label htmlFor="edition">{t('final-night:fields.edition')}</label>
                <select id="edition" name="edition" required>
                  {editions.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
                </select>
              </div>
              <EventDetailsFields />
              <p className="muted">{t('final-night:create.help')}</p>
              <button type="submit">{t('final-night:create.submit')}</button>
            </Form>
          )}
        </section>
      ) : null}
    </main>
  )
}
