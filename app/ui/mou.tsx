import { Form } from '@remix-run/react'
import {
  cloneElement,
  type InputHTMLAttributes,
  isValidElement,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react'
import { useTranslation } from 'react-i18next'
import type { MouReply } from '#app/modules/cocreation/mou-page.server.ts'
import { ErrorSummary } from './error-summary.tsx'
import { FieldErrors, FormMessage, useErrorText } from './fields.tsx'
import { StatusBadge } from './page-parts.tsx'

// Pieces of the MoU pages (issue 15): plain HTML forms (the pages do not hydrate) whose
// fields show their form's last reply — the localised errors, the error summary at the
// top, the text as typed.

export type { MouReply }

/** The id of a field of a form (`create-title`), the target of the summary's links. */
export const fieldId = (form: string, name: string) => `${form.replace(/[^a-zA-Z0-9-]/g, '-')}-${name}`

/** One field's errors when the reply belongs to this form. */
export const errorsOf = (reply: MouReply | undefined, form: string, field: string) =>
  reply?.form === form ? (reply.errors?.[field] ?? undefined) : undefined

/** What the person typed in this form, when the page comes back with errors. */
export const typedIn = (reply: MouReply | undefined, form: string, field: string, fallback = '') =>
  reply?.form === form ? (reply.values?.[field] ?? fallback) : fallback

/** The summary of a failed form (GOV.UK pattern), each problem linking to its field; a refusal above it. */
export function ReplySummary({
  reply,
  form,
  labels,
}: {
  reply: MouReply | undefined
  form: string
  labels: Record<string, string>
}) {
  const text = useErrorText()
  if (reply?.form !== form) return null
  if (reply.refused) return <FormMessage kind="error">{text(reply.refused)}</FormMessage>
  const items = Object.entries(reply.errors ?? {}).flatMap(([name, errors]) =>
    (errors ?? []).map((e) => ({
      fieldId: name && labels[name] ? fieldId(form, name) : undefined,
      text: labels[name] ? `${labels[name]}: ${text(e)}` : text(e),
    })),
  )
  return <ErrorSummary items={items} />
}

/**
 * One of a MoU page's forms, posted as `intent`: the summary of its last reply first, then
 * its fields. `form` names its reply when one intent has a form per row (`review:<id>`);
 * `heading` titles the form and labels it for screen readers; `hidden` adds values such
 * as the row's id.
 */
export function MouForm({
  intent,
  form = intent,
  reply,
  labels,
  heading,
  hidden = {},
  encType,
  children,
}: {
  intent: string
  form?: string
  reply: MouReply | undefined
  /** The summary's name for each field. */
  labels: Record<string, string>
  heading?: string
  hidden?: Record<string, string>
  encType?: 'multipart/form-data'
  children: ReactNode
}) {
  const headingId = heading ? `${form}-heading` : undefined
  return (
    <Form method="post" encType={encType} className="box" aria-labelledby={headingId}>
      {heading ? <h3 id={headingId}>{heading}</h3> : null}
      <ReplySummary reply={reply} form={form} labels={labels} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  )
}

/** A labelled control with its errors; the control carries `id={fieldId(form, name)}`. */
export function MouField({
  form,
  name,
  label,
  hint,
  reply,
  children,
}: {
  form: string
  name: string
  label: ReactNode
  hint?: ReactNode
  reply: MouReply | undefined
  children: ReactNode
}) {
  const id = fieldId(form, name)
  const errors = errorsOf(reply, form, name)
  // The control (the one child) is marked invalid and described by its error, as conform's fields are.
  const control =
    errors?.length && isValidElement<Record<string, unknown>>(children)
      ? cloneElement(children, { 'aria-invalid': true, 'aria-describedby': `${id}-error` })
      : children
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      {control}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  )
}

interface ControlOf {
  form: string
  name: string
  label: ReactNode
  hint?: ReactNode
  reply: MouReply | undefined
  /** What the field shows before anything was typed (a returned report's text). */
  initial?: string
}

/** A `MouField` around an input that shows what was typed when the form comes back. */
export function MouInput({
  form,
  name,
  label,
  hint,
  reply,
  initial,
  ...input
}: ControlOf & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'form' | 'defaultValue'>) {
  return (
    <MouField form={form} name={name} label={label} hint={hint} reply={reply}>
      <input id={fieldId(form, name)} name={name} {...input} defaultValue={typedIn(reply, form, name, initial)} />
    </MouField>
  )
}

/** A `MouField` around a textarea that shows what was typed when the form comes back. */
export function MouTextArea({
  form,
  name,
  label,
  hint,
  reply,
  initial,
  ...textarea
}: ControlOf & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'form' | 'defaultValue'>) {
  return (
    <MouField form={form} name={name} label={label} hint={hint} reply={reply}>
      <textarea id={fieldId(form, name)} name={name} {...textarea} defaultValue={typedIn(reply, form, name, initial)} />
    </MouField>
  )
}

/** A MoU's state in a word. */
export function MouStatus({ status }: { status: string }) {
  const { t } = useTranslation('mou')
  return <StatusBadge>{t(`status.${status}` as 'status.draft')}</StatusBadge>
}

/** The message after a redirect (?done=key). */
export function MouDone({ done }: { done: string | null }) {
  const { t } = useTranslation('mou')
  return done ? <FormMessage kind="ok">{t(`done.${done}` as 'done.created')}</FormMessage> : null
}
