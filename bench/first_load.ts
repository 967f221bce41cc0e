/*
| First-load JavaScript and CSS of a page, gzipped: what a browser
| downloads before the page shows (the entry, the page's chunk and every
| chunk they import statically). The studio's code must stay out of the
| partners' pages (ARCHITECTURE « The studio »; bin/check_assets.ts checks
| the budget in CI).
|
|   npm run bench -- first_load
|
| Builds the client with Vite into tmp/bench-first-load (the app's own
| build is untouched) and reads Vite's manifest. The last line is JSON:
| { "<page>": { "js": bytes, "css": bytes } } for each page below.
*/
import { ClientBuild } from '../bin/client_build.js'

const PAGES = [
  'inertia/pages/workflow/step.tsx',
  'inertia/pages/portal/home.tsx',
  'inertia/pages/administration/show.tsx',
  'inertia/pages/studio/reference_data.tsx',
]
const OUT = 'tmp/bench-first-load'

export async function run() {
  process.stderr.write(`building the client into ${OUT}…\n`)
  const build = ClientBuild.make(process.cwd(), OUT)
  const result: Record<string, { js: number; css: number }> = {}
  for (const page of PAGES) {
    result[page.replace('inertia/pages/', '').replace('.tsx', '')] = build.firstLoadSize(page)
  }
  console.log(JSON.stringify(result))
}
