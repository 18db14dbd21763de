import os from 'node:os'
import { runAssignment } from '#app/modules/assignment/assignments.server.ts'
import { connect } from '#db/client.ts'
import { createDatabase, dropDatabase, uniqueName } from '../support/databases.ts'
import { assignmentFacts } from './assignment-facts.ts'
import { runWhenMain, table, writeResult } from './report.ts'
import { prepareScaleDatabase } from './review-setup.ts'

// Assignment of a pool that does not fit one INSERT (issue 7): 4,000 applications × 3
// reviewers × 6 columns is more than PostgreSQL's 65,535 bind parameters, which failed
// the whole run before assignments were written in slices. Times runAssignment as the
// route calls it (the runtime role) on a fresh database, then its re-run, and checks
// what it left: three reviewers each, no conflicted pair, even loads, one review event
// per application. Exits non-zero when a check fails. The same checks on a small pool
// run with the tests (tests/integration/assignment-pool.test.ts).
//
//   npx tsx tests/bench/assignment-at-scale.ts      (also part of `npm run bench`; BENCH_ASSIGNMENT=0 skips it)
//   ASSIGNMENT_APPLICATIONS=6000 ASSIGNMENT_REVIEWERS=20 npx tsx tests/bench/assignment-at-scale.ts

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const log = (message: string) => console.log(`[assignment] ${message}`)
const ms = (start: number) => Math.round(performance.now() - start)

function envCount(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Math.round(Number(raw))
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}=${raw}: expected a number ≥ ${min}`)
  return value
}

export interface AssignmentBenchReport {
  startedAt: string
  machine: { cpus: number; node: string; database: string }
  size: { applications: number; reviewers: number }
  fixtureMs: number
  firstRunMs: number
  rerunMs: number
  assigned: number
  rerunAssigned: number
  uncovered: number
  reviewersPerApplication: { min: number; max: number }
  loads: { min: number; max: number }
  conflicts: { declared: number; planted: number; detected: number; violated: number }
  reviewEvents: number
  inReview: number
  failed: string[]
}

export async function runAssignmentAtScale(): Promise<AssignmentBenchReport> {
  const size = {
    applications: envCount('ASSIGNMENT_APPLICATIONS', 4000, 10),
    reviewers: envCount('ASSIGNMENT_REVIEWERS', 12, 3),
  }
  const startedAt = new Date().toISOString()
  const databaseName = uniqueName('winner_assignment')
  const databaseUrl = await createDatabase(serverUrl, databaseName)
  const owner = connect(databaseUrl, { max: 2, as: 'owner' })
  const app = connect(databaseUrl, { max: 10, as: 'app' })
  try {
    const now = new Date()
    const { fixture, fixtureMs } = await prepareScaleDatabase(owner.db, size, now)
    log(`${size.applications} eligible applications, ${size.reviewers} reviewers in ${(fixtureMs / 1000).toFixed(1)} s`)

    const actor = { userId: fixture.admin.id, ip: null, now, origin: 'http://localhost' }
    let t = performance.now()
    const run = await runAssignment(app.db, fixture.province, actor, fixture.callId)
    const firstRunMs = ms(t)
    t = performance.now()
    const rerun = await runAssignment(app.db, fixture.province, { ...actor, now: new Date() }, fixture.callId)
    const rerunMs = ms(t)

    const facts = await assignmentFacts(owner.db, fixture.province.id)
    const perApplication = facts.perApplication.map((r) => Number(r.n))
    const loads = facts.perReviewer.map((r) => Number(r.n))
    const report: AssignmentBenchReport = {
      startedAt,
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        database: `PostgreSQL at ${new URL(serverUrl).host}, fresh database`,
      },
      size,
      fixtureMs,
      firstRunMs,
      rerunMs,
      assigned: run.assigned,
      rerunAssigned: rerun.assigned,
      uncovered: run.uncovered.length,
      reviewersPerApplication: { min: Math.min(...perApplication), max: Math.max(...perApplication) },
      loads: { min: Math.min(...loads), max: Math.max(...loads) },
      conflicts: {
        declared: fixture.declaredConflicts,
        planted: fixture.plantedDetections,
        detected: Number(facts.detected.n),
        violated: Number(facts.conflicted.n),
      },
      reviewEvents: Number(facts.events.n),
      inReview: Number(facts.inReview.n),
      failed: [],
    }
    const f = report.failed
    if (report.uncovered > 0) f.push(`${report.uncovered} applications uncovered`)
    if (report.assigned !== size.applications * 3)
      f.push(`${report.assigned} assignments, not ${size.applications * 3}`)
    if (perApplication.length !== size.applications || report.reviewersPerApplication.min !== 3) {
      f.push(
        `${perApplication.length} applications assigned, ${report.reviewersPerApplication.min}–${report.reviewersPerApplication.max} reviewers each`,
      )
    }
    if (report.reviewersPerApplication.max !== 3)
      f.push(`an application has ${report.reviewersPerApplication.max} reviewers`)
    if (report.loads.max - report.loads.min > 2) f.push(`reviewer loads range ${report.loads.min}–${report.loads.max}`)
    if (report.conflicts.violated > 0) f.push(`${report.conflicts.violated} assignments on a conflicted pair`)
    if (report.conflicts.detected < report.conflicts.planted) {
      f.push(`${report.conflicts.detected} conflicts detected, fewer than the ${report.conflicts.planted} planted`)
    }
    if (report.reviewEvents !== size.applications) f.push(`${report.reviewEvents} review events`)
    if (report.inReview !== size.applications) f.push(`${report.inReview} applications in review`)
    if (report.rerunAssigned > 0 || rerun.uncovered.length > 0)
      f.push(`the re-run assigned ${report.rerunAssigned} more`)
    return report
  } finally {
    await app.close()
    await owner.close()
    await dropDatabase(serverUrl, databaseName)
  }
}

export function formatAssignmentReport(r: AssignmentBenchReport): string {
  const out = [
    `\n== Assignment at scale (${r.size.applications} eligible applications, ${r.size.reviewers} reviewers, 3 per application)`,
    table([
      ['step', 'time', 'result'],
      ['fixture (bulk SQL)', `${r.fixtureMs} ms`, `${r.conflicts.declared} declared conflicts`],
      ['runAssignment, first run', `${r.firstRunMs} ms`, `${r.assigned} assignments, ${r.uncovered} uncovered`],
      ['runAssignment again', `${r.rerunMs} ms`, `${r.rerunAssigned} new`],
    ]),
    `reviewers per application: ${r.reviewersPerApplication.min}–${r.reviewersPerApplication.max}; reviewer loads: ${r.loads.min}–${r.loads.max}`,
    `conflicts: ${r.conflicts.detected} detected (${r.conflicts.planted} applications planted to match), ${r.conflicts.violated} assignments on a conflicted pair`,
    `review events: ${r.reviewEvents}; applications in review: ${r.inReview}`,
    `machine: ${r.machine.cpus} CPUs, node ${r.machine.node}; ${r.machine.database}`,
    r.failed.length === 0 ? 'verdict: PASS' : `verdict: FAIL (${r.failed.join('; ')})`,
  ]
  return out.join('\n')
}

/** Runs, prints, writes tests/bench/results/assignment-latest.json; true when it passed. */
export async function assignmentAtScaleMain(): Promise<boolean> {
  const report = await runAssignmentAtScale()
  console.log(formatAssignmentReport(report))
  writeResult('assignment', report)
  return report.failed.length === 0
}

await runWhenMain(import.meta.url, 'assignment', assignmentAtScaleMain)
