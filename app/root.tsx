import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, languageCookie } from '#app/i18n/detect.ts'
import stylesUrl from '#app/styles/app.css?url'
import { ErrorPage, errorTitleKey } from '#app/ui/error-page.tsx'
import { SiteFooter, SiteHeader } from '#app/ui/site-chrome.tsx'

export const links = () => [{ rel: 'stylesheet', href: stylesUrl }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const choice = detectLanguage(url, {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  const headers = new Headers()
  if (choice.fromQuery) headers.append('Set-Cookie', languageCookie(choice.language, context.production))
  return data({ language: choice.language }, { headers })
}

/** Routes that need no client code say so with `handle = { hydrate: false }`; their pages ship no JS. */
export interface RouteHandle {
  hydrate?: boolean
}

function useHydrate(): boolean {
  return !useMatches().some((m) => (m.handle as RouteHandle | undefined)?.hydrate === false)
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const hydrate = useHydrate()
  const error = useRouteError()
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {error ? <title>{`${t(errorTitleKey(error))} — WiNNER`}</title> : <Meta />}
        <Links />
      </head>
      <body>
        <SiteHeader />
        {children}
        <SiteFooter />
        {hydrate ? (
          <>
            <ScrollRestoration />
            <Scripts />
          </>
        ) : null}
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
