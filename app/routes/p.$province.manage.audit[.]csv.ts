import type { LoaderFunctionArgs } from '@remix-run/node'
import { auditFileResponse } from '#app/modules/audit/audit-file.server.ts'

// The province's audit log as a file, with the page's filters.
export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  auditFileResponse(request, context, { slug: params.province }, 'csv')
