/*
|--------------------------------------------------------------------------
| Benchmark entry point
|--------------------------------------------------------------------------
|
|   npm run bench -- <name>        e.g. npm run bench -- transitions
|
| Each benchmark is a module of this folder exporting `run()`. It boots the
| application itself (see bench/boot.ts), prints progress lines, and its
| last line is the result, machine-readable.
|
*/
const BENCHMARKS: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  transitions: () => import('./transitions.js'),
  first_load: () => import('./first_load.js'),
  migration: () => import('./migration.js'),
  http: () => import('./http.js'),
  queue: () => import('./queue.js'),
}

const name = process.argv[2]
const load = name ? BENCHMARKS[name] : undefined
if (!load) {
  process.stderr.write(
    `usage: npm run bench -- <name>\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n`
  )
  process.exitCode = 2
} else {
  try {
    const benchmark = await load()
    await benchmark.run()
  } catch (error) {
    process.exitCode = 1
    console.error(error)
  }
}
