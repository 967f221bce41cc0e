/*
|--------------------------------------------------------------------------
| How the web server's Node.js process runs
|--------------------------------------------------------------------------
|
| The flags bin/start.mjs gives the server, and the benchmarks give the
| application processes they measure (bench/http_load.ts) and themselves
| (the "bench" script), so that a benchmark's memory is the server's.
|
| --max-semi-space-size=8: V8's young generation grows to 2 × 64 MB under a
| burst of requests and keeps it; 16 MB semi-spaces kept an app process near
| 300 MB RSS after the benchmarks instead of 370 to 410, 8 MB ~20 MB less
| again, for no more CPU per decision (the scavenges stay short).
| Why: docs/decisions/0036-app-processes-and-memory.md, 0041.
|
| --heap-growing-percent=30: after each full collection the old generation may
| grow by 30 % before the next. On a machine with much memory V8 lets it grow
| fourfold: 3,000 records started kept 170 MB of heap for 60 MB alive, and the
| process past 420 MB RSS; with 30 %, near 300 MB, and no ceiling that a large
| request could hit (--max-old-space-size would be one).
| Why: docs/decisions/0039-heap-growth.md.
|
| MALLOC_ARENA_MAX=2 (environment, read by glibc when the process starts):
| each thread that allocates (libuv's pool hashing, encrypting, reading
| files) otherwise gets a malloc arena of its own, up to 8 per core, and
| their free pages stay resident: 315 MB RSS after the http benchmark, 290
| with two arenas. Why: docs/decisions/0041-server-memory.md.
|
| Plain JavaScript: bin/start.mjs imports it before anything is compiled.
|
*/
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=30']

export const SERVER_ENVIRONMENT = { MALLOC_ARENA_MAX: '2' }
