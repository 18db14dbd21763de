import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

export interface BareServer {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts bare-server.ts in its own process (behind `prefix`, e.g. taskset) serving `body`. */
export async function startBareServer(options: {
  body: Buffer
  contentType: string
  bodyFile: string
  prefix: string[]
  timeoutMs?: number
}): Promise<BareServer> {
  writeFileSync(options.bodyFile, options.body)
  const argv = [...options.prefix, process.execPath, '--import', 'tsx', path.join(here, 'bare-server.ts')]
  const [cmd, ...args] = argv as [string, ...string[]]
  const child = spawn(cmd, args, {
    env: { ...process.env, BENCH_BODY_FILE: options.bodyFile, BENCH_CONTENT_TYPE: options.contentType },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      child.kill('SIGTERM')
    })
  const port = await new Promise<number>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`bare server did not start:\n${output}`))
    }, options.timeoutMs ?? 15_000)
    const onData = (d: Buffer) => {
      output += d
      const m = /listening (\d+)/.exec(output)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`bare server exited with ${code}:\n${output}`))
    })
  })
  return { url: `http://127.0.0.1:${port}`, child, stop }
}
