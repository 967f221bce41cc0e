import { assert } from '@japa/assert'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { apiClient } from '@japa/api-client'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { browserClient } from '@japa/browser-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { dbAssertions } from '@adonisjs/lucid/plugins/db'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { inertiaApiClient } from '@adonisjs/inertia/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { chromium } from 'playwright'
import env from '#start/env'
import { prepareDatabase } from '#tests/helpers/database'
import { forgetEarlierMails, startMailbox, stopMailbox } from '#tests/helpers/mailbox'

/**
 * Debian's Chromium; Playwright never downloads a browser here. The flags
 * keep it from reaching the network, which this machine does not have.
 */
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}

export const plugins: Config['plugins'] = [
  assert(),
  pluginAdonisJS(app),
  dbAssertions(app),
  apiClient({ baseURL: `http://${env.get('HOST')}:${env.get('PORT')}` }),
  shieldApiClient(),
  sessionApiClient(app),
  authApiClient(app),
  inertiaApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    launcher: (config) => chromium.launch({ ...config, ...CHROMIUM }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
]

/**
 * Every run starts from a clean schema with the reference data seeded (a
 * copy of it under the file runner), and an in-process SMTP server
 * catching the mails the app sends.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [prepareDatabase, startMailbox],
  teardown: [stopMailbox],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  /** Each test's mail assertions see only the mails it caused */
  suite.onTest((test) => test.setup(forgetEarlierMails))
  suite.onGroup((group) => group.each.setup(forgetEarlierMails))
  if (['browser', 'functional'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
