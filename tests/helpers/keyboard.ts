import type { Locator, Page } from 'playwright'

/**
 * Tab until `target` has the focus: what a keyboard user does, and proof
 * that it is reachable without a mouse. The studio's draft page has many
 * controls: the limit is generous, and only a control nobody can reach
 * ever meets it.
 */
export async function tabTo(page: Page, target: Locator, limit = 800) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Not reachable with Tab in ${limit} presses`)
}

/** A choice of a searchable list (Mantine's Select): focus it, type, take the first match */
export async function chooseWithKeyboard(page: Page, target: Locator, typed: string) {
  await tabTo(page, target)
  await page.keyboard.type(typed)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
}

/** « Atelier » › « Parcours » › « Nouvelle version » of a workflow, with the keyboard; on its draft page */
export async function newDraftWithKeyboard(page: Page, button: RegExp, key: string) {
  await page.goto(new URL('/atelier/parcours', page.url()).toString())
  await tabTo(page, page.getByRole('button', { name: button }))
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => url.pathname === `/atelier/parcours/${key}/brouillon`)
}

/** S4 « Ajouter un état » of the outline or of the graph's panel (`place`), with the keyboard */
export async function addStateWithKeyboard(page: Page, place: Locator, title: string) {
  const form = place.getByRole('form', { name: 'Ajouter un état' })
  await tabTo(page, form.getByLabel(/^Titre/))
  await page.keyboard.type(title)
  await tabTo(page, form.getByRole('button', { name: 'Ajouter l’état' }))
  await page.keyboard.press('Enter')
  await page.getByText(`L’état « ${title} » est ajouté au brouillon.`).waitFor()
  return form
}

/** S4 « Ajouter une transition » with the keyboard: `to` is typed in « Vers », its first match taken */
export async function addTransitionWithKeyboard(
  page: Page,
  form: Locator,
  transition: { event: string; label: string; to: string }
) {
  await tabTo(page, form.getByLabel(/^Événement/))
  await page.keyboard.type(transition.event)
  await page.keyboard.press('Escape')
  await tabTo(page, form.getByLabel(/^Libellé/))
  await page.keyboard.type(transition.label)
  await chooseWithKeyboard(page, form.getByLabel(/^Vers/), transition.to)
  await tabTo(page, form.getByRole('button', { name: 'Ajouter la transition' }))
  await page.keyboard.press('Enter')
  await page.getByText(`La transition « ${transition.label} » est ajoutée.`).waitFor()
}
