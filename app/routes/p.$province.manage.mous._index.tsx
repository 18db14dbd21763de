import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { PAGE_SIZE } from '#app/modules/cocreation/mou.schema.ts'
import { loadMouList } from '#app/modules/cocreation/mou.server.ts'
import { canManageMous, canReadMous } from '#app/modules/cocreation/mou-access.ts'
import { type MouReply, mouPageContext, runCreateMou } from '#app/modules/cocreation/mou-page.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FieldErrors } from '#app/ui/fields.tsx'
import {
  errorsOf,
  fieldId,
  MouDone,
  MouField,
  MouInput,
  MouStatus,
  MouTextArea,
  ReplySummary,
  typedIn,
} from '#app/ui/mou.tsx'
import { EmptyState, Pager } from '#app/ui/page-parts.tsx'

// The province's MoUs (issue 15): Bappeda's list with a form for a new draft; ministry
// and ERAT read it. Paginated; a MoU opens on its own page.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.mous' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadMous)
  const list = await loadMouList(context.db, province.id, parsePage(new URL(request.url).searchParams), PAGE_SIZE)
  return {
    province: { slug: province.slug, name: province.name },
    ...list,
    mayManage: canManageMous(viewer.ability, province),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageMous)
  const outcome = await runCreateMou(mouPageContext(request, context, viewer, province), await request.formData())
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<MouReply>(outcome.reply, { status: outcome.status })
}

const FORM = 'create'

export default function MouList() {
  const { province, page, pageCount, rows, total, finalists, agencies, mayManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as MouReply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'mou'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage/mous`
  const labels = {
    application: t('mou:new.application'),
    agencies: t('mou:new.agencies'),
    title: t('mou:new.title'),
    scope: t('mou:new.scope'),
    starts_on: t('mou:new.startsOn'),
    ends_on: t('mou:new.endsOn'),
  }
  const chosen = reply?.form === FORM ? (reply.values?.agencies ?? '') : ''
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/manage`}>{t('mou:list.back')}</Link>
      </p>
      <h1>{t('mou:list.title', { province: province.name })}</h1>
      <p className="muted">{t('mou:list.intro')}</p>
      {mayManage ? null : <p className="muted">{t('mou:list.readOnly')}</p>}
      <MouDone done={search.get('done')} />
      {total === 0 ? (
        <EmptyState>{t('mou:list.empty')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table id="mous">
            <thead>
              <tr>
                <th scope="col">{t('mou:new.title')}</th>
                <th scope="col">{t('mou:list.venture')}</th>
                <th scope="col">{t('mou:list.agencies')}</th>
                <th scope="col">{t('mou:list.period')}</th>
                <th scope="col">{t('mou:list.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`${base}/${m.id}`}>{m.title}</Link>
                  </td>
                  <td>{m.venture}</td>
                  <td>{m.agencies}</td>
                  <td>
                    {t('mou:list.periodValue', { from: formatDate(m.starts_on, lng), to: formatDate(m.ends_on, lng) })}
                  </td>
                  <td>
                    <MouStatus status={m.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `${base}?page=${p}`} />

      {mayManage ? (
        finalists.length === 0 ? (
          <EmptyState>{t('mou:new.noFinalists')}</EmptyState>
        ) : agencies.length === 0 ? (
          <EmptyState action={<Link to={`/p/${province.slug}/manage/opds`}>{t('mou:new.toOpds')}</Link>}>
            {t('mou:new.noAgencies')}
          </EmptyState>
        ) : (
          <Form method="post" className="box" aria-labelledby="new-heading">
            <h2 id="new-heading">{t('mou:new.heading')}</h2>
            <ReplySummary reply={reply} form={FORM} labels={labels} />
            <input type="hidden" name="intent" value="create" />
            <MouField form={FORM} name="application" label={labels.application} reply={reply}>
              <select
                id={fieldId(FORM, 'application')}
                name="application"
                defaultValue={typedIn(reply, FORM, 'application')}
              >
                {finalists.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.venture} ({f.edition})
                  </option>
                ))}
              </select>
            </MouField>
            <fieldset className="field" id={fieldId(FORM, 'agencies')}>
              <legend>{labels.agencies}</legend>
              {agencies.map((o) => (
                <label key={o.id} className="check">
                  <input type="checkbox" name="agencies" value={o.id} defaultChecked={chosen === o.id} /> {o.short_name}{' '}
                  — {o.name}
                </label>
              ))}
              <FieldErrors id={`${fieldId(FORM, 'agencies')}-error`} errors={errorsOf(reply, FORM, 'agencies')} />
            </fieldset>
            <MouInput form={FORM} name="title" label={labels.title} reply={reply} maxLength={200} />
            <MouTextArea form={FORM} name="scope" label={labels.scope} reply={reply} rows={4} maxLength={4000} />
            <MouInput form={FORM} name="starts_on" label={labels.starts_on} reply={reply} type="date" />
            <MouInput
              form={FORM}
              name="ends_on"
              label={labels.ends_on}
              hint={t('mou:new.endsOnHint')}
              reply={reply}
              type="date"
            />
            <button type="submit">{t('mou:new.create')}</button>
          </Form>
        )
      ) : null}
    </main>
  )
}
