import { test } from '@japa/runner'
import type { Locator, Page } from 'playwright'
import StudioScenario from '#models/studio_scenario'
import { changeDraft, createDraft, draftOf } from '#services/studio/drafts'
import { validateDefinition } from '#workflow/static_validator'
import type { WorkflowDefinitionBody } from '#workflow/types'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { signIn } from '#tests/helpers/browser_session'
import { tabTo } from '#tests/helpers/keyboard'
import { analyst, rowCounts } from '#tests/functional/studio/support'

/**
 * FEATURES scenario 6 in Chromium: the analyst simulates the draft of
 * scenario 4 (« Pièces complémentaires demandées » between the submission
 * of a pre-registration and the caisse's decision) from the start to the
 * validation — the visitor fills the real form's lists, the caisse asks for
 * pieces, the visitor answers, the caisse validates —, seeing the mails that
 * would go; saves the run as a scenario and replays it. Afterwards no record,
 * no audit row of the engine and no mail in the outbox was written; only the
 * studio's scenario row.
 */

const KEY = 'preinscription'
const PIECES = 'Pièces complémentaires demandées'
const SCENARIO = 'Pièces puis validation'
const EMAIL = 'claire.simulation@example.fr'
/** What a real run would write; the simulation must leave them as they are */
const RECORD_TABLES = ['workflow_instances', 'workflow_transitions', 'outbox_messages']

/**
 * Scenario 4's draft as the studio's editors make it: the new state with its
 * page, the caisse's « Demander des pièces » (a message, mailed to the
 * applicant with sendMail) and the applicant's « Transmettre les pièces »
 */
function withPiecesRequest(body: WorkflowDefinitionBody) {
  const states = body.machine.states as Record<string, { on?: Record<string, unknown> }>
  states.submitted.on = {
    ...states.submitted.on,
    DEMANDER_PIECES: {
      target: 'pieces_demandees',
      actions: [
        { type: 'sendMail', params: { template: 'pieces_demandees', to: 'context.adminEmail' } },
      ],
    },
  }
  states.pieces_demandees = { on: { TRANSMETTRE_PIECES: { target: 'submitted' } } }
  body.forms.DEMANDER_PIECES = {
    submitLabel: 'Demander des pièces',
    fields: [
      {
        name: 'message',
        label: 'Pièces demandées',
        type: 'textarea',
        required: true,
        maxLength: 2000,
      },
    ],
  }
  body.forms.TRANSMETTRE_PIECES = {
    submitLabel: 'Transmettre les pièces',
    fields: [
      { name: 'pieces', label: 'Votre réponse', type: 'textarea', required: true, maxLength: 4000 },
    ],
  }
  body.permissions.DEMANDER_PIECES = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.permissions.TRANSMETTRE_PIECES = [{ role: 'visitor', scope: 'any' }]
  body.events = {
    ...body.events,
    DEMANDER_PIECES: { label: 'Demander des pièces' },
    TRANSMETTRE_PIECES: { label: 'Transmettre les pièces' },
  }
  body.screens.pieces_demandees = {
    page: 'workflow/step',
    title: PIECES,
    text: 'La caisse a besoin de pièces complémentaires pour décider : répondez-lui ci-dessous.',
  }
  body.notifications.pieces_demandees = {
    subject: 'PPAS – Pièces complémentaires pour « {{partnerName}} »',
    text: 'Bonjour {{adminFirstName}} {{adminLastName}},\n\nPour décider de la préinscription de « {{partnerName}} », la caisse vous demande :\n{{message}}\n\nLe Portail Partenaires Action Sociale',
  }
  return body
}

/** A Mantine Select of the simulated form: its combobox by label, then the option */
async function choose(page: Page, scope: Locator, label: RegExp, option: string) {
  await scope.getByRole('combobox', { name: label }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

/** « Qui agit » */
async function actAs(page: Page, panel: Locator, role: string) {
  await panel.getByRole('combobox', { name: 'Qui agit' }).click()
  await page.getByRole('option', { name: role, exact: true }).click()
}

/** One of the actions offered to whoever acts, then « Envoyer » after `fill` */
async function send(panel: Locator, actor: string, event: string, fill?: () => Promise<void>) {
  await panel
    .getByRole('group', { name: `Actions possibles pour un ${actor}` })
    .getByRole('button', { name: event, exact: true })
    .click()
  if (fill) await fill()
  await panel.getByRole('button', { name: 'Envoyer', exact: true }).click()
}

test.group('Scenario 6 « Simuler » the draft of scenario 4', () => {
  test('S7 scenario 6: the analyst simulates the pieces request from the start to the validation, sees the mails, saves and replays the run; no record, audit row or mail was written', async ({
    visit,
    assert,
  }) => {
    /** The draft of scenario 4, through the studio's own service functions */
    const existing = await draftOf(KEY)
    if (existing) await existing.delete()
    await StudioScenario.query().where('workflowKey', KEY).delete()
    await createDraft(KEY, await analyst())
    const draft = await changeDraft(KEY, await analyst(), (body) => ({
      body: withPiecesRequest(body),
      changes: { 'machine.states.pieces_demandees': { before: null, after: PIECES } },
    }))
    assert.deepEqual(await validateDefinition(draft.body), [])
    const before = await rowCounts(RECORD_TABLES)

    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await page.goto(new URL(`/atelier/parcours/${KEY}/brouillon`, page.url()).toString())
    const panel = page.getByRole('region', { name: 'Simuler' })
    await panel.getByRole('button', { name: 'Simuler', exact: true }).click()
    const now = (title: string | RegExp) =>
      page.assertVisible(
        panel.getByText(
          typeof title === 'string' ? `État actuel : ${title}` : title,
          typeof title === 'string' ? { exact: true } : undefined
        )
      )
    await now('Conditions générales')

    /** The visitor: the conditions, the code, the form with the real form's lists */
    await send(panel, 'visiteur', 'Valider', () => panel.getByLabel(/J’accepte/).check())
    await now('Code convention')
    await send(panel, 'visiteur', 'OK')
    await now('Formulaire de préinscription')
    await send(panel, 'visiteur', 'Enregistrer', async () => {
      const partner = panel.getByRole('group', { name: 'Informations partenaire' })
      await choose(page, partner, /^Régime/, 'CNAV – régime général')
      await choose(page, partner, /^Caisse/, 'CARSAT Hauts-de-France')
      await partner.getByRole('textbox', { name: /^Code convention/ }).fill('757999')
      await choose(page, partner, /^Type partenaire/, 'Structure d’évaluation')
      await partner.getByRole('textbox', { name: /^Nom partenaire/ }).fill('Association Simulée')
      const admin = panel.getByRole('group', { name: 'Administrateur' })
      await admin.getByRole('textbox', { name: /^Nom/ }).fill('SIMON')
      await admin.getByRole('textbox', { name: /^Prénom/ }).fill('Claire')
      await admin.getByRole('textbox', { name: /^Login/ }).fill('ClaireSimu6')
      await admin.getByRole('textbox', { name: /^Téléphone/ }).fill('06 12 34 56 78')
      await admin.getByRole('textbox', { name: /^Email/ }).fill(EMAIL)
      const address = panel.getByRole('group', { name: 'Adresse' })
      await address.getByRole('textbox', { name: /^CP/ }).fill('62000')
      await address.getByRole('textbox', { name: /^Nom commune/ }).fill('Arras')
      await panel.getByRole('textbox', { name: /^Captcha/ }).fill('simulation')
    })
    await page.assertVisible(
      panel.getByText(/par un visiteur : Formulaire de préinscription → /).first()
    )
    /** The mail the applicant would receive, rendered with what was typed */
    await page.assertVisible(
      panel.getByText(new RegExp(`à ${EMAIL.replaceAll('.', '\\.')}$`)).first()
    )

    /** The caisse asks for pieces; the applicant answers; the caisse validates */
    await actAs(page, panel, 'administrateur caisse')
    await send(panel, 'administrateur caisse', 'Demander des pièces', () =>
      panel.getByRole('textbox', { name: /^Pièces demandées/ }).fill('Le dernier bilan, svp.')
    )
    await now(PIECES)
    const asked = panel.getByText(
      `« PPAS – Pièces complémentaires pour « Association Simulée » » à ${EMAIL}`
    )
    await page.assertVisible(asked)
    await asked.click()
    await page.assertVisible(panel.getByText(/la caisse vous demande :\s*Le dernier bilan, svp\./))

    await actAs(page, panel, 'visiteur')
    await send(panel, 'visiteur', 'Transmettre les pièces', () =>
      panel.getByRole('textbox', { name: /^Votre réponse/ }).fill('Bilan envoyé par courrier.')
    )
    await page.assertVisible(panel.getByText(new RegExp(`par un visiteur : ${PIECES} → `)))
    await actAs(page, panel, 'administrateur caisse')
    await send(panel, 'administrateur caisse', 'Valider')
    await now(/\(final : le dossier est terminé\)$/)
    await page.assertVisible(panel.getByText(/par un administrateur caisse : .* → /).last())
    await page.assertVisible(
      panel.getByText(new RegExp(`» à ${EMAIL.replaceAll('.', '\\.')}$`)).last()
    )
    await expectNoSeriousA11yViolations(page, 'Scenario 6 simulation')

    /** « Enregistrer le scénario »: a name taken is refused next to the field */
    const saving = panel.getByRole('form', { name: 'Enregistrer le scénario' })
    await saving.getByRole('textbox', { name: /^Nom du scénario/ }).fill(SCENARIO)
    await saving.getByRole('button', { name: 'Enregistrer le scénario' }).click()
    await page.assertVisible(panel.getByText(`Scénario « ${SCENARIO} » enregistré.`))
    await page.assertVisible(panel.getByText(/6 étapes\), enregistré par analyste le/))
    await saving.getByRole('textbox', { name: /^Nom du scénario/ }).fill(SCENARIO)
    await saving.getByRole('button', { name: 'Enregistrer le scénario' }).click()
    const nameField = saving.getByRole('textbox', { name: /^Nom du scénario/ })
    await page.assertVisible(
      saving.getByText('Un scénario de ce parcours porte déjà ce nom : choisissez-en un autre.')
    )
    assert.equal(await nameField.getAttribute('aria-invalid'), 'true')
    await expectNoSeriousA11yViolations(page, 'Scenario 6 name taken')

    /** « Recommencer », then « Rejouer » with the keyboard alone */
    await panel.getByRole('button', { name: 'Recommencer' }).click()
    await now('Conditions générales')
    await nameField.focus()
    const replay = panel.getByRole('button', { name: `Rejouer « ${SCENARIO} »` })
    await tabTo(page, replay, 20)
    await page.keyboard.press('Enter')
    await page.assertVisible(
      panel.getByText(`Scénario « ${SCENARIO} » rejoué : ses 6 étapes passent sur le brouillon.`)
    )
    await now(/\(final : le dossier est terminé\)$/)
    /** The graph marks the states the replay went through */
    await page.assertExists(
      page.locator(`[aria-label="État « ${PIECES} », parcouru par la simulation"]`)
    )
    await expectNoSeriousA11yViolations(page, 'Scenario 6 replay')

    /** Nothing written but the studio's scenario */
    assert.deepEqual(await rowCounts(RECORD_TABLES), before)
    const saved = await StudioScenario.query().where('workflowKey', KEY).where('name', SCENARIO)
    assert.lengthOf(saved, 1)
    assert.deepEqual(
      saved[0].steps.map((step) => [step.event, step.actor]),
      [
        ['ACCEPT_CONDITIONS', 'visitor'],
        ['CONFIRM_CONVENTION_CODE', 'visitor'],
        ['SUBMIT', 'visitor'],
        ['DEMANDER_PIECES', 'caisse_admin'],
        ['TRANSMETTRE_PIECES', 'visitor'],
        ['VALIDATE', 'caisse_admin'],
      ]
    )

    /** « Supprimer »: the list says there is none left */
    await panel.getByRole('button', { name: `Supprimer « ${SCENARIO} »` }).click()
    await page.assertVisible(panel.getByText(`Le scénario « ${SCENARIO} » est supprimé.`))
    await page.assertVisible(panel.getByText('Aucun scénario enregistré pour ce parcours.'))
    assert.lengthOf(await StudioScenario.query().where('workflowKey', KEY), 0)
  })
})
