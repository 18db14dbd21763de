import http from 'node:http'

/**
 * A POST whose body has not fully arrived: the server holds the request (and its
 * admission slot) while it waits for the rest, like a phone on a slow network.
 * `finish` sends the rest and resolves with the status and the headers.
 */
export function heldPost(baseUrl: string, pathname: string, body: string, headers: Record<string, string> = {}) {
  const req = http.request(`${baseUrl}${pathname}`, {
    method: 'POST',
    agent: false,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
      Origin: baseUrl,
      ...headers,
    },
  })
  let answered = false
  const response = new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
    })
    req.on('error', reject)
  })
  req.write(body.slice(0, 5))
  return {
    answered: () => answered,
    finish: () => {
      req.end(body.slice(5))
      return response
    },
  }
}
