import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Runs `npm run build` (the benchmarks build before they measure); fails with the build's output. */
export function buildApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => {
      output += d
    })
    child.stderr.on('data', (d) => {
      output += d
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build failed (${code}):\n${output}`)),
    )
  })
}

export interface AppProcess {
  url: string
  port: number
  child: ChildProcess
  output: () => string
  stop(): Promise<void>
}

/**
 * Starts the production server (`npm run build` must have run) as a child process
 * and waits until /healthz answers. `command` prefixes the node command (e.g. taskset).
 */
export async function startAppProcess(options: {
  env?: Record<string, string>
  command?: string[]
  timeoutMs?: number
}): Promise<AppProcess> {
  if (!existsSync(path.join(projectRoot, 'build/server/index.js'))) {
    throw new Error('build/server/index.js is missing: run `npm run build` first')
  }
  // A caller that needs the port up front (APP_ORIGIN names it) passes PORT itself.
  const port = options.env?.PORT ? Number(options.env.PORT) : await freePort()
  const argv = [...(options.command ?? []), process.execPath, '--import', 'tsx', 'app/server/main.ts']
  const [cmd, ...args] = argv as [string, ...string[]]
  const child = spawn(cmd, args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      // One process unless a test asks for the cluster: admission limits, logs and caches
      // are per process, and most tests assert on one (docs/decisions/023-one-process-per-core.md).
      APP_PROCESSES: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => {
    output += d
  })
  child.stderr?.on('data', (d) => {
    output += d
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not become healthy:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    port,
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}
