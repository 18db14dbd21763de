import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { loadMou } from '#app/modules/cocreation/mou.server.ts'
import { canManageMous, canReadMous } from '#app/modules/cocreation/mou-access.ts'
import { type MouReply, mouPageContext, runMouIntent } from '#app/modules/cocreation/mou-page.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import {
  fieldId,
  MouDone,
  MouField,
  MouForm,
  MouInput,
  MouStatus,
  MouTextArea,
  ReplySummary,
  typedIn,
} from '#app/ui/mou.tsx'
import { EmptyState, StatusBadge } from '#app/ui/page-parts.tsx'

// One MoU (issue 15): its parties, signing, deliverables and quarterly reports, and the
// lifecycle as buttons (plain forms, Post/Redirect/Get). Bappeda changes it, ministry
// and ERAT read it; another province's MoU is 404. Terminating asks for a reason and a
// ticked confirmation.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.mou' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.mous', to: '/p/:province/manage/mous' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadMous)
  const page = await loadMou(context.db, province.id, idParam(params, 'mou'), context.now(), province.time_zone)
  return { province: { slug: province.slug }, ...page, mayManage: canManageMous(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageMous)
  const c = mouPageContext(request, context, viewer, province)
  const outcome = await runMouIntent(c, idParam(params, 'mou'), await readUploadForm(request))
  if ('redirect' in outcome) {
    context.kickMail?.()
    return redirect(outcome.redirect)
  }
  return data<MouReply>(outcome.reply, { status: outcome.status })
}

export default function MouPage() {
  const { province, mou, transitions, parties, signatories, deliverables, reports, joinable, today, mayManage } =
    useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as MouReply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'mou'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage/mous/${mou.id}`
  const day = (d: string) => formatDate(d, lng)
  const buttons = transitions.filter((x) => x !== 'sign' && x !== 'terminate')
  const founding = parties.filter((p) => p.joined_on === null)
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/manage/mous`}>{t('mou:detail.back')}</Link>
      </p>
      <h1>{mou.title}</h1>
      <p>
        <MouStatus status={mou.status} /> {t('mou:detail.venture', { venture: mou.venture })}
      </p>
      <p>{t('mou:detail.period', { from: day(mou.starts_on), to: day(mou.ends_on) })}</p>
      {mou.terminated_reason ? (
        <p className="pre-wrap">{t('mou:detail.terminatedReason', { reason: mou.terminated_reason })}</p>
      ) : null}
      {mayManage ? null : <p className="muted">{t('mou:detail.readOnly')}</p>}
      <MouDone done={search.get('done')} />

      <section aria-labelledby="scope-heading">
        <h2 id="scope-heading">{t('mou:detail.scope')}</h2>
        <p className="pre-wrap">{mou.scope}</p>
      </section>

      {/* Also shown when a correction came back refused (the MoU moved on meanwhile): the text typed stays. */}
      {mayManage && (mou.status === 'draft' || reply?.form === 'edit') ? (
        <MouForm
          intent="edit"
          heading={t('mou:edit.heading')}
          reply={reply}
          labels={{
            title: t('mou:new.title'),
            scope: t('mou:new.scope'),
            starts_on: t('mou:new.startsOn'),
            ends_on: t('mou:new.endsOn'),
          }}
        >
          <p className="muted">{t('mou:edit.intro')}</p>
          <MouInput
            form="edit"
            name="title"
            label={t('mou:new.title')}
            reply={reply}
            initial={mou.title}
            maxLength={200}
          />
          <MouTextArea
            form="edit"
            name="scope"
            label={t('mou:new.scope')}
            reply={reply}
            initial={mou.scope}
            rows={6}
            maxLength={4000}
          />
          <MouInput
            form="edit"
            name="starts_on"
            label={t('mou:new.startsOn')}
            reply={reply}
            initial={mou.starts_on}
            type="date"
          />
          <MouInput
            form="edit"
            name="ends_on"
            label={t('mou:new.endsOn')}
            reply={reply}
            initial={mou.ends_on}
            type="date"
          />
          <button type="submit">{t('mou:edit.submit')}</button>
        </MouForm>
      ) : null}

      <section aria-labelledby="parties-heading">
        <h2 id="parties-heading">{t('mou:detail.parties')}</h2>
        <ul id="parties">
          {parties.map((p) => (
            <li key={p.opd_id}>
              {p.name} ({p.short_name}) —{' '}
              {p.joined_on ? t('mou:detail.joinedOn', { date: day(p.joined_on) }) : t('mou:detail.founding')}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="signing-heading">
        <h2 id="signing-heading">{t('mou:detail.signing')}</h2>
        {mou.signed_on ? (
          <>
            <p>{t('mou:detail.signedOn', { date: day(mou.signed_on) })}</p>
            {mou.signed_file_name ? (
              <p>
                <a href={`${base}/document`}>{t('mou:detail.document', { name: mou.signed_file_name })}</a>
              </p>
            ) : null}
            <h3>{t('mou:detail.signatories')}</h3>
            <ul id="signatories">
              {signatories.map((s) => (
                <li key={s.id}>
                  {s.side === 'venture'
                    ? t('mou:detail.sideVenture')
                    : t('mou:detail.sideAgency', { agency: s.short_name ?? '' })}
                  : {s.name}, {s.role}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t('mou:detail.notSigned')}</p>
        )}
        {mayManage && transitions.includes('sign') ? (
          <MouForm
            intent="sign"
            encType="multipart/form-data"
            heading={t('mou:sign.heading')}
            reply={reply}
            labels={{
              signed_on: t('mou:sign.signedOn'),
              venture_name: t('mou:sign.ventureName'),
              venture_role: t('mou:sign.ventureRole'),
              agency_name: t('mou:sign.agencyName', { agency: '' }),
              document: t('mou:sign.document'),
            }}
          >
            <MouInput
              form="sign"
              name="signed_on"
              label={t('mou:sign.signedOn')}
              reply={reply}
              type="date"
              max={today}
            />
            <MouInput form="sign" name="venture_name" label={t('mou:sign.ventureName')} reply={reply} maxLength={120} />
            <MouInput form="sign" name="venture_role" label={t('mou:sign.ventureRole')} reply={reply} maxLength={120} />
            {founding.map((p, i) => (
              <fieldset key={p.opd_id} className="field" id={i === 0 ? fieldId('sign', 'agency_name') : undefined}>
                <legend>{p.name}</legend>
                <input type="hidden" name="agency_opd" value={p.opd_id} />
                <label htmlFor={`sign-agency-name-${i}`}>{t('mou:sign.agencyName', { agency: p.short_name })}</label>
                <input id={`sign-agency-name-${i}`} name="agency_name" maxLength={120} />
                <label htmlFor={`sign-agency-role-${i}`}>{t('mou:sign.agencyRole', { agency: p.short_name })}</label>
                <input id={`sign-agency-role-${i}`} name="agency_role" maxLength={120} />
              </fieldset>
            ))}
            <MouField
              form="sign"
              name="document"
              label={t('mou:sign.document')}
              hint={t('mou:sign.documentHint')}
              reply={reply}
            >
              <input id={fieldId('sign', 'document')} name="document" type="file" accept="application/pdf,.pdf" />
            </MouField>
            <button type="submit">{t('mou:sign.submit')}</button>
          </MouForm>
        ) : null}
      </section>

      <section aria-labelledby="lifecycle-heading">
        <h2 id="lifecycle-heading">{t('mou:detail.lifecycle')}</h2>
        <ReplySummary reply={reply} form="transition" labels={{}} />
        {transitions.length === 0 ? <p className="muted">{t('mou:detail.noTransitions')}</p> : null}
        {mayManage
          ? buttons.map((x) => (
              <Form method="post" key={x} className="inline">
                <input type="hidden" name="intent" value="transition" />
                <button type="submit" name="to" value={x} className="secondary">
                  {t(`mou:transitions.${x}`)}
                </button>
              </Form>
            ))
          : null}
        {mayManage && transitions.includes('terminate') ? (
          <MouForm
            intent="terminate"
            heading={t('mou:terminate.heading')}
            reply={reply}
            labels={{ reason: t('mou:terminate.reason'), confirm: t('mou:terminate.heading') }}
          >
            <MouTextArea
              form="terminate"
              name="reason"
              label={t('mou:terminate.reason')}
              reply={reply}
              rows={3}
              maxLength={2000}
            />
            <div className="field">
              <label className="check">
                <input id={fieldId('terminate', 'confirm')} type="checkbox" name="confirm" value="yes" />{' '}
                {t('mou:terminate.confirm')}
              </label>
            </div>
            <button type="submit" className="danger">
              {t('mou:terminate.submit')}
            </button>
          </MouForm>
        ) : null}
      </section>

      <section aria-labelledby="deliverables-heading">
        <h2 id="deliverables-heading">{t('mou:deliverables.heading')}</h2>
        {deliverables.length === 0 ? (
          <EmptyState>{t('mou:deliverables.empty')}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table id="deliverables">
              <thead>
                <tr>
                  <th scope="col">{t('mou:deliverables.title')}</th>
                  <th scope="col">{t('mou:deliverables.dueOn')}</th>
                  <th scope="col">{t('mou:deliverables.state')}</th>
                </tr>
              </thead>
              <tbody>
                {deliverables.map((d) => (
                  <tr key={d.id}>
                    <td>{d.title}</td>
                    <td>{day(d.due_on)}</td>
                    <td>
                      <StatusBadge>
                        {d.done_at
                          ? t('mou:deliverables.done')
                          : d.overdue
                            ? t('mou:deliverables.overdue')
                            : t('mou:deliverables.open')}
                      </StatusBadge>
                      {mayManage && !d.done_at ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="deliverableDone" />
                          <input type="hidden" name="deliverable" value={d.id} />
                          <button type="submit" className="secondary">
                            {t('mou:deliverables.markDone')}
                          </button>
                        </Form>
                      ) : null}
                      <ReplySummary reply={reply} form={`deliverableDone:${d.id}`} labels={{}} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayManage && !['completed', 'expired', 'terminated'].includes(mou.status) ? (
          <MouForm
            intent="deliverable"
            heading={t('mou:deliverables.new')}
            reply={reply}
            labels={{ title: t('mou:deliverables.title'), due_on: t('mou:deliverables.dueOn') }}
          >
            <MouInput
              form="deliverable"
              name="title"
              label={t('mou:deliverables.title')}
              reply={reply}
              maxLength={300}
            />
            <MouInput form="deliverable" name="due_on" label={t('mou:deliverables.dueOn')} reply={reply} type="date" />
            <button type="submit" className="secondary">
              {t('mou:deliverables.add')}
            </button>
          </MouForm>
        ) : null}
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('mou:reports.heading')}</h2>
        {reports.length === 0 ? (
          <EmptyState>{t('mou:reports.empty')}</EmptyState>
        ) : (
          <ol id="reports" className="rows">
            {reports.map((r) => {
              const form = `review:${r.id}`
              return (
                <li key={r.id}>
                  <h3>
                    {t('mou:reports.quarter', {
                      quarter: r.quarter,
                      from: day(r.period.from),
                      to: day(r.period.to),
                    })}{' '}
                    <StatusBadge>{t(`mou:reports.status.${r.status}`)}</StatusBadge>
                  </h3>
                  <p className="muted">{t('mou:reports.submittedBy', { name: r.submitted_by_name })}</p>
                  <p className="pre-wrap">{r.body}</p>
                  {r.review_comment ? <p>{t('mou:reports.comment', { comment: r.review_comment })}</p> : null}
                  {mayManage && r.status === 'submitted' ? (
                    <MouForm
                      intent="review"
                      form={form}
                      hidden={{ report: r.id }}
                      reply={reply}
                      labels={{ comment: t('mou:reports.reviewComment') }}
                    >
                      <fieldset className="field">
                        <legend>{t('mou:reports.decision')}</legend>
                        <label className="check">
                          <input type="radio" name="decision" value="accept" defaultChecked /> {t('mou:reports.accept')}
                        </label>
                        <label className="check">
                          <input type="radio" name="decision" value="return" /> {t('mou:reports.return')}
                        </label>
                      </fieldset>
                      <MouTextArea
                        form={form}
                        name="comment"
                        label={t('mou:reports.reviewComment')}
                        reply={reply}
                        rows={2}
                        maxLength={2000}
                      />
                      <button type="submit" className="secondary">
                        {t('mou:reports.review')}
                      </button>
                    </MouForm>
                  ) : null}
                </li>
              )
            })}
          </ol>
        )}
      </section>

      {mayManage && (mou.status === 'signed' || mou.status === 'active') ? (
        <section aria-labelledby="join-heading">
          <h2 id="join-heading">{t('mou:join.heading')}</h2>
          <p className="muted">{t('mou:join.hint')}</p>
          {joinable.length === 0 ? (
            <EmptyState>{t('mou:join.noneLeft')}</EmptyState>
          ) : (
            <MouForm
              intent="join"
              reply={reply}
              labels={{
                opd: t('mou:join.opd'),
                joined_on: t('mou:join.joinedOn'),
                signer_name: t('mou:join.signerName'),
                signer_role: t('mou:join.signerRole'),
              }}
            >
              <MouField form="join" name="opd" label={t('mou:join.opd')} reply={reply}>
                <select id={fieldId('join', 'opd')} name="opd" defaultValue={typedIn(reply, 'join', 'opd')}>
                  {joinable.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.short_name} — {o.name}
                    </option>
                  ))}
                </select>
              </MouField>
              <MouInput
                form="join"
                name="joined_on"
                label={t('mou:join.joinedOn')}
                reply={reply}
                type="date"
                max={today}
              />
              <MouInput form="join" name="signer_name" label={t('mou:join.signerName')} reply={reply} maxLength={120} />
              <MouInput form="join" name="signer_role" label={t('mou:join.signerRole')} reply={reply} maxLength={120} />
              <button type="submit">{t('mou:join.submit')}</button>
            </MouForm>
          )}
        </section>
      ) : null}
    </main>
  )
}
