import type { LoaderFunctionArgs } from '@remix-run/node'
import { notFound } from '#app/modules/errors/errors.ts'
import { loadPublicLogo } from '#app/modules/programme/provinces.server.ts'

// A province's logo for the public portal: anyone may see it, like the portal
// itself; an inactive province has none (404, as its portal). The stored type was
// sniffed from the content on upload, so the browser is told not to guess. A short
// max-age with an ETag: a replaced logo shows within minutes at the same URL.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const logo = params.province ? await loadPublicLogo(context.db, params.province) : undefined
  if (!logo) throw notFound()
  const etag = `"${logo.sha256}"`
  const headers = {
    'Cache-Control': 'public, max-age=300',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  }
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers })
  return new Response(new Uint8Array(logo.data), {
    headers: { ...headers, 'Content-Type': logo.content_type, 'Content-Length': String(logo.size) },
  })
}
