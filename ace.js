/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Registers a TypeScript loader so that the TypeScript sources can be
| imported directly, then hands over to "bin/console.ts".
|
*/
import '@poppinss/ts-exec'

await import('./bin/console.js')
