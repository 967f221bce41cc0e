import type { Page } from 'playwright'

const CAPTCHA_TEST_CODE = process.env.CAPTCHA_TEST_CODE ?? 'TEST42'

/** A Mantine select: open it, pick the option */
export async function chooseOption(page: Page, name: RegExp, option: string) {
  await page.getByRole('combobox', { name }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

/** R1 R2 from the address of the journey: the conditions accepted, the code question answered */
export async function openPreinscriptionForm(page: Page) {
  await page.goto(new URL('/parcours/preinscription', page.url()).toString())
  await page.getByRole('checkbox', { name: /J’accepte/ }).check()
  await page.getByRole('button', { name: 'Valider' }).click()
  await page.getByRole('button', { name: 'OK', exact: true }).click()
  await page.assertVisible(
    page.getByRole('heading', { level: 1, name: 'Formulaire de préinscription' })
  )
}

export type PreinscriptionInput = {
  caisse: string
  conventionCode: string
  partnerName: string
  adminLogin: string
  adminEmail: string
  regime?: string
}

/** R3 the form filled as the manual's example does (with the test captcha), then « Enregistrer » */
export async function submitPreinscription(page: Page, input: PreinscriptionInput) {
  const partner = page.getByRole('group', { name: 'Informations partenaire' })
  const admin = page.getByRole('group', { name: 'Administrateur' })
  const address = page.getByRole('group', { name: 'Adresse' })
  await chooseOption(page, /^Régime/, input.regime ?? 'CNAV – régime général')
  await chooseOption(page, /^Caisse/, input.caisse)
  await partner.getByLabel(/^Code convention/).fill(input.conventionCode)
  await chooseOption(page, /^Type partenaire/, 'Structure d’évaluation')
  await partner.getByLabel(/^Nom partenaire/).fill(input.partnerName)
  await partner.getByLabel(/^Téléphone/).fill('03 21 00 00 00')
  await admin.getByLabel(/^Nom/).fill('LEROY')
  await admin.getByLabel(/^Prénom/).fill('Marc')
  await admin.getByLabel(/^Login/).fill(input.adminLogin)
  await admin.getByLabel(/^Téléphone/).fill('03 21 00 00 00')
  await admin.getByLabel(/^Email/).fill(input.adminEmail)
  await address.getByLabel(/^CP/).fill('62000')
  await address.getByLabel(/^Nom commune/).fill('Arras')
  await page.getByLabel(/^Recopiez les caractères de l’image/).fill(CAPTCHA_TEST_CODE)
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await page.assertVisible(
    page.getByRole('heading', { level: 1, name: 'Préinscription en attente de validation' })
  )
}
