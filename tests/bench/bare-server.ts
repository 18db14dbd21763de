import { readFileSync } from 'node:fs'
import http from 'node:http'

// The baseline: plain node answering every request with the app's page bytes.
// Run as its own process (pinned like the app) and reports its port on stdout.

const bodyFile = process.env.BENCH_BODY_FILE
if (!bodyFile) throw new Error('BENCH_BODY_FILE is required')
const body = readFileSync(bodyFile)
const contentType = process.env.BENCH_CONTENT_TYPE ?? 'text/html; charset=utf-8'

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length })
  res.end(body)
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (typeof address === 'object' && address) process.stdout.write(`listening ${address.port}\n`)
})

process.on('SIGTERM', () => {
  server.close()
  server.closeAllConnections()
  process.exit(0)
})
