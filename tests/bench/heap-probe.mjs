// Loaded into the app by the soak bench only (`node --expose-gc --import <this file>`,
// tests/bench/heap.ts); production never loads it. On SIGUSR2 it forces a full GC and
// writes the memory left, and the highest heap seen since the previous reading, to
// $BENCH_HEAP_DIR/heap-<pid>.json. A file per process, because under node:cluster each
// worker has its own heap (workers inherit these flags through execArgv).
import { renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const dir = process.env.BENCH_HEAP_DIR
const gc = globalThis.gc

if (dir && typeof gc === 'function') {
  let peak = 0
  const sample = () => {
    const used = process.memoryUsage().heapUsed
    if (used > peak) peak = used
  }
  setInterval(sample, 250).unref()
  process.on('SIGUSR2', () => {
    sample()
    // Twice: objects whose finalisers or weak callbacks ran in the first are freed by the second.
    gc()
    gc()
    const m = process.memoryUsage()
    const file = path.join(dir, `heap-${process.pid}.json`)
    const sampleJson = {
      pid: process.pid,
      at: Date.now(),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      peakHeapUsed: peak,
    }
    // Written aside and renamed, so the bench never reads half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(sampleJson))
    renameSync(`${file}.tmp`, file)
    peak = m.heapUsed
  })
}
