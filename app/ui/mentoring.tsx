import { Form } from '@remix-run/react'
import { cloneElement, isValidElement, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { FieldErrors, FormMessage, useErrorText } from './fields.tsx'

// Small pieces of the mentoring pages (issue 14): a reply above a form, labelled inputs
// that show the localised errors of their form's last reply. Plain HTML forms: the
// pages do not hydrate.

export interface Reply {
  form: string
  errors?: Record<string, string[] | null>
  refused?: string
}

/** The errors of one field when the reply belongs to this form. */
export const errorsOf = (reply: Reply | undefined, form: string, field: string) =>
  reply?.form === form ? (reply.errors?.[field] ?? undefined) : undefined

/** A refusal or a form-level error of this form, shown above it. */
export function ReplyMessage({ reply, form }: { reply: Reply | undefined; form: string }) {
  const text = useErrorText()
  if (reply?.form !== form) return null
  const key = reply.refused ?? reply.errors?.['']?.[0]
  return key ? <FormMessage kind="error">{text(key)}</FormMessage> : null
}

/** A "done" message after a redirect (?done=key). */
export function DoneMessage({ done }: { done: string | null }) {
  const { t } = useTranslation(['common', 'mentoring'])
  return done ? <FormMessage kind="ok">{t(`mentoring:done.${done}` as 'mentoring:done.built')}</FormMessage> : null
}

export function Field({
  id,
  label,
  errors,
  children,
}: {
  id: string
  label: ReactNode
  errors: string[] | undefined
  children: ReactNode
}) {
  // The control (the one child) is marked invalid and described by its error, as conform's fields are.
  const control =
    errors?.length && isValidElement<Record<string, unknown>>(children)
      ? cloneElement(children, { 'aria-invalid': true, 'aria-describedby': `${id}-error` })
      : children
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  )
}

/** The form that adds an action item (also on the session page, which sends its session along). */
export function ActionForm({
  reply,
  owners,
  finalists,
}: {
  reply: Reply | undefined
  owners: { id: string; name: string }[]
  finalists: { id: string; name: string }[]
}) {
  const { t } = useTranslation(['common', 'mentoring'])
  const err = (field: string) => errorsOf(reply, 'action', field)
  return (
    <Form method="post" className="box" aria-labelledby="action-heading">
      <h3 id="action-heading">{t('mentoring:actions.new')}</h3>
      <ReplyMessage reply={reply} form="action" />
      <input type="hidden" name="intent" value="action" />
      <Field id="action-title" label={t('mentoring:actions.title')} errors={err('title')}>
        <input id="action-title" name="title" maxLength={300} required />
      </Field>
      <Field id="action-owner" label={t('mentoring:actions.owner')} errors={err('owner')}>
        <select id="action-owner" name="owner">
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="action-due" label={t('mentoring:actions.dueOn')} errors={err('due_on')}>
        <input id="action-due" name="due_on" type="date" required />
      </Field>
      <Field id="action-finalist" label={t('mentoring:actions.about')} errors={err('application')}>
        <select id="action-finalist" name="application">
          <option value="">{t('mentoring:actions.aboutNone')}</option>
          {finalists.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="secondary">
        {t('mentoring:actions.add')}
      </button>
    </Form>
  )
}

export interface MilestoneView {
  id: string
  key: string | null
  title: string | null
  evidence_text: string | null
  evidence_link: string | null
  evidence_file_id: string | null
  evidence_file_name: string | null
  evidence_at: Date | null
  evidence_by_name: string | null
  signed_off_at: Date | null
  signed_off_by_name: string | null
}

/** A plan's milestones with evidence and sign-off; the staff page adds its forms per milestone. */
export function Milestones({
  milestones,
  opd,
  timeZone,
  fileBase,
  renderActions,
}: {
  milestones: MilestoneView[]
  opd: string
  timeZone: string
  fileBase: string
  renderActions?: (m: MilestoneView) => ReactNode
}) {
  const { t, i18n } = useTranslation(['common', 'mentoring'])
  const lng = i18n.language as Language
  if (milestones.length === 0) return <p className="empty">{t('mentoring:plan.empty')}</p>
  return (
    <ol id="milestones" className="rows">
      {milestones.map((m) => (
        <li key={m.id} data-signed={m.signed_off_at ? 'yes' : 'no'}>
          <h3>{m.key ? t(`mentoring:milestones.${m.key}` as 'mentoring:milestones.pitchDeck', { opd }) : m.title}</h3>
          {m.evidence_at ? (
            <div>
              <p className="muted">
                {t('mentoring:plan.evidenceBy', {
                  name: m.evidence_by_name ?? '—',
                  when: formatDateTime(m.evidence_at, lng, timeZone),
                })}
              </p>
              {m.evidence_text ? <p className="pre-wrap">{m.evidence_text}</p> : null}
              {m.evidence_link ? (
                <p>
                  <a href={m.evidence_link} rel="noopener noreferrer nofollow">
                    {m.evidence_link}
                  </a>
                </p>
              ) : null}
              {m.evidence_file_id ? (
                <p>
                  <a href={`${fileBase}/${m.evidence_file_id}`}>{m.evidence_file_name ?? t('mentoring:plan.file')}</a>
                </p>
              ) : null}
            </div>
          ) : (
            <p className="muted">{t('mentoring:plan.noEvidence')}</p>
          )}
          <p data-cell="signoff">
            {m.signed_off_at
              ? t('mentoring:plan.signedBy', {
                  name: m.signed_off_by_name ?? '—',
                  when: formatDateTime(m.signed_off_at, lng, timeZone),
                })
              : t('mentoring:plan.notSigned')}
          </p>
          {renderActions ? renderActions(m) : null}
        </li>
      ))}
    </ol>
  )
}

/** Where a session happens: its meeting link (opened in place) or its place. */
export function SessionWhere({ mode, link, place }: { mode: string; link: string | null; place: string | null }) {
  if (mode === 'online' && link) {
    return (
      <a href={link} rel="noopener noreferrer nofollow">
        {link}
      </a>
    )
  }
  return <>{place}</>
}

/** Evidence for one milestone: words, a link and/or a file (checked by content on the server). */
export function EvidenceForm({ milestone: m, reply }: { milestone: MilestoneView; reply: Reply | undefined }) {
  const { t } = useTranslation(['common', 'mentoring'])
  const form = `evidence:${m.id}`
  return (
    <Form method="post" encType="multipart/form-data" className="box">
      <input type="hidden" name="intent" value="evidence" />
      <input type="hidden" name="milestone" value={m.id} />
      <Field id={`text-${m.id}`} label={t('mentoring:plan.evidenceText')} errors={errorsOf(reply, form, 'text')}>
        <textarea id={`text-${m.id}`} name="text" rows={2} maxLength={4000} defaultValue={m.evidence_text ?? ''} />
      </Field>
      <Field id={`link-${m.id}`} label={t('mentoring:plan.evidenceLink')} errors={errorsOf(reply, form, 'link')}>
        <input id={`link-${m.id}`} name="link" maxLength={500} defaultValue={m.evidence_link ?? ''} />
      </Field>
      <Field id={`file-${m.id}`} label={t('mentoring:plan.evidenceFile')} errors={errorsOf(reply, form, 'file')}>
        <input id={`file-${m.id}`} name="file" type="file" accept="application/pdf,image/png,image/jpeg" />
      </Field>
      <button type="submit" className="secondary">
        {t('mentoring:plan.saveEvidence')}
      </button>
    </Form>
  )
}
