import net from 'node:net'

/**
 * A TCP relay on 127.0.0.1 in front of PostgreSQL, so a test can make the database
 * disappear for the app the way a restart does: `cut()` drops every relayed connection
 * and refuses new ones, `restore()` accepts again on the same port. `writes` counts the
 * chunks clients have written towards the server (what one socket write of theirs
 * becomes on loopback), and `cutOnNextWrite()` drops a connection as its client next
 * writes, after relaying that write.
 */
export interface TcpProxy {
  port: number
  writes: number
  cut(): Promise<void>
  cutOnNextWrite(): void
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>()
  let cutNext = false
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('data', () => {
      proxy.writes += 1
      if (!cutNext) return
      cutNext = false
      client.destroy()
      upstream.destroy()
    })
  })
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        const address = server.address()
        resolve(typeof address === 'object' && address ? address.port : port)
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      if (!server.listening) return resolve()
      server.close(() => resolve())
    })
  const port = await listen(0)
  const proxy: TcpProxy = {
    port,
    writes: 0,
    cut: stop,
    cutOnNextWrite: () => {
      cutNext = true
    },
    restore: () => listen(port).then(() => undefined),
    close: stop,
  }
  return proxy
}
