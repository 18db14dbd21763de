import type { LoaderFunctionArgs } from '@remix-run/node'
import { figuresFileResponse } from '#app/modules/inclusion/figures-page.server.ts'

// The national inclusion figures as a file, suppressed like the page.
export const loader = ({ request, context }: LoaderFunctionArgs) =>
  figuresFileResponse(request, context, { national: true }, 'csv')
