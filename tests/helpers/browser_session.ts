import type { Page } from 'playwright'
import { DEMO_PASSWORD } from '#database/seeders/03_demo_seeder'

/** « Connexion » with a login (a demo account's password by default), then wait to leave the page */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto(new URL('/connexion', page.url()).toString())
  await page.getByLabel(/^Identifiant/).fill(login)
  await page.getByLabel(/^Mot de passe/).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname !== '/connexion')
}

/** « Se déconnecter » from the banner, back on the home page */
export async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click()
  await page.waitForURL((url) => url.pathname === '/')
}
