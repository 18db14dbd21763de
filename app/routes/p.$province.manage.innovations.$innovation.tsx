import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { idParam } from '#app/modules/errors/errors.ts'
import { canManageInnovations, canReadInnovations } from '#app/modules/jippnas/access.ts'
import { type PageReply, pageContext, runRecordIntent } from '#app/modules/jippnas/innovation-page.server.ts'
import { recordPageData } from '#app/modules/jippnas/record-page.server.ts'
import { hasNationalRole } from '#app/modules/permissions/abilities.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { InnovationForm } from '#app/ui/innovation-form.tsx'
import { SyncBox } from '#app/ui/innovation-parts.tsx'
import { IndicatorTable, RecordDetails } from '#app/ui/innovation-record.tsx'

// One JIPPNas record (issue 15): what it says, its indicators (the finalist
// application's), its sync state with "retry now", and Bappeda's edit form. Ministry
// and ERAT read it. Another province's id is 404.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.innovation' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.innovations', to: '/p/:province/manage/innovations' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadInnovations)
  const mayManage = canManageInnovations(viewer.ability, province)
  return {
    province: { slug: province.slug, name: province.name, timeZone: province.time_zone },
    mayManage,
    // Ministry and ERAT follow an innovation's replications nationally; Bappeda on its own list.
    replicationsTo: hasNationalRole(viewer) ? 'national' : 'province',
    ...(await recordPageData(context, province.id, idParam(params, 'innovation'), mayManage)),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageInnovations)
  const outcome = await runRecordIntent(
    pageContext(request, context, viewer, province),
    idParam(params, 'innovation'),
    await request.formData(),
  )
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<PageReply>(outcome.reply, { status: outcome.status })
}

const DONE = ['created', 'saved', 'unchanged', 'retried'] as const

export default function InnovationRecord() {
  const { province, mayManage, replicationsTo, record, values, indicators, sync, choices } =
    useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as PageReply | undefined
  const [params] = useSearchParams()
  const { t } = useTranslation(['common', 'jippnas'])
  const done = DONE.find((d) => d === params.get('done'))
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to={`/p/${province.slug}/manage/innovations`}>{t('jippnas:record.back')}</Link>
      </p>
      <h1>{record.title}</h1>
      <p className="muted">
        {t('jippnas:record.meta', {
          venture: record.venture_name,
          edition: record.edition_name,
          province: province.name,
        })}
      </p>
      {done ? <FormMessage kind={done === 'unchanged' ? 'info' : 'ok'}>{t(`jippnas:done.${done}`)}</FormMessage> : null}
      <SyncBox
        sync={{ ...sync, refused: reply && 'refused' in reply ? reply.refused : null }}
        timeZone={province.timeZone}
      />
      <RecordDetails record={record} />
      {record.is_public ? (
        <p>
          <a href={`/innovations/${record.id}`}>{t('jippnas:record.publicPage')}</a>
        </p>
      ) : null}
      <IndicatorTable indicators={indicators} />
      <section aria-labelledby="follow-heading">
        <h2 id="follow-heading">{t('jippnas:record.follow')}</h2>
        <ul>
          <li>
            <Link to={`/p/${province.slug}/impact/${record.id}`}>{t('jippnas:record.impact')}</Link>
          </li>
          <li>
            <Link
              to={
                replicationsTo === 'national'
                  ? `/national/replications/${record.id}`
                  : `/p/${province.slug}/replications`
              }
            >
              {t('jippnas:record.replications')}
            </Link>
          </li>
        </ul>
      </section>
      {mayManage ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t('jippnas:record.edit')}</h2>
          <InnovationForm
            values={values}
            reply={reply && 'form' in reply ? reply.form : undefined}
            choices={choices}
            hidden={{ intent: 'save' }}
            submitLabel={t('jippnas:form.save')}
          />
        </section>
      ) : null}
    </main>
  )
}
