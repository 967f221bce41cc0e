/*
|--------------------------------------------------------------------------
| HTTP server entry point
|--------------------------------------------------------------------------
|
| Starts the AdonisJS HTTP server. Run it directly (npm start) or through
| "node ace serve" during development.
|
*/
const { prettyPrintError } = await import('@adonisjs/core')
const { createIgnitor } = await import('./ignitor.js')

const ignitor = await createIgnitor()

await ignitor
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
