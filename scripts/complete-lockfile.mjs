// The npm mirror this project is built behind serves only linux-x64 builds of
// packages that ship per-platform binaries, so `npm install` leaves the other
// platforms' optional packages out of package-lock.json and `npm ci` then refuses
// the lock as out of sync. This adds the missing optional entries (version, os,
// cpu, libc read off the package name), which npm skips on a non-matching platform.
// Run after `npm install`: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const lockPath = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(lockPath, 'utf8'))
const packages = lock.packages

function platformOf(name) {
  const n = name.split('/').pop()
  const os = [
    'darwin',
    'linux',
    'win32',
    'android',
    'freebsd',
    'openbsd',
    'netbsd',
    'sunos',
    'aix',
    'openharmony',
  ].find((o) => n.includes(o))
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64', 'mips64el', 'wasm32'].find((c) =>
    new RegExp(`(^|-)${c}($|-)`).test(n.replace('gnueabihf', '').replace('musleabihf', '').replace('-msvc', '')),
  )
  const libc = /musl/.test(n) ? ['musl'] : /gnu/.test(n) ? ['glibc'] : undefined
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined, libc }
}

let added = 0
for (const [path, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies ?? {}
  const base = path === '' ? 'node_modules/' : `${path}/node_modules/`
  for (const [name, version] of Object.entries(optional)) {
    // npm resolves a dependency in the nearest node_modules up the tree.
    let found = false
    for (let dir = base; ; ) {
      if (packages[`${dir}${name}`]) {
        found = true
        break
      }
      const up = dir.lastIndexOf('/node_modules/', dir.length - '/node_modules/'.length - 1)
      if (up < 0) break
      dir = dir.slice(0, up + '/node_modules/'.length)
    }
    if (found || packages[`node_modules/${name}`]) continue
    const { os, cpu, libc } = platformOf(name)
    if (!os && !cpu) continue
    packages[`node_modules/${name}`] = {
      version: version.replace(/^[\^~=]/, ''),
      cpu,
      os,
      libc,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    }
    added++
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
)
lock.packages = sorted
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`complete-lockfile: added ${added} optional platform entries`)
