import { isRouteErrorResponse } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

function statusOf(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500
}

/** The title key for an error, also used for the document title. */
export function errorTitleKey(error: unknown) {
  const status = statusOf(error)
  if (status === 400) return 'errors.badRequestTitle' as const
  if (status === 404) return 'errors.notFoundTitle' as const
  if (status === 403) return 'errors.forbiddenTitle' as const
  if (status === 503) return 'errors.unavailableTitle' as const
  return 'errors.genericTitle' as const
}

/** The key of a refusal no form showed (app/server/error-answers.ts), if this is one. */
function refusalKey(error: unknown): string | null {
  if (!isRouteErrorResponse(error)) return null
  const data: unknown = error.data
  const key = typeof data === 'object' && data !== null && 'refused' in data ? data.refused : null
  return typeof key === 'string' ? key : null
}

/** The localised page for 400, 404, 503, refusals and unexpected errors; never shows a stack trace. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const status = statusOf(error)
  const key = refusalKey(error)
  const body = key
    ? t(key as 'errors.genericBody')
    : status === 400
      ? t('errors.badRequestBody')
      : status === 404
        ? t('errors.notFoundBody')
        : status === 403
          ? t('errors.forbiddenBody')
          : status === 503
            ? t('errors.unavailableBody')
            : t('errors.genericBody')
  return (
    <main id="main" className="page error-page">
      <p className="error-status">{status}</p>
      <h1>{t(errorTitleKey(error))}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t('errors.backHome')}</a>
      </p>
    </main>
  )
}
