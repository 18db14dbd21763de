import type { LoaderFunctionArgs } from '@remix-run/node'
import { figuresFileResponse } from '#app/modules/inclusion/figures-page.server.ts'

// The province's inclusion figures as a file, suppressed like the page.
export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  figuresFileResponse(request, context, { slug: params.province }, 'csv')
