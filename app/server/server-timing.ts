// The Server-Timing header (issue 18: render measured apart from data access), sent only
// with SERVER_TIMING=1 (benchmarks): visitors are not told how long our work took. The seam in
// front of Remix (remix-handler.ts) marks when a request reached Remix; entry.server.tsx
// reads the mark when Remix hands it the loaders' and actions' results ("data": route
// matching, actions, loaders) and times the React render itself ("render"). The mark sits
// on the load context (made once per request, passed through unchanged) under a registered
// symbol: the server (run from source) and the build each load their own copy of this module.
const START = Symbol.for('winner.requestStart')

type Marked = { [START]?: number }

export function markRequestStart(context: object): void {
  ;(context as Marked)[START] = performance.now()
}

/** Milliseconds since the request reached Remix, or null when nothing marked it (Server-Timing off, a portal-cache fill). */
export function msSinceStart(context: object): number | null {
  const at = (context as Marked)[START]
  return at === undefined ? null : performance.now() - at
}

/** `data;dur=12.3, render;dur=4.5`, or the data part alone. */
export function serverTimingValue(timings: { data: number; render?: number }): string {
  const data = `data;dur=${timings.data.toFixed(1)}`
  return timings.render === undefined ? data : `${data}, render;dur=${timings.render.toFixed(1)}`
}
