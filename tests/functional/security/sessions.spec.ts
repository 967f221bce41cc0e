import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { stores } from '@adonisjs/session'
import type { SessionStoreWithTaggingContract } from '@adonisjs/session/types'
import { SESSION_AGE as sessionAge } from '#config/session'
import { activeUser, clearLimiters } from '#tests/functional/accounts/support'
import { BrowserLike } from './browser_like.js'

/** Signs in through the form, as a person does */
async function signedIn(login: string, password: string) {
  const browser = new BrowserLike()
  const response = await browser.post('/connexion', { login, password })
  if (response.headers.get('location') !== '/services') {
    throw new Error(
      `Sign-in of ${login} answered ${response.status} ${response.headers.get('location')}`
    )
  }
  return browser
}

test.group('Hardening #5 sessions end for real', (group) => {
  group.each.setup(() => clearLimiters())

  test('A1 a cookie saved before « Se déconnecter » opens nothing afterwards', async ({
    assert,
  }) => {
    await activeUser('Session51', 'Secret2026')
    const browser = await signedIn('Session51', 'Secret2026')
    const saved = browser.copy()
    assert.equal(await saved.services(), 'open')

    const signOut = await browser.post('/deconnexion')
    assert.equal(signOut.headers.get('location'), '/')

    assert.equal(await saved.services(), '/connexion')
    assert.equal(await browser.services(), '/connexion')
  })

  test('A6 a password change ends the other sessions of the user; the one that changed it goes on', async ({
    assert,
  }) => {
    await activeUser('Session52', 'Ancien2026')
    const office = await signedIn('Session52', 'Ancien2026')
    const elsewhere = await signedIn('Session52', 'Ancien2026')
    const copiedBefore = office.copy()

    const change = await office.post('/mot-de-passe', {
      currentPassword: 'Ancien2026',
      newPassword: 'Nouveau2026',
      confirmation: 'Nouveau2026',
    })
    assert.equal(change.headers.get('location'), '/services')

    assert.equal(await elsewhere.services(), '/connexion')
    assert.equal(await copiedBefore.services(), '/connexion')
    assert.equal(await office.services(), 'open')
  })

  /**
   * The demo and production keep sessions in the database (config/session.ts);
   * tests run on the memory store because Japa's session plugins need it.
   * This checks the production store on the table of the migrations.
   */
  test('A1 the database session store ends an idle session after its age and finds every session of a user', async ({
    assert,
  }) => {
    const resolve = await stores.database({ tableName: 'sessions' }).resolver(app)
    const store = resolve(
      undefined as never,
      { age: sessionAge } as never
    ) as SessionStoreWithTaggingContract
    const user = await activeUser('Session53', 'Secret2026')
    await store.write('session-53-a', { auth_web: user.id })
    await store.tag('session-53-a', String(user.id))
    await store.write('session-53-b', { auth_web: user.id })
    await store.tag('session-53-b', String(user.id))
    const tagged = await store.tagged(String(user.id))
    assert.sameMembers(
      tagged.map((session) => session.id),
      ['session-53-a', 'session-53-b']
    )
    assert.deepEqual(await store.read('session-53-a'), { auth_web: user.id })

    /** Two hours and a minute later, as the store sees it */
    await db
      .from('sessions')
      .where('id', 'session-53-a')
      .update({ expires_at: new Date(Date.now() - 60_000) })
    assert.isNull(await store.read('session-53-a'))
    assert.isNull(await db.from('sessions').where('id', 'session-53-a').first())

    await store.destroy('session-53-b')
    assert.lengthOf(await store.tagged(String(user.id)), 0)
  })
})
