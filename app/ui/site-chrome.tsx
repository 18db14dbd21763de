import { Form, Link, useLocation, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isApplyPath } from '#app/modules/applications/apply-paths.ts'

/** The same path with `?lng=` set to the other language. */
function switchLanguageHref(pathname: string, search: string, target: string): string {
  const params = new URLSearchParams(search)
  params.set('lng', target)
  return `${pathname}?${params.toString()}`
}

type RootData = { user: { name: string; workspace: string } | null } | undefined

export function SiteHeader() {
  const { t, i18n } = useTranslation(['common', 'auth'])
  const { pathname, search } = useLocation()
  const user = (useRouteLoaderData('root') as RootData)?.user ?? null
  const other = i18n.language === 'en' ? 'id' : 'en'
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      {/* Named by its visible text (WCAG 2.5.3 "label in name"). */}
      <Link to="/" className="brand">
        <strong>{t('siteName')}</strong> <span>{t('siteTagline')}</span>
      </Link>
      <nav aria-label={user ? t('nav.account') : t('nav.guest')} className="nav">
        {user ? (
          <>
            <Link to={user.workspace} reloadDocument={isApplyPath(user.workspace)}>
              {t('auth:nav.workspace')}
            </Link>
            <Link to="/account">{t('auth:nav.account')}</Link>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" className="link">
                {t('auth:nav.signOut')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <a href="/login">{t('auth:nav.signIn')}</a>
            <a href="/register">{t('auth:nav.register')}</a>
          </>
        )}
        <a href={switchLanguageHref(pathname, search, other)} hrefLang={other} lang={other}>
          {t('nav.switchTo')}
        </a>
      </nav>
    </header>
  )
}

export function SiteFooter() {
  const { t } = useTranslation(['common', 'privacy'])
  return (
    <footer className="site-footer">
      <p>{t('footer.organisers')}</p>
      <p>
        <a href="/privacy">{t('privacy:link')}</a>
      </p>
    </footer>
  )
}
