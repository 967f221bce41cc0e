/*
| First-load JavaScript and CSS of a page, gzipped: what a browser
| downloads before the page shows (the entry, the page's chunk and every
| chunk they import statically). The studio's code must stay out of the
| partners' pages (ARCHITECTURE « The studio »).
|
|   npm run bench -- first_load
|
| Builds the client with Vite into tmp/bench-first-load (the app's own
| build is untouched) and reads Vite's manifest. The last line is JSON:
| { "<page>": { "js": bytes, "css": bytes } } for each page below.
*/
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const PAGES = [
  'inertia/pages/workflow/step.tsx',
  'inertia/pages/portal/home.tsx',
  'inertia/pages/administration/show.tsx',
  'inertia/pages/studio/reference_data.tsx',
]
const ENTRY = 'inertia/app.tsx'
const OUT = 'tmp/bench-first-load'

type Chunk = { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }

export async function run() {
  const root = process.cwd()
  process.stderr.write(`building the client into ${OUT}…\n`)
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      OUT,
      '--emptyOutDir',
      '--manifest',
      'manifest.json',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
  )
  const manifest: Record<string, Chunk> = JSON.parse(
    readFileSync(join(root, OUT, 'manifest.json'), 'utf8')
  )
  const gzipped = (file: string) => gzipSync(readFileSync(join(root, OUT, file))).length

  /** The chunk and every chunk it imports statically, each once */
  const closure = (key: string, seen = new Set<string>()) => {
    if (seen.has(key) || !manifest[key]) return seen
    seen.add(key)
    for (const imported of manifest[key].imports ?? []) closure(imported, seen)
    return seen
  }

  const result: Record<string, { js: number; css: number }> = {}
  for (const page of PAGES) {
    const chunks = new Set([...closure(ENTRY), ...closure(page)])
    const files = [...chunks].map((key) => manifest[key])
    result[page.replace('inertia/pages/', '').replace('.tsx', '')] = {
      js: files.reduce((total, chunk) => total + gzipped(chunk.file), 0),
      css: [...new Set(files.flatMap((chunk) => chunk.css ?? []))].reduce(
        (total, file) => total + gzipped(file),
        0
      ),
    }
  }
  console.log(JSON.stringify(result))
}
