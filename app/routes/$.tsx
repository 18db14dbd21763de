import type { RouteHandle } from '#app/root.tsx'

// Any address no other route claims: a localised 404 through the root error boundary.
export function loader() {
  throw new Response('Not Found', { status: 404 })
}

export const handle: RouteHandle = { hydrate: false }

export default function NotFound() {
  return null
}
