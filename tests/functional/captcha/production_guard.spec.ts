import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import app from '@adonisjs/core/services/app'

/** Runs the real HTTP entry point and collects what it printed and its exit code */
function startServer(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
      cwd: app.makePath(),
      env: { ...process.env, ...env },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

test.group('R3 the captcha bypass never reaches production', () => {
  test('R3 the app refuses to start in production with CAPTCHA_TEST_CODE set', async ({
    assert,
  }) => {
    const { code, output } = await startServer({
      NODE_ENV: 'production',
      CAPTCHA_TEST_CODE: 'TEST42',
      APP_KEY: 'a-production-like-key-of-32-chars',
      PORT: '0',
      SQLITE_FILE: 'tmp/never-opened.sqlite3',
    })
    assert.equal(code, 1)
    assert.include(output, 'refusing to start in production with a captcha bypass')
  }).timeout(30_000)
})
