import { test } from '@japa/runner'
import type { Page } from 'playwright'
import WorkflowInstance from '#models/workflow_instance'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { signIn, signOut } from '#tests/helpers/browser_session'
import { mailbox } from '#tests/helpers/mailbox'
import { deliverOutbox } from '#tests/functional/onboarding/support'
import { PIECES_TITLE, submittedPreinscription } from '#tests/functional/back_office/support'

/**
 * FEATURES scenario 4 in Chromium, end to end: the analyst adds « Pièces
 * complémentaires demandées » between the submission of a pre-registration
 * and the caisse's decision, in the studio alone (the state, its two
 * transitions, their forms, who may send them, its page, the mail with the
 * personal link and the action that sends it), and publishes; a caisse
 * administrator asks for pieces; the applicant, who has no account, opens
 * the link of the mail, answers; the record is back in « Dossiers à
 * traiter » and the caisse administrator validates it.
 */

const ASKED = 'Merci de joindre le dernier bilan de la structure.'
const ANSWER = 'Bilan 2025 envoyé par courrier le 2 décembre.'

/** A Mantine Select or MultiSelect of a form: its combobox by label, then the option */
async function choose(page: Page, form: string, label: RegExp, option: string | RegExp) {
  await page.getByRole('form', { name: form }).getByRole('combobox', { name: label }).click()
  await page
    .getByRole(
      'option',
      typeof option === 'string' ? { name: option, exact: true } : { name: option }
    )
    .first()
    .click()
}

async function saved(page: Page, message: string | RegExp) {
  await page.assertVisible(page.getByText(message).first())
}

/** « Ajouter une transition » from a state (by its title) to another (by its title) */
async function addTransition(
  page: Page,
  from: string,
  transition: { event: string; label: string; to: string }
) {
  const form = page
    .getByRole('region', { name: 'États et transitions' })
    .getByRole('form', { name: `Ajouter une transition depuis « ${from} »` })
  await form.getByLabel(/^Événement/).fill(transition.event)
  await page.keyboard.press('Escape')
  await form.getByLabel(/^Libellé/).fill(transition.label)
  await form.getByRole('combobox', { name: /^Vers/ }).click()
  await page.getByRole('option', { name: new RegExp(`^${transition.to} \\(`) }).click()
  await form.getByRole('button', { name: 'Ajouter la transition' }).click()
  await saved(page, `La transition « ${transition.label} » est ajoutée.`)
}

/** The first field of an event's form, from the « Formulaires » tab of the event */
async function addTextareaField(page: Page, tab: string, field: { label: string; name: string }) {
  await page
    .getByRole('tablist', { name: 'Formulaires du brouillon' })
    .getByRole('tab', { name: tab })
    .click()
  const adding = page.getByRole('form', { name: 'Ajouter un champ' })
  await adding.getByLabel(/^Libellé/).fill(field.label)
  await adding.getByLabel(/^Nom technique/).fill(field.name)
  await adding.getByRole('combobox', { name: /^Type/ }).click()
  await page.getByRole('option', { name: /^Texte long/ }).click()
  await adding.getByRole('checkbox', { name: /^Obligatoire/ }).check()
  await adding.getByRole('button', { name: 'Ajouter le champ' }).click()
  await saved(page, `Le champ « ${field.label} » est ajouté au brouillon.`)
}

async function addRule(page: Page, label: string, role: string, scope: string) {
  const form = `Ajouter une règle à « ${label} »`
  await choose(page, form, /^Rôle/, role)
  await choose(page, form, /^Portée/, scope)
  await page.getByRole('form', { name: form }).getByRole('button', { name: 'Ajouter' }).click()
  await saved(page, /La règle est ajoutée/)
}

test.group(
  'S4 S6 scenario 4 « Pièces complémentaires demandées », from the studio to the applicant',
  () => {
    test('S4 S6 scenario 4: the analyst adds the state and publishes; the caisse asks; the applicant answers through the mailed personal link; the caisse validates', async ({
      visit,
      assert,
    }) => {
      const page = await visit('/connexion')
      const origin = new URL(page.url()).origin
      await signIn(page, 'analyste')
      await page.goto(`${origin}/atelier/parcours`)
      await page
        .getByRole('button', { name: /^Nouvelle version de « Préinscription d.un partenaire »$/ })
        .click()
      await page.assertPath('/atelier/parcours/preinscription/brouillon')

      /** S4 the outline: the state and its two transitions */
      const addState = page
        .getByRole('region', { name: 'États et transitions' })
        .getByRole('form', { name: 'Ajouter un état' })
      await addState.getByLabel(/^Titre/).fill(PIECES_TITLE)
      await addState.getByLabel(/^Nom technique/).fill('pieces_demandees')
      await addState.getByRole('button', { name: 'Ajouter l’état' }).click()
      await saved(page, `L’état « ${PIECES_TITLE} » est ajouté au brouillon.`)
      await addTransition(page, 'Préinscription en attente de validation', {
        event: 'DEMANDER_PIECES',
        label: 'Demander des pièces',
        to: PIECES_TITLE,
      })
      await addTransition(page, PIECES_TITLE, {
        event: 'TRANSMETTRE_PIECES',
        label: 'Transmettre les pièces',
        to: 'Préinscription en attente de validation',
      })

      /** S5 the forms of the two new events */
      await addTextareaField(page, 'Demander des pièces (sans formulaire)', {
        label: 'Pièces demandées',
        name: 'message',
      })
      await addTextareaField(page, 'Transmettre les pièces (sans formulaire)', {
        label: 'Votre réponse',
        name: 'pieces',
      })

      /** S6 who may send them: the caisse of the record, the applicant */
      await addRule(
        page,
        'Demander des pièces',
        'administrateur caisse',
        'pour les dossiers de ses caisses'
      )
      await addRule(page, 'Transmettre les pièces', 'visiteur', 'quel que soit le dossier')
      await page.assertVisible(
        page
          .getByText(/visiteur, sur le dossier qu’il a déposé ou ouvert par son lien personnel/i)
          .first()
      )

      /** S6 the page of the new state: a step with the caisse's request shown */
      const screenForm = `Page de l’état « pieces_demandees »`
      await choose(page, screenForm, /^Page/, /^workflow\/step/)
      await page
        .getByRole('form', { name: screenForm })
        .getByLabel(/^Texte/)
        .fill('La caisse a besoin de pièces complémentaires : répondez-lui ci-dessous.')
      await choose(page, screenForm, /^Données affichées/, 'Pièces demandées (message)')
      await page.keyboard.press('Escape')
      await page
        .getByRole('form', { name: screenForm })
        .getByRole('button', { name: 'Enregistrer' })
        .click()
      await saved(page, 'La page de l’état « pieces_demandees » est enregistrée.')

      /** S6 the mail with the personal link */
      const newMail = page.getByRole('form', { name: 'Nouveau modèle d’email' })
      await newMail.getByLabel(/^Nom technique/).fill('pieces_demandees')
      await newMail
        .getByLabel(/^Objet/)
        .fill('PPAS – Pièces complémentaires pour « {{partnerName}} »')
      await newMail
        .getByLabel(/^Texte/)
        .fill(
          'Bonjour {{adminFirstName}} {{adminLastName}},\n\nLa caisse vous demande : {{message}}\n\nRépondez depuis votre lien personnel, valable jusqu’au {{lienValableJusquau}} :\n{{lienPersonnel}}'
        )
      await newMail.getByRole('button', { name: 'Ajouter le modèle' }).click()
      await saved(page, /Le modèle d’email « pieces_demandees » est ajouté/)

      /** S4 the action of « Demander des pièces » that sends it, with its parameters */
      await addPersonalLinkAction(page)

      await expectNoSeriousA11yViolations(page, 'S4 scénario 4, brouillon complet')
      await page.assertNotExists(page.getByText('À corriger avant de publier'))
      await page.getByRole('button', { name: 'Publier' }).click()
      await page.assertPath('/atelier/parcours')
      await saved(page, /La version \d+ de .* est publiée/)
      await signOut(page)

      /** A pre-registration submitted on the new version */
      const record = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
      const partnerName = String(record.snapshot.context.partnerName)
      const adminEmail = String(record.snapshot.context.adminEmail)

      /** The caisse asks for pieces */
      await signIn(page, 'caissehdf')
      await page.goto(`${origin}/caisse/dossiers/${record.id}`)
      const ask = page.getByRole('form', { name: 'Demander des pièces' })
      await ask.getByRole('textbox', { name: /^Pièces demandées/ }).fill(ASKED)
      await ask.getByRole('button', { name: 'Demander des pièces' }).click()
      await saved(page, `Décision enregistrée : ${PIECES_TITLE}.`)
      await signOut(page)

      /** The applicant's mail, as it left over SMTP, with the link */
      await deliverOutbox()
      const received = await mailbox.waitFor(
        (mail) => mail.to.includes(adminEmail) && mail.subject.includes('Pièces complémentaires')
      )
      assert.include(received.text, ASKED)
      const link = /(https?:\/\/\S+\/suivi\/[A-Za-z0-9_-]+)/.exec(received.text)?.[1]
      assert.isString(link, received.text)

      /** The applicant, in a browser of their own, without an account */
      const applicant = await page.context().browser()!.newContext()
      const own = await applicant.newPage()
      await own.goto(`${origin}${new URL(link!).pathname}`)
      await own.waitForURL(`${origin}/dossiers/${record.id}`)
      await own.getByRole('heading', { level: 1, name: PIECES_TITLE }).waitFor()
      await own.getByText(ASKED).waitFor()
      await expectNoSeriousA11yViolations(own, 'S4 la page du demandeur ouverte par son lien')
      await own.getByRole('textbox', { name: /^Votre réponse/ }).fill(ANSWER)
      await own.getByRole('button', { name: 'Transmettre les pièces' }).click()
      await own
        .getByRole('heading', { level: 1, name: 'Préinscription en attente de validation' })
        .waitFor()
      await applicant.close()

      /** Back in « Dossiers à traiter »; validated */
      await signIn(page, 'caissehdf')
      await page.goto(`${origin}/caisse/dossiers`)
      await page.getByRole('link', { name: partnerName }).click()
      await page.assertVisible(page.getByText(ANSWER).first())
      await page.getByRole('button', { name: 'Valider', exact: true }).click()
      await saved(page, /Décision enregistrée : Préinscription validée/)

      await record.refresh()
      assert.equal(record.state, 'validated')
      const stored = await WorkflowInstance.findOrFail(record.id)
      assert.equal(stored.snapshot.context.pieces, ANSWER)
    })
  }
)

/**
 * « Ajouter une action » on the transition « Demander des pièces »:
 * sendPersonalLink, the new template, to the administrator's address
 */
async function addPersonalLinkAction(page: Page) {
  await page
    .getByRole('button', { name: /^Ajouter une action à « Demander des pièces » de « / })
    .click()
  const form = page.getByRole('form', {
    name: /^Ajouter une action à « Demander des pièces » de « /,
  })
  await form.getByRole('combobox', { name: /^Action/ }).click()
  await page.getByRole('option', { name: /^sendPersonalLink/ }).click()
  await form.getByRole('combobox', { name: /^Modèle de mail/ }).click()
  await page.getByRole('option', { name: /^pieces_demandees/ }).click()
  await form.getByLabel(/^Destinataire/).fill('context.adminEmail')
  await form.getByLabel(/^Validité du lien \(jours\)/).fill('5')
  await form.getByRole('button', { name: 'Ajouter l’action' }).click()
  await saved(page, 'L’action « sendPersonalLink » est ajoutée.')
  const added = page
    .getByRole('list', { name: /^Actions de « Demander des pièces » de « / })
    .getByRole('listitem')
    .filter({ hasText: 'sendPersonalLink' })
  await page.assertVisible(added.getByText('context.adminEmail'))
}
