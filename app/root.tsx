import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError } from '@remix-run/react'
import { type ReactNode, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import enhanceUrl from '#app/enhance/enhance.js?url&no-inline'
import { detectLanguage, languageCookie } from '#app/i18n/detect.ts'
import { getViewer, landingFor } from '#app/modules/auth/viewer.server.ts'
import { isDatabaseUnavailable } from '#app/modules/health/health.server.ts'
import { cachedActiveProvince } from '#app/modules/tenancy/province-cache.server.ts'
import stylesUrl from '#app/styles/app.css?url'
import { ErrorPage, errorTitleKey } from '#app/ui/error-page.tsx'
import { useNonce } from '#app/ui/nonce.tsx'
import { Breadcrumbs } from '#app/ui/page-parts.tsx'
import { SiteFooter, SiteHeader } from '#app/ui/site-chrome.tsx'

export const links = () => [
  { rel: 'stylesheet', href: stylesUrl },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

/** The part of the site a page belongs to, named in its title: a province, or the national pages. */
async function pageArea(pathname: string, context: LoaderFunctionArgs['context']): Promise<string | null> {
  if (pathname === '/national' || pathname.startsWith('/national/')) return 'national'
  const slug = /^\/p\/([^/]+)/.exec(pathname)?.[1]
  if (!slug) return null
  const province = await cachedActiveProvince(context.db, decodeURIComponent(slug))
  return province ? `province:${province.name}` : null
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const choice = detectLanguage(url, {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  const headers = new Headers()
  if (choice.fromQuery) headers.append('Set-Cookie', languageCookie(choice.language, context.secureCookies ?? false))
  const viewer = await getViewer(request, context).catch((error) => {
    // The header must not take a page down with it when the database is away.
    if (isDatabaseUnavailable(error)) return null
    throw error
  })
  // A Final Night juror or guest holds no role: their workspace is their event (one lookup, only for them).
  const workspace = viewer
    ? await landingFor(context.db, viewer.user.id, viewer.memberships).catch((error) => {
        if (isDatabaseUnavailable(error)) return '/account'
        throw error
      })
    : null
  const user = viewer && workspace ? { name: viewer.user.name, workspace } : null
  const area = await pageArea(url.pathname, context).catch((error) => {
    if (isDatabaseUnavailable(error)) return null
    throw error
  })
  return data({ language: choice.language, user, area }, { headers })
}

/**
 * Routes that need no client code say so with `handle = { hydrate: false }`; their pages
 * ship no React. `enhance: true` adds the small standalone script instead (apply pages:
 * counters and autosave, docs/decisions/005-apply-pages-without-hydration.md).
 */
export interface RouteHandle {
  hydrate?: boolean
  enhance?: boolean
  /**
   * The page's name in the document title, a key in common `pages.*`: the title reads
   * "<page> — <province or area> — WiNNER" in the reader's language (`usePageTitle`).
   */
  title?: `pages.${string}`
  /**
   * The pages above this one, outermost first: a title key and the route's path with the
   * current page's params (`/p/:province/apply/:application`), shown as breadcrumbs.
   */
  crumbs?: readonly { title: `pages.${string}`; to: string }[]
}

/** "Permohonan masuk — Kalimantan Barat — WiNNER": the deepest route's page name and the area. */
function usePageTitle(): string | null {
  const { t } = useTranslation()
  const matches = useMatches()
  const key = matches
    .map((m) => (m.handle as RouteHandle | undefined)?.title)
    .filter(Boolean)
    .at(-1)
  if (!key) return null
  const area = (matches[0]?.data as { area?: string | null } | undefined)?.area ?? null
  const areaName = area === 'national' ? t('areas.national') : area?.startsWith('province:') ? area.slice(9) : null
  return [t(key as 'pages.home'), areaName, t('siteName')].filter(Boolean).join(' — ')
}

/** The deepest route's crumbs with its params filled in and titles translated. */
function useCrumbs(): { to: string; label: string }[] {
  const { t } = useTranslation()
  const match = useMatches()
    .filter((m) => (m.handle as RouteHandle | undefined)?.crumbs)
    .at(-1)
  if (!match) return []
  const crumbs = (match.handle as RouteHandle).crumbs ?? []
  return crumbs.map((c) => ({
    to: c.to.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(match.params[name] ?? '')),
    label: t(c.title as 'pages.home'),
  }))
}

function useScripts(): 'remix' | 'enhance' | 'none' {
  const handles = useMatches().map((m) => m.handle as RouteHandle | undefined)
  if (!handles.some((h) => h?.hydrate === false)) return 'remix'
  return handles.some((h) => h?.enhance) ? 'enhance' : 'none'
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const scripts = useScripts()
  // Only React running on the client gets here with 'enhance': a client-side navigation
  // from a hydrated page into an apply page that no link or redirect marked as a
  // document load (sign-in and the header's workspace link do). Load that page as a
  // document, so it works like a first visit and its own script runs.
  useEffect(() => {
    if (scripts === 'enhance') window.location.replace(window.location.href)
  }, [scripts])
  const error = useRouteError()
  const nonce = useNonce()
  const title = usePageTitle()
  const crumbs = useCrumbs()
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {error ? (
          <title>{`${t(errorTitleKey(error))} — WiNNER`}</title>
        ) : (
          <>
            {title ? <title>{title}</title> : null}
            {/* A route's own meta (the results board's refresh) beside the title. */}
            <Meta />
          </>
        )}
        <Links />
      </head>
      <body>
        <SiteHeader />
        {!error && crumbs.length > 0 ? <Breadcrumbs trail={crumbs} label={t('breadcrumbs')} /> : null}
        {children}
        <SiteFooter />
        {scripts === 'remix' ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
        {scripts === 'enhance' ? <script src={enhanceUrl} nonce={nonce} defer /> : null}
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />
}
