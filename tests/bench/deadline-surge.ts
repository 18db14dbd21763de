import os from 'node:os'
import { connect } from '#db/client.ts'
import { benchApp, envNumber, reportFooter, serverUrl } from './bench-app.ts'
import { processCpuSeconds, processTreeCpuSeconds } from './cpu.ts'
import { type Check, runWhenMain, table, writeResult } from './report.ts'
import { procStatusKb, sampleRss } from './rss.ts'
import {
  acknowledgedSave,
  acknowledgedSubmit,
  checkReceiptSequence,
  checkSaves,
  type SaveRecord,
  type Summary,
  summarize,
  type WriteProblem,
} from './surge-check.ts'
import { drive, type PlannedRequest, type Sent } from './surge-driver.ts'
import { findOpenProvince, prepareApplicants, type SurgeApplicant } from './surge-setup.ts'
import { surgeChecks } from './targets.ts'

// The deadline surge (issue 6): hundreds of applicants saving sections and submitting
// in the last minutes before a call closes, at a fixed arrival rate against the
// production build on real PostgreSQL. Reports latency, answers and lost writes;
// exits non-zero when a write was lost, a receipt is missing or doubled, or the
// server answered 5xx other than a 503 with Retry-After.
//
//   npx tsx tests/bench/deadline-surge.ts           (also part of `npm run bench`)
//   SURGE_RATE=50 SURGE_SECONDS=5 npx tsx tests/bench/deadline-surge.ts

export interface SurgeOptions {
  ratePerS: number
  seconds: number
  applicants: number
  /** Share of slots that submit (the rest save a section). */
  submitShare: number
  /** Share of submits sent twice at once (a double click). */
  doubleShare: number
  /** Share of submits that resend an already submitted application (a retry). */
  retryShare: number
  timeoutMs: number
  /** Extra environment for the app (DB_POOL_SIZE, ADMISSION_*, APP_PROCESSES). */
  appEnv: Record<string, string>
}

export function surgeOptionsFromEnv(): SurgeOptions {
  const appEnv: Record<string, string> = {}
  for (const name of [
    'DB_POOL_SIZE',
    'ADMISSION_MAX_IN_FLIGHT',
    'ADMISSION_MAX_QUEUE',
    'ADMISSION_MAX_WAIT_MS',
    'ADMISSION_RETRY_AFTER_SECONDS',
    // One process per core (decision 023) when set; the test harness starts one otherwise.
    'APP_PROCESSES',
  ]) {
    const value = process.env[name]
    if (value) appEnv[name] = value
  }
  return {
    ratePerS: envNumber('SURGE_RATE', 200, 1),
    seconds: envNumber('SURGE_SECONDS', 30, 1),
    applicants: Math.round(envNumber('SURGE_APPLICANTS', 300, 2)),
    submitShare: envNumber('SURGE_SUBMIT_SHARE', 0.04, 0),
    doubleShare: 0.3,
    retryShare: 0.2,
    timeoutMs: envNumber('SURGE_TIMEOUT_MS', 15_000, 100),
    appEnv,
  }
}

const slug = 'kalbar'
const log = (message: string) => console.log(`[surge] ${message}`)

/** A small seeded generator: the same plan every run, so runs compare. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Slot = { kind: 'save'; app: number; seq: number } | { kind: 'submit'; app: number; copies: number; retry: boolean }

/**
 * Which request each slot sends. Saves go to drafts not yet submitted; at most half
 * of the applicants submit, so saves always have drafts to go to.
 */
function planSlots(options: SurgeOptions, count: number): Slot[] {
  const next = random(20261130)
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T
  const drafts = Array.from({ length: options.applicants }, (_, i) => i)
  const submitted: number[] = []
  const maxSubmitted = Math.floor(options.applicants / 2)
  const slots: Slot[] = []
  for (let i = 0; i < count; i++) {
    if (next() < options.submitShare) {
      if (submitted.length > 0 && (next() < options.retryShare || submitted.length >= maxSubmitted)) {
        slots.push({ kind: 'submit', app: pick(submitted), copies: 1, retry: true })
        continue
      }
      const at = Math.floor(next() * drafts.length)
      const app = drafts.splice(at, 1)[0] as number
      submitted.push(app)
      slots.push({ kind: 'submit', app, copies: next() < options.doubleShare ? 2 : 1, retry: false })
      continue
    }
    slots.push({ kind: 'save', app: pick(drafts), seq: i + 1 })
  }
  return slots
}

const marker = (seq: number) => `Masalah utama desa pesisir, penanda uji beban #${seq}.`
const markerSeq = (text: string) => {
  const m = /penanda uji beban #(\d+)\./.exec(text)
  return m ? Number(m[1]) : null
}

function requestsFor(slot: Slot, applicants: SurgeApplicant[], consentVersion: number): PlannedRequest[] {
  const a = applicants[slot.app] as SurgeApplicant
  const base = `/p/${slug}/apply/${a.applicationId}`
  if (slot.kind === 'save') {
    const body = new URLSearchParams({ problem: marker(slot.seq), intent: 'stay' }).toString()
    return [{ path: `${base}/problem`, body, cookie: a.cookie }]
  }
  const body = new URLSearchParams({
    consent: 'on',
    consent_version: String(consentVersion),
    application: a.applicationId,
  }).toString()
  return Array.from({ length: slot.copies }, () => ({ path: `${base}/submit`, body, cookie: a.cookie }))
}

export interface SurgeReport {
  startedAt: string
  machine: { cpus: number; node: string; build: string; database: string }
  options: Omit<SurgeOptions, 'appEnv'> & { appEnv: Record<string, string> }
  all: Summary
  saves: Summary
  submits: Summary
  integrity: {
    acknowledgedSaves: number
    applicationsSaved: number
    lostWrites: WriteProblem[]
    acknowledgedSubmits: number
    applicationsSubmitted: number
    receiptProblems: string[]
  }
  /** VmHWM of the app process: its peak since start, seeding included. */
  appRssMb: number | null
  /** Peak resident memory of the server's processes (cluster workers included) sampled during the surge. */
  surgePeakRssKb: number | null
  /** Issue 18's targets against this run's figures. */
  checks: Check[]
  /** CPU the app process used during the load: per answered request it barely moves when the machine is busy. */
  appCpu: { percentOfCore: number; seconds: number } | null
  /** CPU the database server's backends for this database used during the load (same machine). */
  databaseCpuSeconds: number | null
  /** 1, 5 and 15 minute load averages at the end: other work on the machine shows here. */
  loadAverage: number[]
  /** The same before the load was sent. */
  loadAverageBefore: number[]
  failed: string[]
}

/** Checks what the database holds against what the app acknowledged. */
async function verify(
  databaseUrl: string,
  applicants: SurgeApplicant[],
  editionId: string,
  slots: Slot[],
  results: Sent[][],
): Promise<SurgeReport['integrity']> {
  const owner = connect(databaseUrl, { max: 2, as: 'owner' })
  try {
    const db = owner.db
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'problem', 'status', 'receipt_number'])
      .where(
        'id',
        'in',
        applicants.map((a) => a.applicationId),
      )
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))

    const saves = new Map<number, SaveRecord[]>()
    const submitsAcked = new Set<number>()
    let acknowledgedSaves = 0
    let acknowledgedSubmits = 0
    slots.forEach((slot, i) => {
      const sent = results[i] ?? []
      if (slot.kind === 'save') {
        const record = sent[0]
        if (!record) return
        if (acknowledgedSave(record.outcome)) acknowledgedSaves += 1
        const list = saves.get(slot.app) ?? []
        list.push({ seq: slot.seq, sent: record })
        saves.set(slot.app, list)
      } else {
        for (const s of sent) {
          if (!acknowledgedSubmit(s.outcome)) continue
          acknowledgedSubmits += 1
          submitsAcked.add(slot.app)
        }
      }
    })

    const lostWrites: WriteProblem[] = []
    for (const [app, records] of saves) {
      const a = applicants[app] as SurgeApplicant
      const row = byId.get(a.applicationId)
      lostWrites.push(...checkSaves(a.applicationId, records, row ? markerSeq(row.problem) : null))
    }

    const receiptProblems: string[] = []
    const submittedIds = applicants.filter((_, i) => submitsAcked.has(i)).map((a) => a.applicationId)
    for (const id of submittedIds) {
      const row = byId.get(id)
      if (row?.status !== 'submitted' || !row.receipt_number) {
        receiptProblems.push(`${id}: submit acknowledged, but the application is ${row?.status ?? 'missing'}`)
      }
    }
    if (submittedIds.length > 0) {
      // Exactly one of each per application, however many times it was posted.
      const perApplication = async (query: Promise<{ object: string | null; n: number | string | bigint }[]>) =>
        new Map((await query).map((r) => [r.object ?? '', Number(r.n)]))
      const events = await perApplication(
        db
          .selectFrom('application_events')
          .select((eb) => ['application_id as object', eb.fn.countAll().as('n')])
          .where('application_id', 'in', submittedIds)
          .where('status', '=', 'submitted')
          .groupBy('application_id')
          .execute(),
      )
      const audits = await perApplication(
        db
          .selectFrom('audit_log')
          .select((eb) => ['object_id as object', eb.fn.countAll().as('n')])
          .where('object_id', 'in', submittedIds)
          .where('action', '=', 'application.submitted')
          .groupBy('object_id')
          .execute(),
      )
      const users = applicants.filter((a) => submittedIds.includes(a.applicationId))
      const mails = await perApplication(
        db
          .selectFrom('mail_outbox')
          .select((eb) => ['to_email as object', eb.fn.countAll().as('n')])
          .where(
            'to_email',
            'in',
            users.map((u) => u.email),
          )
          .where('template', '=', 'applicationSubmitted')
          .groupBy('to_email')
          .execute(),
      )
      for (const u of users) {
        const id = u.applicationId
        if (events.get(id) !== 1) receiptProblems.push(`${id}: ${events.get(id) ?? 0} "submitted" events`)
        if (audits.get(id) !== 1) receiptProblems.push(`${id}: ${audits.get(id) ?? 0} submission audit entries`)
        if (mails.get(u.email) !== 1) receiptProblems.push(`${id}: ${mails.get(u.email) ?? 0} confirmation mails`)
      }
    }

    // Gapless per province and edition: every receipt of the province, not only ours.
    const province = await db.selectFrom('provinces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
    const receipts = await db
      .selectFrom('applications')
      .select('receipt_number')
      .where('province_id', '=', province.id)
      .where('edition_id', '=', editionId)
      .where('receipt_number', 'is not', null)
      .execute()
    const counter = await db
      .selectFrom('receipt_counters')
      .select('last_number')
      .where('province_id', '=', province.id)
      .where('edition_id', '=', editionId)
      .executeTakeFirst()
    const numbers = receipts.map((r) => Number(/(\d+)$/.exec(r.receipt_number ?? '')?.[1] ?? Number.NaN))
    receiptProblems.push(...checkReceiptSequence(numbers, counter?.last_number ?? 0))

    return {
      acknowledgedSaves,
      applicationsSaved: saves.size,
      lostWrites,
      acknowledgedSubmits,
      applicationsSubmitted: submittedIds.length,
      receiptProblems,
    }
  } finally {
    await owner.close()
  }
}

/** CPU seconds per backend process serving `database` (PostgreSQL on this machine only). */
async function backendCpu(url: string, database: string): Promise<Map<number, number> | null> {
  const owner = connect(url, { max: 1, as: 'owner' })
  try {
    const rows = await owner.sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`
    const cpu = new Map<number, number>()
    for (const { pid } of rows) {
      const seconds = processCpuSeconds(pid)
      if (seconds === null) return null
      cpu.set(pid, seconds)
    }
    return cpu
  } finally {
    await owner.close()
  }
}

/** Backends that started during the load count from zero. */
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0)
  return total
}

/** Runs the whole surge: database, app, applicants, load, checks. `skipBuild` when the caller built. */
export async function runSurge(options: SurgeOptions, { skipBuild = false } = {}): Promise<SurgeReport> {
  const bench = await benchApp({ label: 'surge', database: 'winner_surge', skipBuild })
  try {
    const { databaseName, databaseUrl } = bench
    // SURGE_PROFILE=dir: the app writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
    const profileDir = process.env.SURGE_PROFILE
    const app = await bench.start({
      env: { SEED_DEMO: '1', LOG_LEVEL: 'error', ...options.appEnv },
      command: profileDir ? ['/bin/sh', '-c', `exec "$0" --cpu-prof --cpu-prof-dir=${profileDir} "$@"`] : [],
      timeoutMs: 90_000,
    })
    log(`app up at ${app.url} (migrated and seeded by the app itself)`)

    const now = new Date()
    const owner = connect(databaseUrl, { max: 6, as: 'owner' })
    let applicants: SurgeApplicant[]
    let province: Awaited<ReturnType<typeof findOpenProvince>>
    try {
      province = await findOpenProvince(owner.db, slug, now)
      const t = Date.now()
      applicants = await prepareApplicants(owner.db, province, options.applicants, now)
      log(
        `${applicants.length} applicants with complete drafts and sessions in ${((Date.now() - t) / 1000).toFixed(1)} s`,
      )
    } finally {
      await owner.close()
    }

    const count = Math.round(options.ratePerS * options.seconds)
    const slots = planSlots(options, count)
    log(`${count} slots at ${options.ratePerS}/s for ${options.seconds} s …`)
    const startedAt = new Date().toISOString()
    const appPid = app.pid
    const cpuBefore = processTreeCpuSeconds(appPid)
    const pgBefore = await backendCpu(databaseUrl, databaseName)
    const loadAverageBefore = os.loadavg().map((l) => Number(l.toFixed(1)))
    const rss = sampleRss(appPid)
    bench.defer(async () => void rss.stop())
    const wallBefore = performance.now()
    let lastShown = 0
    const results = await drive({
      baseUrl: app.url,
      ratePerS: options.ratePerS,
      timeoutMs: options.timeoutMs,
      count,
      plan: (i) => requestsFor(slots[i] as Slot, applicants, province.consentVersion),
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total)
        if (tenth > lastShown) {
          lastShown = tenth
          log(`${done}/${total} answered`)
        }
      },
    })
    const surgePeakRssKb = rss.stop().peakRssKb
    const cpuAfter = processTreeCpuSeconds(appPid)
    const pgAfter = await backendCpu(databaseUrl, databaseName)
    const wallS = (performance.now() - wallBefore) / 1000
    const hwmKb = procStatusKb(appPid, 'VmHWM')
    const appRss = hwmKb === null ? null : Math.round(hwmKb / 102.4) / 10
    if (app.child.exitCode !== null) throw new Error(`the app died during the surge:\n${app.output()}`)

    const flat = (kind: Slot['kind']) => slots.flatMap((s, i) => (s.kind === kind ? (results[i] ?? []) : []))
    const integrity = await verify(databaseUrl, applicants, province.editionId, slots, results)
    const all = summarize(results.flat())
    const failed: string[] = []
    if (integrity.lostWrites.length > 0) failed.push(`${integrity.lostWrites.length} lost writes`)
    if (integrity.receiptProblems.length > 0) failed.push(`${integrity.receiptProblems.length} receipt problems`)
    if (all.serverErrors > 0) failed.push(`${all.serverErrors} 5xx answers that were not 503 with Retry-After`)
    if (all.overload.answers > all.overload.withRetryAfter) {
      failed.push(`${all.overload.answers - all.overload.withRetryAfter} 429/503 answers without Retry-After`)
    }
    const served = all.byClass['2xx'] + all.byClass['3xx']
    const checks = surgeChecks({
      requests: all.requests,
      served,
      servedP99Ms: all.servedP99Ms,
      lostWrites: integrity.lostWrites.length,
      receiptProblems: integrity.receiptProblems.length,
      peakRssKb: surgePeakRssKb,
    })
    return {
      startedAt,
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        build: 'production (npm run build, NODE_ENV=production)',
        database: `PostgreSQL at ${new URL(serverUrl).host}, fresh database, pool ${options.appEnv.DB_POOL_SIZE ?? '10 (default)'}`,
      },
      options,
      all,
      saves: summarize(flat('save')),
      submits: summarize(flat('submit')),
      integrity,
      appRssMb: appRss,
      surgePeakRssKb,
      checks,
      appCpu:
        cpuBefore === null || cpuAfter === null
          ? null
          : { percentOfCore: Math.round((100 * (cpuAfter - cpuBefore)) / wallS), seconds: cpuAfter - cpuBefore },
      databaseCpuSeconds: pgAfter === null || pgBefore === null ? null : cpuSpent(pgBefore, pgAfter),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      loadAverageBefore,
      failed,
    }
  } finally {
    await bench.close()
  }
}

export function formatSurgeReport(r: SurgeReport): string {
  const out: string[] = []
  const o = r.options
  out.push(
    `\n== Deadline surge (open loop: ${o.ratePerS} requests/s for ${o.seconds} s, ${o.applicants} applicants, timeout ${o.timeoutMs} ms)`,
  )
  const rows = [['requests', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', '2xx', '3xx', '4xx', '5xx', 'errors']]
  const row = (name: string, s: Summary) => {
    const errors = s.timeouts + Object.values(s.socketErrors).reduce((a, b) => a + b, 0)
    rows.push([
      name,
      String(s.requests),
      s.p50Ms.toFixed(0),
      s.p95Ms.toFixed(0),
      s.p99Ms.toFixed(0),
      s.maxMs.toFixed(0),
      String(s.byClass['2xx']),
      String(s.byClass['3xx']),
      String(s.byClass['4xx']),
      String(s.byClass['5xx']),
      String(errors),
    ])
  }
  row('all', r.all)
  row('section saves', r.saves)
  row('submits', r.submits)
  out.push(table(rows))
  const statuses = Object.entries(r.all.byStatus)
    .map(([status, n]) => `${status}×${n}`)
    .join(', ')
  out.push(`statuses: ${statuses || 'none'}`)
  out.push(
    `overload answers (429/503): ${r.all.overload.answers}, with Retry-After: ${r.all.overload.withRetryAfter}; 5xx crashes: ${r.all.serverErrors}`,
  )
  const sockets = Object.entries(r.all.socketErrors)
    .map(([code, n]) => `${code}×${n}`)
    .join(', ')
  out.push(
    `latency p99 of answers that did the work (2xx/3xx): ${r.all.servedP99Ms.toFixed(0)} ms; of refusals (429/503): p50 ${r.all.refusedP50Ms.toFixed(0)} ms, p99 ${r.all.refusedP99Ms.toFixed(0)} ms`,
  )
  out.push(
    `socket errors: ${sockets || '0'}; timeouts: ${r.all.timeouts}; resent after a stale keep-alive socket: ${r.all.resent}; driver send lag p99: ${r.all.sendLagP99Ms.toFixed(0)} ms`,
  )
  const i = r.integrity
  out.push('\n== Writes')
  out.push(
    table([
      ['check', 'value'],
      ['acknowledged section saves', String(i.acknowledgedSaves)],
      ['applications saved to', String(i.applicationsSaved)],
      ['lost writes', String(i.lostWrites.length)],
      ['acknowledged submits (incl. doubles and retries)', String(i.acknowledgedSubmits)],
      ['applications submitted', String(i.applicationsSubmitted)],
      ['receipt problems (one receipt, event, audit, mail each; gapless)', String(i.receiptProblems.length)],
    ]),
  )
  for (const p of i.lostWrites.slice(0, 10)) out.push(`- lost: ${p.application}: ${p.problem}`)
  for (const p of i.receiptProblems.slice(0, 10)) out.push(`- receipt: ${p}`)
  if (r.surgePeakRssKb !== null) {
    out.push(
      `server peak RSS during the surge: ${(r.surgePeakRssKb / 1024).toFixed(1)} MB (sampled every 100 ms, all its processes)`,
    )
  }
  if (r.appRssMb !== null) out.push(`app peak RSS since start (VmHWM, seeding included): ${r.appRssMb} MB`)
  if (r.appCpu) {
    const answered = r.all.requests - r.all.overload.answers
    out.push(
      `app CPU during the load: ${r.appCpu.percentOfCore} % of one core, ${((1000 * r.appCpu.seconds) / Math.max(1, answered)).toFixed(1)} ms per request served (refusals' cost included)`,
    )
  }
  if (r.databaseCpuSeconds !== null && r.appCpu) {
    const answered = Math.max(1, r.all.requests - r.all.overload.answers)
    const perRequest = (1000 * (r.appCpu.seconds + r.databaseCpuSeconds)) / answered
    out.push(
      `PostgreSQL CPU during the load: ${((1000 * r.databaseCpuSeconds) / answered).toFixed(1)} ms per request served; app + database: ${perRequest.toFixed(1)} ms, i.e. at most ~${Math.floor((1000 * r.machine.cpus) / perRequest)} requests/s on ${r.machine.cpus} cores with nothing else running (exact when nothing was refused)`,
    )
  }
  const targetLoad = o.ratePerS === 200 && o.seconds === 30
  out.push(
    `\n== Targets (issue 18, at 200 requests/s for 30 s${targetLoad ? '' : `; this run sent ${o.ratePerS}/s for ${o.seconds} s, so they do not apply as such`}; reported, only writes and crashes fail the run)`,
  )
  out.push(table([['check', 'value', 'target', ''], ...r.checks.map((c) => [c.name, c.value, c.target, c.verdict])]))
  const env = Object.entries(r.options.appEnv)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
  out.push(
    reportFooter({
      loadAverage: { beforeLoad: r.loadAverageBefore, after: r.loadAverage },
      machine: r.machine,
      setup: [r.machine.build, r.machine.database, ...(env ? [env] : [])],
      failed: r.failed,
      passed: 'PASS (0 lost writes, 0 crashes)',
    }),
  )
  return out.join('\n')
}

/** Runs, prints, writes tests/bench/results/surge-latest.json; true when the surge passed. */
export async function surgeMain({ skipBuild = false } = {}): Promise<boolean> {
  const report = await runSurge(surgeOptionsFromEnv(), { skipBuild })
  console.log(formatSurgeReport(report))
  writeResult('surge', report)
  return report.failed.length === 0
}

await runWhenMain(import.meta.url, 'surge', surgeMain)
