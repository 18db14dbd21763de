import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canApply } from '#app/modules/applications/application-access.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { declareSchema, withdrawSchema } from '#app/modules/inclusion/inclusion.schema.ts'
import { declare, loadOwnDeclarations, withdraw } from '#app/modules/inclusion/inclusion.server.ts'
import { AGE_BANDS, DISABILITIES, GENDERS } from '#app/modules/inclusion/inclusion-rules.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { firstErrors } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

// The applicant's optional inclusion self-declaration (issue 16, docs/decisions/017):
// a plain form, consent box required, Post/Redirect/Get; withdrawing deletes everything.

const guard = (request: Request, context: LoaderFunctionArgs['context'], slug: string | undefined) =>
  requireProvinceAccess(request, context, slug, canApply)

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.inclusionDeclare' as const,
  crumbs: [{ title: 'pages.applyHome', to: '/p/:province/apply' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await guard(request, context, params.province)
  const own = await loadOwnDeclarations(context.db, { provinceId: province.id, userId: viewer.user.id })
  const done = new URL(request.url).searchParams.get('done')
  return { province, ...own, done: done === 'saved' || done === 'withdrawn' ? done : null }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await guard(request, context, params.province)
  const formData = await request.formData()
  const meta = requestMeta(request, context)
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: meta.ip, now: meta.now }
  const back = `/p/${province.slug}/apply/inclusion`
  if (formData.get('intent') === 'withdraw') {
    const submission = parseWithZod(formData, { schema: withdrawSchema })
    if (submission.status !== 'success')
      return data({ errors: { '': 'inclusion:errors.checkFields' } }, { status: 400 })
    await withdraw(context.db, actor)
    return redirect(`${back}?done=withdrawn`)
  }
  const submission = parseWithZod(formData, { schema: declareSchema })
  if (submission.status !== 'success') return data({ errors: firstErrors(submission.error) }, { status: 400 })
  try {
    await declare(context.db, actor, submission.value)
  } catch (error) {
    return data({ errors: { '': refusal(error).key } }, { status: 409 })
  }
  return redirect(`${back}?done=saved`)
}

function Question({
  name,
  label,
  values,
  answers,
  value,
  error,
}: {
  name: string
  label: string
  values: readonly string[]
  answers: string
  value: string | undefined
  error: string | undefined
}) {
  const { t } = useTranslation(['inclusion'])
  const text = useErrorText()
  return (
    <p>
      <label htmlFor={name}>{label}</label>{' '}
      <select id={name} name={name} defaultValue={value ?? ''} aria-invalid={error ? true : undefined}>
        <option value="">—</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`inclusion:answers.${answers}.${v}` as 'inclusion:answers.gender.female')}
          </option>
        ))}
      </select>
      {error ? <span className="field-error">{` ${text(error)}`}</span> : null}
    </p>
  )
}

function Questions({
  prefix,
  value,
  errors,
}: {
  prefix: string
  value: Record<string, string | undefined>
  errors: Record<string, string>
}) {
  const { t } = useTranslation(['inclusion'])
  return (
    <>
      <Question
        name={`${prefix}.gender`}
        label={t('inclusion:questions.gender')}
        values={GENDERS}
        answers="gender"
        value={value.gender}
        error={errors[`${prefix}.gender`]}
      />
      <Question
        name={`${prefix}.age_band`}
        label={t('inclusion:questions.age_band')}
        values={AGE_BANDS}
        answers="age_band"
        value={value.age_band}
        error={errors[`${prefix}.age_band`]}
      />
      <Question
        name={`${prefix}.disability`}
        label={t('inclusion:questions.disability')}
        values={DISABILITIES}
        answers="disability"
        value={value.disability}
        error={errors[`${prefix}.disability`]}
      />
    </>
  )
}

export default function InclusionDeclaration() {
  const { province, venture, self, members, consented, done } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'inclusion', 'venture'])
  const text = useErrorText()
  const errors: Record<string, string> = reply?.errors ?? {}
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/apply/profile`}>{t('venture:title')}</Link>
      </p>
      <h1>{t('inclusion:declare.title')}</h1>
      <p className="muted">{t('inclusion:declare.intro')}</p>
      {done && !reply ? (
        <FormMessage kind="ok">
          {t(done === 'saved' ? 'inclusion:declare.saved' : 'inclusion:declare.withdrawn')}
        </FormMessage>
      ) : null}
      <ErrorSummary
        items={Object.entries(errors).map(([field, key]) => ({ fieldId: field || undefined, text: text(key) }))}
      />
      {!venture ? (
        <p className="empty">{t('inclusion:declare.needProfile')}</p>
      ) : (
        <>
          {consented ? <p>{t('inclusion:declare.consented')}</p> : null}
          <Form method="post">
            <fieldset>
              <legend>{t('inclusion:declare.self')}</legend>
              <Questions prefix="self" value={self ?? {}} errors={errors} />
            </fieldset>
            {members.length > 0 ? <p className="muted small">{t('inclusion:declare.memberHint')}</p> : null}
            {members.map((m, i) => (
              <fieldset key={m.id}>
                <legend>{t('inclusion:declare.member', { name: m.name, role: m.role })}</legend>
                <input type="hidden" name={`members[${i}].id`} value={m.id} />
                <Questions
                  prefix={`members[${i}]`}
                  value={{ gender: m.gender, age_band: m.age_band, disability: m.disability }}
                  errors={errors}
                />
              </fieldset>
            ))}
            <p>
              <label>
                <input type="checkbox" id="consent" name="consent" value="on" defaultChecked={consented} />{' '}
                {t('inclusion:declare.consent')}
              </label>
              {errors.consent ? <span className="field-error">{` ${text(errors.consent)}`}</span> : null}
            </p>
            <button type="submit" name="intent" value="declare">
              {t('inclusion:declare.save')}
            </button>
          </Form>
          {consented || self ? (
            <Form method="post">
              <button type="submit" name="intent" value="withdraw" className="secondary">
                {t('inclusion:declare.withdraw')}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </main>
  )
}
