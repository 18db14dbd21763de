import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { slugParam } from '#app/modules/errors/errors.ts'
import { canManageEditions, canReadProgramme } from '#app/modules/programme/access.ts'
import { type EditionOutcome, runEditionIntent } from '#app/modules/programme/edition-page.server.ts'
import { editionEditSchema, milestoneSchema, phaseAddSchema } from '#app/modules/programme/programme.schema.ts'
import { loadEditionPage } from '#app/modules/programme/programme.server.ts'
import { MILESTONE_KINDS } from '#app/modules/programme/programme-rules.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { InputField, SelectField } from '#app/ui/catalogue-fields.tsx'
import { EditionFields, useEditionLabels } from '#app/ui/edition-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.edition' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.editions', to: '/national/editions' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadProgramme)
  const page = await loadEditionPage(context.db, slugParam(params, 'edition'))
  const url = new URL(request.url)
  // "Change" links name a phase's milestone; its form then opens with the stored values.
  const phase = page.phases.find((p) => p.id === url.searchParams.get('phase'))
  const editing = phase?.milestones.find((m) => m.kind === url.searchParams.get('kind')) ?? null
  return { ...page, editing, created: url.searchParams.has('created'), mayManage: canManageEditions(viewer.ability) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canManageEditions)
  const actor = { userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const reply = await runEditionIntent(context.db, actor, slugParam(params, 'edition'), await request.formData())
  if (reply.changed) context.invalidatePortal()
  return data<EditionOutcome>(reply.outcome, { status: reply.status })
}

export default function EditionPage() {
  const { edition, phases, unplaced, nextPhase, editing, created, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'national'])
  const editionLabels = useEditionLabels()
  const lng = i18n.language as Language
  const text = useErrorText()
  const resultFor = (form: string) => (actionData?.form === form ? actionData.result : undefined)
  const [form, fields] = useForm({
    id: 'edition',
    lastResult: resultFor('edition'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editionEditSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { ...edition, legal_basis: edition.legal_basis ?? '' },
  })
  const [phaseForm, phaseFields] = useForm({
    id: 'addPhase',
    lastResult: resultFor('addPhase'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: phaseAddSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { number: String(nextPhase) },
  })
  return (
    <main id="main" className="page">
      <h1>{edition.name}</h1>
      <p className="muted">
        {formatDate(edition.starts_on, lng)} – {formatDate(edition.ends_on, lng)} ·{' '}
        {t(`national:editions.status.${edition.status}`)}
        {edition.legal_basis ? ` · ${edition.legal_basis}` : ''}
      </p>
      {created ? <FormMessage kind="ok">{t('national:editions.created')}</FormMessage> : null}
      {actionData?.done ? <FormMessage kind="ok">{text(actionData.done)}</FormMessage> : null}
      {actionData?.refused ? <FormMessage kind="error">{text(actionData.refused)}</FormMessage> : null}

      <section aria-labelledby="phases">
        <h2 id="phases">{t('national:phases.title')}</h2>
        {phases.length === 0 ? <p className="empty">{t('national:phases.empty')}</p> : null}
        {phases.map((phase) => (
          <section key={phase.id} className="box" aria-labelledby={`phase-${phase.id}`}>
            <h3 id={`phase-${phase.id}`}>{t('national:phases.heading', { number: phase.number })}</h3>
            {phase.provinces.length === 0 ? (
              <p className="empty">{t('national:phases.noProvinces')}</p>
            ) : (
              <ul className="rows">
                {phase.provinces.map((p) => (
                  <li key={p.id}>
                    <span>
                      {p.name}
                      {p.active ? '' : ` (${t('national:provinces.inactive')})`}
                    </span>
                    {mayManage ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="unassign" />
                        <input type="hidden" name="province" value={p.id} />
                        <button type="submit" className="secondary">
                          {t('national:phases.unassign')}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {mayManage && unplaced.length > 0 ? (
              <Form method="post" className="field">
                <input type="hidden" name="intent" value="assign" />
                <input type="hidden" name="phase" value={phase.id} />
                <label htmlFor={`assign-${phase.id}`}>{t('national:phases.assignLabel')}</label>
                <select id={`assign-${phase.id}`} name="province" required>
                  <option value="">{t('national:choose')}</option>
                  {unplaced.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary">
                  {t('national:phases.assign')}
                </button>
              </Form>
            ) : null}

            <h4>{t('national:milestones.title')}</h4>
            {phase.milestones.length === 0 ? (
              <p className="empty">{t('national:milestones.empty')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('national:milestones.kind')}</th>
                      <th scope="col">{t('national:milestones.dates')}</th>
                      <th scope="col">{t('national:milestones.note')}</th>
                      {mayManage ? <th scope="col">{t('national:actions')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {phase.milestones.map((m) => (
                      <tr key={m.id}>
                        <td>{t(`national:milestones.kinds.${m.kind}`)}</td>
                        <td>
                          {formatDate(m.starts_on, lng)}
                          {m.ends_on && m.ends_on !== m.starts_on ? ` – ${formatDate(m.ends_on, lng)}` : ''}
                        </td>
                        <td>{m.note ?? ''}</td>
                        {mayManage ? (
                          <td>
                            <Link to={`?phase=${phase.id}&kind=${m.kind}#milestone-${phase.id}`}>
                              {t('national:change')}
                            </Link>
                            <Form method="post">
                              <input type="hidden" name="intent" value="removeMilestone" />
                              <input type="hidden" name="milestone" value={m.id} />
                              <button type="submit" className="secondary">
                                {t('national:remove')}
                              </button>
                            </Form>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {mayManage ? (
              <MilestoneForm
                key={`${phase.id}-${editing?.phase_id === phase.id ? editing.kind : ''}`}
                phaseId={phase.id}
                editing={editing?.phase_id === phase.id ? editing : null}
                lastResult={resultFor(`milestone-${phase.id}`)}
              />
            ) : null}
            {mayManage && phase.provinces.length === 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="removePhase" />
                <input type="hidden" name="phase" value={phase.id} />
                <button type="submit" className="secondary">
                  {t('national:phases.remove')}
                </button>
              </Form>
            ) : null}
          </section>
        ))}
        {mayManage ? (
          <Form method="post" {...getFormProps(phaseForm)} className="box">
            <FormErrorSummary form={phaseForm} labels={{ number: t('national:phases.number') }} />
            <h3>{t('national:phases.addHeading')}</h3>
            <input type="hidden" name="intent" value="addPhase" />
            <InputField field={phaseFields.number} label={t('national:phases.number')} type="number" />
            <button type="submit" className="secondary">
              {t('national:phases.add')}
            </button>
          </Form>
        ) : null}
      </section>

      {mayManage ? (
        <Form method="post" {...getFormProps(form)} className="box">
          <FormErrorSummary
            form={form}
            labels={{
              ...editionLabels,
            }}
          />
          <h2>{t('national:editions.editHeading')}</h2>
          <input type="hidden" name="intent" value="edition" />
          <EditionFields fields={fields} />
          <button type="submit">{t('national:save')}</button>
        </Form>
      ) : null}
    </main>
  )
}

/** Adds a milestone to a phase, or changes the one of the chosen kind. */
function MilestoneForm({
  phaseId,
  editing,
  lastResult,
}: {
  phaseId: string
  editing: { kind: string; starts_on: string; ends_on: string | null; note: string | null } | null
  lastResult: SubmissionResult<string[]> | undefined
}) {
  const { t } = useTranslation(['common', 'national'])
  const [form, fields] = useForm({
    id: `milestone-${phaseId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: milestoneSchema }),
    shouldValidate: 'onBlur',
    defaultValue: editing
      ? { kind: editing.kind, starts_on: editing.starts_on, ends_on: editing.ends_on ?? '', note: editing.note ?? '' }
      : undefined,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="box" preventScrollReset>
      <FormErrorSummary
        form={form}
        labels={{
          kind: t('national:milestones.kind'),
          starts_on: t('national:milestones.startsOn'),
          ends_on: t('national:milestones.endsOn'),
          note: t('national:milestones.note'),
        }}
      />
      <h4>{editing ? t('national:milestones.editHeading') : t('national:milestones.addHeading')}</h4>
      <input type="hidden" name="intent" value="milestone" />
      <input type="hidden" name="phase" value={phaseId} />
      <SelectField
        field={fields.kind}
        label={t('national:milestones.kind')}
        placeholder={t('national:choose')}
        options={MILESTONE_KINDS.map((k) => ({ value: k, label: t(`national:milestones.kinds.${k}`) }))}
      />
      <InputField field={fields.starts_on} label={t('national:milestones.startsOn')} type="date" />
      <InputField
        field={fields.ends_on}
        label={t('national:milestones.endsOn')}
        type="date"
        hint={t('national:milestones.endsOnHint')}
      />
      <TextField field={fields.note} label={t('national:milestones.note')} maxLength={500} />
      <button type="submit" className="secondary">
        {t('national:milestones.save')}
      </button>
    </Form>
  )
}
