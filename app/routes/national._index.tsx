import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { canInviteProvinceAdmins } from '#app/modules/auth/access.ts'
import { E, provinceAdminInviteSchema } from '#app/modules/auth/auth.schema.ts'
import { createInvitation } from '#app/modules/auth/invitations.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { forbidden, refusal } from '#app/modules/errors/errors.ts'
import { loadNationalOverview } from '#app/modules/oversight/oversight.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import { findActiveProvinceBySlug } from '#app/modules/tenancy/province.queries.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CallStatusText } from '#app/ui/call-status.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { InviteForm } from '#app/ui/invite-form.tsx'
import { StatusBadge } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = { title: 'pages.national' as const }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, (ability) => ability.can('read', 'Province'))
  const overview = await loadNationalOverview(context.db, context.now())
  return {
    ...overview,
    mayInvite: canInviteProvinceAdmins(viewer.ability),
    mayAudit: viewer.ability.can('read', 'AuditLog'),
    mayAdminister: viewer.ability.can('manage', 'Membership'),
    invited: new URL(request.url).searchParams.get('invited')?.slice(0, 254) ?? null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, (ability) => canInviteProvinceAdmins(ability))
  const submission = parseWithZod(await request.formData(), { schema: provinceAdminInviteSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  // A province that is not (or no longer) active is a wrong choice in the list, not a missing page.
  const province = await findActiveProvinceBySlug(context.db, submission.value.province)
  if (!province) return data({ result: submission.reply({ fieldErrors: { province: [E.province] } }) }, { status: 400 })
  if (!canInviteProvinceAdmins(viewer.ability, province)) throw forbidden()
  try {
    await createInvitation(
      context.db,
      {
        province,
        email: submission.value.email,
        name: submission.value.name,
        role: 'province_admin',
        opdId: null,
        inviter: { id: viewer.user.id, name: viewer.user.name },
        locale: viewer.user.locale,
      },
      requestMeta(request, context),
    )
  } catch (error) {
    const no = refusal(error)
    return data({ result: submission.reply(no.replyOptions()) }, { status: 400 })
  }
  context.kickMail?.()
  // Post/Redirect/Get: reloading the confirmation must not send (and so replace) the invitation again.
  return redirect(`/national?invited=${encodeURIComponent(submission.value.email)}`)
}

export default function National() {
  const { provinces, edition, mayInvite, mayAudit, mayAdminister, invited } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation([
    'common',
    'manage',
    'portal',
    'national',
    'selection',
    'mentoring',
    'mou',
    'final-night',
    'jippnas',
    'replication',
    'inclusion',
    'oversight',
  ])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page">
      <h1>{t('manage:national.title')}</h1>
      <p>
        {t('manage:national.intro')} {edition ? edition.name : null}
      </p>
      <nav aria-label={t('national:nav.label')} className="subnav">
        <Link to="/national/dashboard">{t('oversight:link')}</Link>
        <Link to="/national/report">{t('oversight:reportLink')}</Link>
        <Link to="/national/editions">{t('national:nav.editions')}</Link>
        <Link to="/national/issues">{t('national:nav.issues')}</Link>
        <Link to="/national/provinces">{t('national:nav.provinces')}</Link>
        <Link to="/national/selections">{t('selection:nationalLink')}</Link>
        <Link to="/national/mentoring">{t('mentoring:national.link')}</Link>
        <Link to="/national/mous">{t('mou:national.link')}</Link>
        <Link to="/national/innovations">{t('jippnas:national.link')}</Link>
        <Link to="/national/final-night">{t('final-night:nationalLink')}</Link>
        <Link to="/national/replications">{t('replication:nationalLink')}</Link>
        <Link to="/national/inclusion">{t('inclusion:title')}</Link>
      </nav>
      {mayAudit ? (
        <p>
          <Link to="/national/audit">{t('manage:national.auditLink')}</Link>
          {mayAdminister ? (
            <>
              {' · '}
              <Link to="/national/accounts">{t('manage:accounts.link')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {invited ? <FormMessage kind="ok">{t('manage:invite.sent', { email: invited })}</FormMessage> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('manage:national.province')}</th>
              <th scope="col">{t('manage:national.phase')}</th>
              <th scope="col">{t('manage:national.stage')}</th>
              <th scope="col">{t('manage:national.status')}</th>
              <th scope="col">{t('manage:national.funnel.registered')}</th>
              <th scope="col">{t('manage:national.funnel.submitted')}</th>
              <th scope="col">{t('manage:national.funnel.eligible')}</th>
              <th scope="col">{t('manage:national.funnel.scored')}</th>
              <th scope="col">{t('manage:national.funnel.finalists')}</th>
              <th scope="col">{t('manage:national.issues')}</th>
              <th scope="col">{t('manage:national.team')}</th>
            </tr>
          </thead>
          <tbody>
            {provinces.map((p) => (
              <tr key={p.slug}>
                <td>
                  <Link to={`/p/${p.slug}/manage`}>{p.name}</Link>
                </td>
                <td>{p.phase ?? '—'}</td>
                <td>
                  <StatusBadge>{t(`manage:national.stages.${p.stage}`)}</StatusBadge>
                </td>
                <td>
                  <CallStatusText status={p.status} timeZone={p.timeZone} />
                </td>
                <td>{formatNumber(p.registered, lng)}</td>
                <td>{formatNumber(p.submitted, lng)}</td>
                <td>{formatNumber(p.eligible, lng)}</td>
                <td>{formatNumber(p.scored, lng)}</td>
                <td>{formatNumber(p.finalists, lng)}</td>
                <td>{p.publishedIssues}</td>
                <td>{t('manage:national.teamCount', { admins: p.admins, reviewers: p.reviewers })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayInvite ? (
        // One form for every province (the province is its first field), open again after a refused send.
        <details open={actionData !== undefined}>
          <summary>{t('manage:national.invite')}</summary>
          <InviteForm
            id="invite-admin"
            heading={t('manage:invite.adminHeading')}
            opds={null}
            provinces={provinces.map(({ slug, name }) => ({ slug, name }))}
            lastResult={actionData?.result}
          />
        </details>
      ) : null}
    </main>
  )
}
