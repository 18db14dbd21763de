import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { processTree } from './cpu.ts'
import { type HeapSample, parseHeapSample } from './targets.ts'

// Heap readings after a forced GC, from inside the app, for the soak: the app is started
// with --expose-gc and heap-probe.mjs preloaded (nothing in app/ knows about it), and a
// SIGUSR2 asks every process of the server for a reading. /metrics has the heap too
// (nodejs_heap_size_used_bytes), but only of whichever worker answers the scrape, and
// without a GC first it measures garbage not yet collected.

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'heap-probe.mjs')

/** The command prefix that starts the app with the probe (after `prefix`, e.g. taskset). */
export function heapProbeCommand(prefix: string[] = []): string[] {
  // startAppProcess appends `node --import tsx app/server/main.ts`: the shell inserts our flags after node.
  return [...prefix, '/bin/sh', '-c', `exec "$0" --expose-gc --import '${pathToFileURL(probe).href}' "$@"`]
}

/** The server's processes that loaded the probe (other descendants would die of SIGUSR2). */
function probedProcesses(pid: number): number[] {
  return processTree(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('heap-probe.mjs')
    } catch {
      return false
    }
  })
}

/** Forces a full GC in every process of the server and reads what is left. */
export async function readHeap(pid: number, dir: string, timeoutMs = 15_000): Promise<HeapSample[]> {
  const pids = probedProcesses(pid)
  if (pids.length === 0) throw new Error(`no process under ${pid} runs the heap probe`)
  const asked = Date.now()
  for (const p of pids) process.kill(p, 'SIGUSR2')
  const samples = new Map<number, HeapSample>()
  const deadline = asked + timeoutMs
  while (samples.size < pids.length) {
    for (const p of pids) {
      if (samples.has(p)) continue
      try {
        const sample = parseHeapSample(readFileSync(path.join(dir, `heap-${p}.json`), 'utf8'))
        if (sample.at >= asked) samples.set(p, sample)
      } catch {
        // not written yet
      }
    }
    if (samples.size === pids.length) break
    // A process busy with a long request answers when its event loop is free.
    if (Date.now() > deadline) throw new Error(`no heap reading from ${pids.filter((p) => !samples.has(p)).join(', ')}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return [...samples.values()]
}
