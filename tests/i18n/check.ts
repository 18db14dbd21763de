// `npm run i18n:check`, static half: every key exists in both languages, and every
// key the code uses resolves in each of them. (The rendered half is tests/integration/i18n-rendered.test.ts.)
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Catalogues, catalogueProblems, flattenKeys } from './keys.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const languages = ['id', 'en'] as const

function loadLanguage(lng: string): Map<string, string> {
  const dir = path.join(root, 'locales', lng)
  const keys = new Map<string, string>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const ns = file.replace(/\.json$/, '')
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>
    for (const [key, value] of flattenKeys(json)) keys.set(`${ns}:${key}`, value)
  }
  return keys
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(name) ? [full] : []
  })
}

const byLanguage: Catalogues = Object.fromEntries(languages.map((l) => [l, loadLanguage(l)]))
const sources = sourceFiles(path.join(root, 'app')).map((file) => ({
  file: path.relative(root, file),
  text: readFileSync(file, 'utf8'),
}))
const { problems, used } = catalogueProblems(byLanguage, sources)

if (problems.length > 0) {
  console.error(`i18n check failed (${problems.length}):\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `i18n check: ${byLanguage.id?.size} keys in ${languages.join(' and ')}, ${used} uses in app/ resolve in each.`,
)
