import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { PlaceMap } from './charts.tsx'
import { type ErrorItem, ErrorSummary } from './error-summary.tsx'
import { FieldErrors, FormMessage, useErrorText } from './fields.tsx'
import { StatusBadge } from './page-parts.tsx'

// The pieces of the replication pages (issue 15): the record form, the list, the map.
// Plain HTML forms, the pages do not hydrate; a refused form comes back with what was
// typed (`reply.values`) and its errors.

export interface FormReply {
  form: string
  errors?: Record<string, string[] | null>
  refused?: string
  values?: Record<string, string>
}

const FORMS = ['adoption', 'adaptation', 'modification'] as const
const STATUSES = ['planned', 'running', 'completed', 'stopped'] as const

/** The error summary of one form's reply, each field error linking to its control (`<form>-<field>`). */
export function ReplyErrors({
  reply,
  form,
  labels,
  title,
}: {
  reply: FormReply | undefined
  form: string
  labels: Record<string, string>
  title: string
}) {
  const text = useErrorText()
  if (reply?.form !== form) return null
  if (reply.refused) return <FormMessage kind="error">{text(reply.refused)}</FormMessage>
  const items: ErrorItem[] = Object.entries(reply.errors ?? {}).flatMap(([name, keys]) =>
    (keys ?? []).map((key) =>
      name === '' ? { text: text(key) } : { fieldId: `${form}-${name}`, text: `${labels[name] ?? name}: ${text(key)}` },
    ),
  )
  return items.length ? <ErrorSummary items={items} title={title} /> : null
}

function Field({
  form,
  name,
  label,
  hint,
  reply,
  children,
}: {
  form: string
  name: string
  label: string
  hint?: string
  reply: FormReply | undefined
  children: (props: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode
}) {
  const id = `${form}-${name}`
  const errors = reply?.form === form ? (reply.errors?.[name] ?? undefined) : undefined
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        name,
        ...(errors?.length ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  )
}

export interface InnovationChoice {
  id: string
  title: string
  venture_name: string
  province_name: string
  recommended_for_replication: boolean
}

/**
 * The replication form: the innovation (a choice, or fixed on an innovation's page), who
 * replicates (the province or one of its kabupaten/kota; absent for ministry units),
 * form, what changed, agency, start, status and contact.
 */
export function ReplicationForm({
  heading,
  reply,
  innovations,
  fixedInnovation,
  regencies,
}: {
  heading: string
  reply: FormReply | undefined
  innovations?: readonly InnovationChoice[]
  fixedInnovation?: string
  regencies?: readonly { code: string; name: string; kind: string }[]
}) {
  const { t } = useTranslation(['common', 'replication'])
  const form = 'record'
  const v = reply?.form === form ? (reply.values ?? {}) : {}
  const labels: Record<string, string> = {
    innovation: t('replication:form.innovation'),
    regency: t('replication:form.regency'),
    form: t('replication:form.form'),
    changes: t('replication:form.changes'),
    agencyName: t('replication:form.agencyName'),
    agencyUnit: t('replication:form.agencyUnit'),
    startedOn: t('replication:form.startedOn'),
    status: t('replication:form.status'),
    contactName: t('replication:form.contactName'),
    contactEmail: t('replication:form.contactEmail'),
    contactPhone: t('replication:form.contactPhone'),
  }
  const f = (name: string, hint?: string) => ({ form, name, label: labels[name] ?? name, hint, reply })
  return (
    <Form method="post" className="box" aria-labelledby="record-heading" id="record">
      <h2 id="record-heading">{heading}</h2>
      <ReplyErrors reply={reply} form={form} labels={labels} title={t('replication:errors.summary')} />
      <input type="hidden" name="intent" value="record" />
      {fixedInnovation ? (
        <input type="hidden" name="innovation" value={fixedInnovation} />
      ) : (
        <Field {...f('innovation', t('replication:form.innovationHint'))}>
          {(p) => (
            <select {...p} defaultValue={v.innovation ?? ''} required>
              <option value="">{t('replication:form.chooseInnovation')}</option>
              {(innovations ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title} — {i.venture_name} ({i.province_name})
                  {i.recommended_for_replication ? ` · ${t('replication:form.recommendedMark')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {regencies ? (
        <Field {...f('regency')}>
          {(p) => (
            <select {...p} defaultValue={v.regency ?? ''}>
              <option value="">{t('replication:form.regencyProvince')}</option>
              {regencies.map((r) => (
                <option key={r.code} value={r.code}>
                  {regencyName(t, r.kind, r.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field {...f('form')}>
        {(p) => (
          <select {...p} defaultValue={v.form ?? 'adaptation'}>
            {FORMS.map((x) => (
              <option key={x} value={x}>
                {t(`replication:forms.${x}`)} — {t(`replication:formHints.${x}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field {...f('changes', t('replication:form.changesHint'))}>
        {(p) => <textarea {...p} rows={4} maxLength={2000} defaultValue={v.changes ?? ''} />}
      </Field>
      <Field {...f('agencyName', t('replication:form.agencyNameHint'))}>
        {(p) => <input {...p} maxLength={200} defaultValue={v.agencyName ?? ''} required />}
      </Field>
      <Field {...f('agencyUnit')}>{(p) => <input {...p} maxLength={200} defaultValue={v.agencyUnit ?? ''} />}</Field>
      <Field {...f('startedOn')}>{(p) => <input {...p} type="date" defaultValue={v.startedOn ?? ''} required />}</Field>
      <Field {...f('status')}>
        {(p) => (
          <select {...p} defaultValue={v.status ?? 'planned'}>
            {STATUSES.map((x) => (
              <option key={x} value={x}>
                {t(`replication:statuses.${x}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field {...f('contactName')}>
        {(p) => <input {...p} maxLength={120} defaultValue={v.contactName ?? ''} required />}
      </Field>
      <Field {...f('contactEmail', t('replication:form.contactHint'))}>
        {(p) => <input {...p} type="email" maxLength={254} defaultValue={v.contactEmail ?? ''} />}
      </Field>
      <Field {...f('contactPhone')}>
        {(p) => <input {...p} type="tel" maxLength={20} defaultValue={v.contactPhone ?? ''} />}
      </Field>
      <button type="submit">{t('replication:form.submit')}</button>
    </Form>
  )
}

export interface ReplicationListRow {
  id: string
  innovation_title: string
  origin_name: string
  province_name: string
  level: 'province' | 'regency' | 'ministry'
  regency_name: string | null
  regency_kind: string | null
  agency_name: string
  form: (typeof FORMS)[number]
  status: (typeof STATUSES)[number]
  started_on: string
}

type T = ReturnType<typeof useTranslation<['common', 'replication']>>['t']

/** "Kabupaten Kapuas Hulu" / "Kota Makassar" in the reader's language. */
function regencyName(t: T, kind: string | null, name: string) {
  return kind === 'kota'
    ? t('replication:regencyKinds.kota', { name })
    : t('replication:regencyKinds.kabupaten', { name })
}

/** Where a replication runs, as read: "Kabupaten Kapuas Hulu, Kalimantan Barat", or the province. */
export function replicationPlace(
  t: T,
  r: Pick<ReplicationListRow, 'level' | 'regency_name' | 'regency_kind' | 'province_name'>,
) {
  if (r.level === 'regency' && r.regency_name)
    return `${regencyName(t, r.regency_kind, r.regency_name)}, ${r.province_name}`
  return r.province_name
}

/** A table of replications, each linking to its page on the province's pages. */
export function ReplicationTable({
  id,
  rows,
  href,
}: {
  id: string
  rows: readonly ReplicationListRow[]
  href: (row: ReplicationListRow) => string
}) {
  const { t, i18n } = useTranslation(['common', 'replication'])
  const lng = i18n.language as Language
  return (
    <div className="table-wrap">
      <table id={id}>
        <thead>
          <tr>
            <th scope="col">{t('replication:columns.innovation')}</th>
            <th scope="col">{t('replication:columns.origin')}</th>
            <th scope="col">{t('replication:columns.replicatedBy')}</th>
            <th scope="col">{t('replication:columns.agency')}</th>
            <th scope="col">{t('replication:columns.form')}</th>
            <th scope="col">{t('replication:columns.status')}</th>
            <th scope="col">{t('replication:columns.startedOn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={href(r)}>{r.innovation_title}</Link>
              </td>
              <td>{r.origin_name}</td>
              <td>{r.level === 'ministry' ? t('replication:levels.ministry') : replicationPlace(t, r)}</td>
              <td>{r.agency_name}</td>
              <td>{t(`replication:forms.${r.form}`)}</td>
              <td>
                <StatusBadge>{t(`replication:statuses.${r.status}`)}</StatusBadge>
              </td>
              <td>{formatDate(r.started_on, lng)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export interface MapReplication extends ReplicationListRow {
  place: { lon: number; lat: number } | null
}

/** The replication map of one innovation: its origin and every replication, drawn and tabled. */
export function ReplicationMap({
  innovation,
  replications,
  bounds,
}: {
  innovation: { id: string; title: string; province_name: string; place: { lon: number; lat: number } | null }
  replications: readonly MapReplication[]
  bounds: { west: number; east: number; south: number; north: number }
}) {
  const { t } = useTranslation(['common', 'replication'])
  const places = replications.map((r) =>
    r.level === 'ministry' ? `${r.agency_name} (${t('replication:levels.ministry')})` : replicationPlace(t, r),
  )
  return (
    <PlaceMap
      id={`map-${innovation.id}`}
      texts={{
        title: t('replication:innovation.mapTitle', { title: innovation.title }),
        desc:
          replications.length === 0
            ? t('replication:innovation.mapDescNone', { origin: innovation.province_name })
            : t('replication:innovation.mapDesc', {
                origin: innovation.province_name,
                count: replications.length,
                places: places.join('; '),
              }),
      }}
      bounds={bounds}
      columns={[
        t('replication:innovation.colPlace'),
        t('replication:innovation.colRole'),
        t('replication:innovation.colWho'),
        t('replication:innovation.colForm'),
        t('replication:innovation.colStatus'),
      ]}
      places={[
        {
          key: 'origin',
          label: `${innovation.province_name} (${t('replication:innovation.mapOrigin')})`,
          lon: innovation.place?.lon ?? null,
          lat: innovation.place?.lat ?? null,
          kind: 'origin',
          cells: [t('replication:innovation.roleOrigin'), '', '', ''],
        },
        ...replications.map((r, i) => ({
          key: r.id,
          label: places[i] ?? r.province_name,
          // A ministry unit sits with its origin; it is listed, not drawn as a journey.
          lon: r.level === 'ministry' ? null : (r.place?.lon ?? null),
          lat: r.level === 'ministry' ? null : (r.place?.lat ?? null),
          kind: 'destination' as const,
          cells: [
            t('replication:innovation.roleReplica'),
            r.agency_name,
            t(`replication:forms.${r.form}`),
            t(`replication:statuses.${r.status}`),
          ],
        })),
      ]}
    />
  )
}

/** A done message after a redirect (?done=key). */
export function DoneNotice({ done }: { done: string | null }) {
  const { t } = useTranslation(['common', 'replication'])
  if (!done || !['recorded', 'status', 'recommended', 'unrecommended'].includes(done)) return null
  return <FormMessage kind="ok">{t(`replication:done.${done as 'recorded'}`)}</FormMessage>
}
