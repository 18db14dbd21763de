import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '#tests/support/app-process.ts'
import { sourceFiles } from '#tests/support/hydration-hazards.ts'

// The content security policy allows styles from our own stylesheet only (style-src 'self',
// app/server/security.ts): a style attribute is refused by the browser (and reported as a
// console error on hydrated pages). Styles go in app/styles/app.css, sizes of SVG in its attributes.

describe('styles under the content security policy', () => {
  it('no component writes a style attribute', () => {
    const found: string[] = []
    for (const rel of sourceFiles(projectRoot, 'app', ['.tsx'])) {
      readFileSync(path.join(projectRoot, rel), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\bstyle=\{|\bstyle="/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`)
        })
    }
    expect(found).toEqual([])
  })
})
