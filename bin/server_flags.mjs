/*
|--------------------------------------------------------------------------
| How the web server's Node.js process runs
|--------------------------------------------------------------------------
|
| The flags bin/start.mjs gives the server, and the benchmarks give the
| application processes they measure (bench/http_load.ts) and themselves
| (the "bench" script), so that a benchmark's memory is the server's.
|
| --max-semi-space-size=16: V8's young generation grows to 2 × 64 MB under a
| burst of requests and keeps it; 16 MB semi-spaces keep an app process
| near 300 MB RSS after the benchmarks instead of 370 to 410.
| Why: docs/decisions/0036-app-processes-and-memory.md.
|
| Plain JavaScript: bin/start.mjs imports it before anything is compiled.
|
*/
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16']
