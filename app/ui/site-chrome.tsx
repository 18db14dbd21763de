import { Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The same path with `?lng=` set to the other language. */
function switchLanguageHref(pathname: string, search: string, target: string): string {
  const params = new URLSearchParams(search)
  params.set('lng', target)
  return `${pathname}?${params.toString()}`
}

export function SiteHeader() {
  const { t, i18n } = useTranslation()
  const { pathname, search } = useLocation()
  const other = i18n.language === 'en' ? 'id' : 'en'
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Link to="/" className="brand" aria-label={t('nav.home')}>
        <strong>{t('siteName')}</strong> <span>{t('siteTagline')}</span>
      </Link>
      <nav aria-label={t('nav.language')}>
        <a href={switchLanguageHref(pathname, search, other)} hrefLang={other} lang={other}>
          {t('nav.switchTo')}
        </a>
      </nav>
    </header>
  )
}

export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <p>{t('footer.organisers')}</p>
    </footer>
  )
}
