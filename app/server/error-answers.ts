import type { ActionFunction, LoaderFunction, ServerBuild } from '@remix-run/node'
import { isNotFound, isRefused } from '#app/modules/errors/errors.ts'

// The one place where the error vocabulary (app/modules/errors/errors.ts) becomes HTTP:
// every route's loader and action is wrapped once, when the build is loaded, so no
// route converts NotFound by hand and none can forget to (a forgotten one was a 500).

/** The response a domain error deserves, or null for anything else (a bug: Remix answers 500). */
export function errorAnswer(error: unknown): Response | null {
  if (isNotFound(error)) return new Response('Not Found', { status: 404 })
  // A refusal no route showed in its form: the error page shows its key in the reader's language.
  if (isRefused(error)) return Response.json({ refused: error.key }, { status: error.status })
  return null
}

function answering<F extends LoaderFunction | ActionFunction>(handler: F): F {
  const wrapped = async (args: Parameters<F>[0]) => {
    try {
      return await handler(args)
    } catch (error) {
      throw errorAnswer(error) ?? error
    }
  }
  return wrapped as F
}

const wrappedBuilds = new WeakMap<ServerBuild, ServerBuild>()

/** The build with every loader and action answering NotFound and Refused (wrapped once per build). */
export function withErrorAnswers(build: ServerBuild): ServerBuild {
  const known = wrappedBuilds.get(build)
  if (known) return known
  const routes: ServerBuild['routes'] = {}
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue
    const { loader, action } = route.module
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: answering(loader) } : {}),
        ...(action ? { action: answering(action) } : {}),
      },
    }
  }
  const wrapped = { ...build, routes }
  wrappedBuilds.set(build, wrapped)
  return wrapped
}
