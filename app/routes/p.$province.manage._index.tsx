import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { canReadProvinceAudit } from '#app/modules/audit/access.ts'
import { canInviteReviewers, canSeeTeam } from '#app/modules/auth/access.ts'
import { inviteSchema, revokeSchema } from '#app/modules/auth/auth.schema.ts'
import { createInvitation, revokeMembership } from '#app/modules/auth/invitations.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { notFound, refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { loadManageHome } from '#app/modules/workspace/todo.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { InviteForm } from '#app/ui/invite-form.tsx'
import { EmptyState } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = { title: 'pages.manage' as const }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canSeeTeam)
  const { team, todo } = await loadManageHome(context.db, province.id, context.now())
  // Post/Redirect/Get: the outcome of an action arrives as a query parameter, so a reload does not repeat it.
  const url = new URL(request.url)
  // "Cabut peran" asks first: the row's link opens this confirmation (no script needed).
  const revoking = team.members.find((m) => m.id === url.searchParams.get('revoke')) ?? null
  return {
    province,
    team,
    todo,
    revoking,
    invited: url.searchParams.get('invited')?.slice(0, 254) ?? null,
    removed: url.searchParams.has('removed'),
    mayInvite: canInviteReviewers(viewer.ability, province),
    mayAudit: canReadProvinceAudit(viewer.ability, province),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canInviteReviewers)
  const formData = await request.formData()
  const meta = requestMeta(request, context)
  if (formData.get('intent') === 'revoke') {
    const revoke = parseWithZod(formData, { schema: revokeSchema })
    if (revoke.status !== 'success') throw notFound()
    // Only a confirmed post revokes; any other goes to the confirmation first.
    if (formData.get('confirm') !== 'yes') {
      return redirect(`/p/${province.slug}/manage?revoke=${revoke.value.membership}#confirm-revoke`)
    }
    let ok: boolean
    try {
      ok = await revokeMembership(context.db, province.id, revoke.value.membership, viewer.user.id, meta)
    } catch (error) {
      return data({ result: undefined, refused: refusal(error).key }, { status: refusal(error).status })
    }
    if (!ok) throw notFound()
    return redirect(`/p/${province.slug}/manage?removed=1`)
  }
  const submission = parseWithZod(formData, { schema: inviteSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  if (!submission.value.opd) {
    return data({ result: submission.reply({ fieldErrors: { opd: ['manage:invite.unknownOpd'] } }) }, { status: 400 })
  }
  try {
    await createInvitation(
      context.db,
      {
        province,
        email: submission.value.email,
        name: submission.value.name,
        role: 'reviewer',
        opdId: submission.value.opd,
        inviter: { id: viewer.user.id, name: viewer.user.name },
        locale: viewer.user.locale,
      },
      meta,
    )
  } catch (error) {
    const no = refusal(error)
    return data({ result: submission.reply(no.replyOptions()) }, { status: 400 })
  }
  context.kickMail?.()
  return redirect(`/p/${province.slug}/manage?invited=${encodeURIComponent(submission.value.email)}`)
}

export default function ManageProvince() {
  const { province, team, todo, revoking, mayInvite, mayAudit, invited, removed } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    | { result?: Parameters<typeof InviteForm>[0]['lastResult']; refused?: string }
    | undefined
  const admins = team.members.filter((m) => m.role === 'province_admin').length
  // The province's last admin role is never offered for revoking (the server refuses it too).
  const revocable = (m: { role: string }) => !(m.role === 'province_admin' && admins <= 1)
  const { t, i18n } = useTranslation([
    'common',
    'manage',
    'auth',
    'selection',
    'screening',
    'mentoring',
    'mou',
    'jippnas',
    'replication',
    'impact',
    'cocreation',
    'inclusion',
  ])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page">
      <h1>{t('manage:province.title', { name: province.name })}</h1>
      <nav aria-label={t('manage:province.overview')} className="subnav">
        <Link to="checklist">{t('manage:nav.checklist')}</Link>
        <Link to="opds">{t('manage:nav.opds')}</Link>
        <Link to="fgd">{t('manage:nav.fgd')}</Link>
        <Link to="issues">{t('manage:nav.issues')}</Link>
        <Link to="calls">{t('manage:nav.calls')}</Link>
        <Link to="applications">{t('manage:incoming.nav')}</Link>
        <Link to="review">{t('screening:nav.label')}</Link>
        <Link to="ranking">{t('selection:manageLinks.ranking')}</Link>
        <Link to="selection">{t('selection:manageLinks.selection')}</Link>
        <Link to={`/p/${province.slug}/mentoring`}>{t('mentoring:manageLink')}</Link>
        <Link to="cocreation">{t('cocreation:nav.events')}</Link>
        <Link to="regencies">{t('cocreation:nav.regencies')}</Link>
        <Link to="mous">{t('mou:manageLink')}</Link>
        <Link to="innovations">{t('jippnas:manageLink')}</Link>
        <Link to={`/p/${province.slug}/replications`}>{t('replication:manageLink')}</Link>
        <Link to={`/p/${province.slug}/impact`}>{t('impact:manageLink')}</Link>
        {mayAudit ? <Link to="audit">{t('manage:province.auditLink')}</Link> : null}
        <Link to="inclusion">{t('inclusion:title')}</Link>
      </nav>
      <section aria-labelledby="todo" className="box">
        <h2 id="todo">{t('manage:todo.heading')}</h2>
        {todo.length === 0 ? (
          <EmptyState>{t('manage:todo.none')}</EmptyState>
        ) : (
          <ul className="rows">
            {todo.map((item) => (
              <li key={item.key}>
                <Link to={item.href ? `/p/${province.slug}/manage/${item.href}` : '#team'}>
                  {t(`manage:todo.items.${item.key}`, { count: item.count })}
                </Link>
                {item.deadline ? (
                  <span className="muted">
                    {t('manage:todo.deadline', {
                      date: formatDateTime(new Date(item.deadline), lng, province.time_zone),
                    })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {invited ? <FormMessage kind="ok">{t('manage:invite.sent', { email: invited })}</FormMessage> : null}
      {removed ? <FormMessage kind="ok">{t('manage:province.removed')}</FormMessage> : null}
      {actionData?.refused ? (
        <FormMessage kind="error">{t(actionData.refused as 'manage:province.lastAdmin')}</FormMessage>
      ) : null}
      {mayInvite && revoking && revocable(revoking) ? (
        <section id="confirm-revoke" className="box" aria-labelledby="confirm-revoke-title">
          <h2 id="confirm-revoke-title">{t('manage:province.confirmTitle')}</h2>
          <p>
            {t('manage:province.confirmBody', {
              name: revoking.name,
              role: t(`auth:roles.${revoking.role}`),
              province: province.name,
            })}
          </p>
          <Form method="post" className="nav">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="membership" value={revoking.id} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit">{t('manage:province.confirmYes')}</button>
            <Link to={`/p/${province.slug}/manage`}>{t('manage:province.confirmNo')}</Link>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="team">
        <h2 id="team">{t('manage:province.teamHeading')}</h2>
        {team.members.length === 0 ? (
          <p className="empty">{t('manage:province.noMembers')}</p>
        ) : (
          <ul className="rows">
            {team.members.map((m) => (
              <li key={m.id}>
                <span>
                  <strong>{m.name}</strong> — {t(`auth:roles.${m.role}`)}
                  {m.opd ? ` (${m.opd})` : ''} <span className="muted">{m.email}</span>
                </span>
                {mayInvite && revocable(m) ? (
                  <Link
                    to={`?revoke=${m.id}#confirm-revoke`}
                    aria-label={t('manage:province.removeWho', { name: m.name })}
                  >
                    {t('manage:province.remove')}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('manage:province.pendingHeading')}</h3>
        {team.pending.length === 0 ? (
          <p className="empty">{t('manage:province.noPending')}</p>
        ) : (
          <ul>
            {team.pending.map((p) => (
              <li key={p.id}>
                {p.name} &lt;{p.email}&gt; — {t(`auth:roles.${p.role}`)}
                {p.opd ? ` (${p.opd})` : ''},{' '}
                {t('manage:province.expires', {
                  date: formatDateTime(new Date(p.expires_at), lng, province.time_zone),
                })}
              </li>
            ))}
          </ul>
        )}
        {mayInvite ? (
          <InviteForm
            id="invite-reviewer"
            heading={t('manage:invite.reviewerHeading')}
            opds={team.opds}
            lastResult={actionData?.result}
          />
        ) : null}
      </section>

      <section aria-labelledby="opds">
        <h2 id="opds">{t('manage:province.opdsHeading')}</h2>
        {team.opds.length === 0 ? (
          <p className="empty">{t('manage:province.noOpds')}</p>
        ) : (
          <ul>
            {team.opds.map((o) => (
              <li key={o.id}>
                {o.name} ({o.short_name})
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
