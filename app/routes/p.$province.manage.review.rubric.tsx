import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { canManageReview, canReadReview } from '#app/modules/review/manage-access.ts'
import { callField, callQuery } from '#app/modules/review/review-params.ts'
import { loadRubric, rubricState, saveRubric } from '#app/modules/review-settings/rubric.server.ts'
import { type CriterionForm, LEVELS, parseRubricForm } from '#app/modules/review-settings/rubric-form.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FieldErrors, FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { CallPicker, ReviewNav } from '#app/ui/review-nav.tsx'

export const handle: RouteHandle = {
  title: 'pages.rubric' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.reviewSettings', to: '/p/:province/manage/review' },
  ],
}

type Reply = { errors?: Record<string, string>; values?: CriterionForm[]; refused?: string; done?: boolean }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadReview)
  const mayManage = canManageReview(viewer.ability, province)
  const url = new URL(request.url)
  const rubric = await loadRubric(
    context.db,
    province,
    { id: callQuery(url.searchParams), now: context.now() },
    { createDefault: mayManage },
  )
  return { province, rubric, mayManage }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageReview)
  const form = await request.formData()
  const callId = callField(form)
  // A call of another province (or none) is 404, and a locked rubric 409, before any field is judged.
  const state = await rubricState(context.db, province.id, callId)
  if (state.locked) return data<Reply>({ refused: 'screening:rubric.refused.locked' }, { status: 409 })
  // A pure reader, not zod: numbered criterion blocks checked against the stored keys (docs/ARCHITECTURE.md#errors).
  const parsed = parseRubricForm(form, state.keys)
  if (!parsed.ok) return data<Reply>({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const meta = requestMeta(request, context)
  try {
    await saveRubric(
      context.db,
      province,
      { userId: viewer.user.id, ip: meta.ip, now: meta.now, origin: meta.origin },
      callId,
      parsed.criteria,
    )
  } catch (error) {
    const no = refusal(error)
    if (no.field) {
      return data<Reply>({ errors: { [no.field]: no.key }, values: parsed.values }, { status: no.status })
    }
    return data<Reply>({ refused: no.key }, { status: no.status })
  }
  return data<Reply>({ done: true })
}

const emptyBlock = (): CriterionForm => ({
  key: '',
  weight: '',
  title_id: '',
  title_en: '',
  levels: LEVELS.map(() => ({ id: '', en: '' })),
  remove: false,
})

export default function RubricEditor() {
  const { province, rubric, mayManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'screening'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const call = rubric?.call
  if (!rubric || !call) {
    return (
      <main id="main" className="page">
        <ReviewNav slug={province.slug} />
        <h1>{t('screening:rubric.title')}</h1>
        <p className="empty">{t('screening:noCall')}</p>
      </main>
    )
  }
  const locked = rubric.locked
  const stored: CriterionForm[] = rubric.criteria.map((c) => ({
    key: c.key,
    weight: String(c.weight),
    title_id: c.title_id,
    title_en: c.title_en,
    levels: c.levels,
    remove: false,
  }))
  // A refused save shows what was typed (every field, the new block, the removal ticks),
  // never the stored rubric, so nothing is lost without JavaScript.
  const typed = reply?.values && !reply.done ? reply.values : undefined
  const blocks = typed ?? [...stored, emptyBlock()]
  const errs = reply?.errors ?? {}
  const sum = rubric.criteria.reduce((n, c) => n + c.weight, 0)
  const typedSum = typed
    ?.filter((b) => !b.remove)
    .reduce((n, b) => n + (/^\d{1,3}$/.test(b.weight) ? Number(b.weight) : 0), 0)
  const err = (name: string) => (errs[name] ? [errs[name] as string] : undefined)
  // Ties an input to its error so screen readers announce it with the field.
  const invalid = (name: string) =>
    errs[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {}
  return (
    <main id="main" className="page">
      <ReviewNav slug={province.slug} />
      <h1>{t('screening:rubric.title')}</h1>
      <CallPicker calls={rubric.calls} current={call.id} timeZone={province.time_zone} />
      {reply?.done ? <FormMessage kind="ok">{t('screening:done.rubricSaved')}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {errs.form ? <FormMessage kind="error">{text(errs.form)}</FormMessage> : null}
      {rubric.criteria.length > 0 ? <p className="muted">{t('screening:rubric.sum', { sum })}</p> : null}
      {typedSum !== undefined ? <p className="muted">{t('screening:rubric.typedSum', { sum: typedSum })}</p> : null}
      {locked || !mayManage ? (
        <>
          {locked ? <p className="hint">{t('screening:rubric.locked')}</p> : null}
          {rubric.criteria.length === 0 ? <p className="empty">{t('screening:rubric.notSet')}</p> : null}
          <ol>
            {rubric.criteria.map((c) => (
              <li key={c.id}>
                <h2>
                  {lng === 'en' ? c.title_en : c.title_id} ({t('screening:rubric.weightValue', { weight: c.weight })})
                </h2>
                <ol>
                  {c.levels.map((l, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the five levels are fixed positions
                    <li key={i}>{lng === 'en' ? l.en : l.id}</li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <Form method="post">
          <input type="hidden" name="call" value={call.id} />
          <p className="hint">{t('screening:rubric.hint')}</p>
          {blocks.map((b, i) => {
            const at = (f: string) => `c.${i}.${f}`
            const isNew = !b.key
            return (
              <fieldset key={b.key || `new-${i}`} className="box">
                <legend>
                  {isNew
                    ? t('screening:rubric.newCriterion')
                    : t('screening:rubric.criterion', { n: i + 1, key: b.key })}
                </legend>
                <input type="hidden" name={at('key')} value={b.key} />
                <div className="field">
                  <label htmlFor={at('weight')}>{t('screening:rubric.weight')}</label>
                  <input
                    id={at('weight')}
                    name={at('weight')}
                    type="number"
                    min={1}
                    max={100}
                    defaultValue={b.weight}
                    {...invalid(at('weight'))}
                  />
                  <FieldErrors id={`${at('weight')}-error`} errors={err(at('weight'))} />
                </div>
                {(['id', 'en'] as const).map((lang) => (
                  <div className="field" key={lang}>
                    <label htmlFor={at(`title_${lang}`)}>{t(`screening:rubric.title_${lang}`)}</label>
                    <input
                      id={at(`title_${lang}`)}
                      name={at(`title_${lang}`)}
                      maxLength={200}
                      defaultValue={lang === 'id' ? b.title_id : b.title_en}
                      {...invalid(at(`title_${lang}`))}
                    />
                    <FieldErrors id={`${at(`title_${lang}`)}-error`} errors={err(at(`title_${lang}`))} />
                  </div>
                ))}
                {LEVELS.map((level) =>
                  (['id', 'en'] as const).map((lang) => {
                    const name = at(`level${level}_${lang}`)
                    return (
                      <div className="field" key={name}>
                        <label htmlFor={name}>{t(`screening:rubric.level_${lang}`, { level })}</label>
                        <textarea
                          id={name}
                          name={name}
                          rows={2}
                          maxLength={1000}
                          defaultValue={b.levels[level - 1]?.[lang] ?? ''}
                          {...invalid(name)}
                        />
                        <FieldErrors id={`${name}-error`} errors={err(name)} />
                      </div>
                    )
                  }),
                )}
                {isNew ? (
                  <p className="hint">{t('screening:rubric.newHint')}</p>
                ) : (
                  <label>
                    <input type="checkbox" name={at('remove')} defaultChecked={b.remove} />{' '}
                    {t('screening:rubric.remove')}
                  </label>
                )}
              </fieldset>
            )
          })}
          <button type="submit">{t('screening:rubric.submit')}</button>
        </Form>
      )}
    </main>
  )
}
