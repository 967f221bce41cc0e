/*
| Issue 13 « Production assets », checked in CI (.ci/run):
| - no built chunk carries React's development runtime (jsxDEV);
| - the pre-registration page's first load stays under 200 KB of gzipped JS;
| - no page outside the studio loads the studio's code first
|   (ARCHITECTURE « The studio »: its pages are loaded only by analysts).
|
|   npm run check:assets
|
| Exits 1 with one line per breach; the last line gives the figures.
*/
import { ClientBuild } from './client_build.js'

const OUT = 'tmp/assets-check'
const PRE_REGISTRATION = 'inertia/pages/workflow/step.tsx'
const PRE_REGISTRATION_BUDGET = 200 * 1024
const STUDIO = ['inertia/pages/studio/', 'inertia/components/studio/']
/** What React's development JSX runtime leaves in a chunk */
const DEVELOPMENT_RUNTIME = /\bjsxDEV\b|react-jsx-dev-runtime/

const build = ClientBuild.make(process.cwd(), OUT)
const breaches: string[] = []

for (const file of build.scripts()) {
  if (DEVELOPMENT_RUNTIME.test(build.text(file))) {
    breaches.push(`${file}: React's development runtime (jsxDEV) in a production chunk`)
  }
}

const partnerPages = build.pages().filter((page) => !page.startsWith(STUDIO[0]))
for (const page of partnerPages) {
  const studio = build
    .firstLoad(page)
    .filter((key) => STUDIO.some((prefix) => key.startsWith(prefix)))
  if (studio.length) breaches.push(`${page}: loads the studio's code first (${studio.join(', ')})`)
}

const preRegistration = build.firstLoadSize(PRE_REGISTRATION)
if (preRegistration.js >= PRE_REGISTRATION_BUDGET) {
  breaches.push(
    `${PRE_REGISTRATION}: ${preRegistration.js} B of gzipped JS on first load (budget ${PRE_REGISTRATION_BUDGET} B)`
  )
}

for (const breach of breaches) process.stderr.write(`${breach}\n`)
console.log(
  `assets pages=${build.pages().length} partner_pages=${partnerPages.length} pre_registration_js_gzip=${preRegistration.js} budget=${PRE_REGISTRATION_BUDGET} breaches=${breaches.length}`
)
process.exitCode = breaches.length ? 1 : 0
