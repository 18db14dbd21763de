import autocannon from 'autocannon'
import { coreTaskUsage, coreUsage, processTreeCpuSeconds, readCoreTimes } from './cpu.ts'

export interface LoadOptions {
  connections: number
  durationS: number
  warmupS: number
  /** The core the servers are pinned to, null when they are not. */
  serverCore: number | null
  /** Sent with every request (e.g. a session cookie for a signed-in page). */
  headers?: Record<string, string>
  /** Checks every answer's body (e.g. that a signed-in page is the page, not the sign-in form); failures count as mismatches. */
  verifyBody?: (body: string) => boolean
}

export interface LoadResult {
  url: string
  reqPerSec: number
  latencyP50Ms: number
  latencyP99Ms: number
  requests: number
  non2xx: number
  errors: number
  timeouts: number
  /** Answers whose body `verifyBody` refused (0 when no check was asked for). */
  mismatches: number
  bytesPerResponse: number
  /** Busy % per core during the measured run. */
  coreBusy: Record<string, number>
  /** % of one core the server process itself used; well under its core's busy % means a neighbour competed. */
  serverCpu: number | null
  /** % of the server's core that other processes took during the run (null when not pinned). */
  othersCpu: number | null
  /** % of one core this process (the load generator) used. */
  loadCpu: number
  /** req/s per core the server actually got: what it would do with its core to itself. */
  reqPerCpuSecond: number | null
}

function fire(url: string, connections: number, durationS: number, options: LoadOptions) {
  const { headers, verifyBody } = options
  // No pipelining: browsers never pipeline, and it would flatter the bare server.
  return autocannon({
    url,
    connections,
    duration: durationS,
    pipelining: 1,
    timeout: 10,
    headers,
    verifyBody: verifyBody ? (body) => verifyBody(String(body ?? '')) : undefined,
  })
}

/** A warm-up run (discarded, lets V8 optimise and fills the page cache) then the measured run. */
export async function measure(url: string, serverPid: number, options: LoadOptions): Promise<LoadResult> {
  if (options.warmupS > 0) await fire(url, options.connections, options.warmupS, options)
  const cores = readCoreTimes()
  const cpu = processTreeCpuSeconds(serverPid)
  const started = process.hrtime.bigint()
  const ownCpu = process.cpuUsage()
  const r = await fire(url, options.connections, options.durationS, options)
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9
  const own = process.cpuUsage(ownCpu)
  const cpuAfter = processTreeCpuSeconds(serverPid)
  const coresAfter = readCoreTimes()
  const cpuUsed = cpu !== null && cpuAfter !== null ? cpuAfter - cpu : null
  const serverCpu = cpuUsed !== null ? Math.round((100 * cpuUsed) / elapsedS) : null
  const coreTask = options.serverCore === null ? null : coreTaskUsage(cores, coresAfter, options.serverCore)
  return {
    url,
    reqPerSec: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    mismatches: r.mismatches ?? 0,
    bytesPerResponse: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
    coreBusy: coreUsage(cores, coresAfter),
    serverCpu,
    loadCpu: Math.round((own.user + own.system) / 1e4 / elapsedS),
    othersCpu: coreTask !== null && serverCpu !== null ? Math.max(0, coreTask - serverCpu) : null,
    reqPerCpuSecond: cpuUsed !== null && cpuUsed > 0 ? Math.round(r.requests.total / cpuUsed) : null,
  }
}

/** The round with the most req/s: other work on the machine can only slow a run down, never speed it up. */
export function best(results: LoadResult[]): LoadResult {
  const [first, ...rest] = results
  if (!first) throw new Error('no load results')
  return rest.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a), first)
}
