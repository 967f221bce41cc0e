import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import WorkflowInstance from '#models/workflow_instance'
import { MIGRATE_EVENT } from '#workflow/engine'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { signIn, signOut } from '#tests/helpers/browser_session'
import { tabTo } from '#tests/helpers/keyboard'
import {
  PIECES_TITLE,
  publishPreinscriptionWithPieces,
  submittedPreinscription,
} from '#tests/functional/back_office/support'

/**
 * S10 in Chromium: two pre-registrations wait for their caisse on the
 * shipped version of « preinscription »; scenario 4's version (« Pièces
 * complémentaires demandées ») is published, and they stay on theirs. The
 * analyst opens « Migrer les dossiers » from « Parcours », checks the state
 * list with the keyboard, types the number of records and migrates; the
 * report is listed. The caisse administrator then sees the migration in a
 * record's history and decides it with the new version's « Demander des
 * pièces ».
 */

const PENDING = 'Préinscription en attente de validation'

test.group('S10 « Migrer les dossiers » in Chromium', () => {
  test('S10 the analyst migrates the records of the old version to scenario 4’s; a moved record shows it in its history and the caisse administrator decides it on the new version', async ({
    visit,
    assert,
  }) => {
    const records = [
      await submittedPreinscription({ caisseCode: 'CARSAT-HDF' }),
      await submittedPreinscription({ caisseCode: 'CARSAT-HDF' }),
    ]
    const oldVersion = records[0].definitionId
    const newVersion = await publishPreinscriptionWithPieces()
    const [{ version: from }] = await db
      .from('workflow_definitions')
      .where('id', oldVersion)
      .select('version')
    const [{ version: to }] = await db
      .from('workflow_definitions')
      .where('id', newVersion)
      .select('version')

    const page = await visit('/connexion')
    const origin = new URL(page.url()).origin
    await signIn(page, 'analyste')
    await page.goto(`${origin}/atelier/parcours`)
    await tabTo(
      page,
      page.getByRole('link', {
        name: /^Migrer les dossiers de « Préinscription d.un partenaire »/,
      })
    )
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname === '/atelier/parcours/preinscription/migration')
    await page.assertVisible(page.getByRole('heading', { name: 'Correspondance des états' }))

    /** The state of the old version is mapped to its namesake; the list is worked with the keyboard */
    const target = page.getByRole('combobox', {
      name: `État de la version ${to} pour « ${PENDING} »`,
    })
    assert.equal(await target.inputValue(), 'submitted')
    await tabTo(page, target)
    await page.keyboard.press('Home')
    assert.equal(await target.inputValue(), '')
    await page.assertVisible(
      page.getByText('Les choix ont changé : mettez à jour l’aperçu avant de migrer.')
    )
    for (let presses = 0; presses < 20 && (await target.inputValue()) !== 'submitted'; presses++) {
      await page.keyboard.press('ArrowDown')
    }
    assert.equal(await target.inputValue(), 'submitted')

    const confirmation = page.getByLabel(/^Tapez \d+ pour confirmer/)
    const label = await page.getByText(/^Tapez \d+ pour confirmer/).textContent()
    const movable = Number(/Tapez (\d+)/.exec(label ?? '')?.[1])
    assert.isAtLeast(movable, 2)
    await page.assertVisible(
      page.getByText(
        new RegExp(
          `^${movable} dossiers sur \\d+ seront déplacés de la version ${from} à la version ${to}`
        )
      )
    )
    await expectNoSeriousA11yViolations(page, 'S10 Migrer les dossiers, aperçu')

    /** A wrong number: refused at the field, nothing moved */
    await tabTo(page, confirmation)
    await page.keyboard.type(String(movable + 1))
    await page.keyboard.press('Enter')
    await page.assertVisible(
      page.getByText(
        `Le nombre de dossiers à déplacer est ${movable} : tapez ce nombre pour confirmer.`,
        {
          exact: false,
        }
      )
    )
    await records[0].refresh()
    assert.equal(records[0].definitionId, oldVersion)

    await confirmation.fill(String(movable))
    await page.getByRole('button', { name: 'Migrer les dossiers' }).click()
    await page.assertVisible(
      page.getByText(
        new RegExp(
          `^Migration terminée : ${movable} dossier\\(s\\) déplacé\\(s\\) vers la version ${to}`
        )
      )
    )
    const reports = page.getByRole('region', { name: 'Migrations faites' })
    await page.assertVisible(reports.getByText(`Version ${from} → version ${to}`))
    await page.assertVisible(reports.getByRole('cell', { name: 'terminée' }))
    await expectNoSeriousA11yViolations(page, 'S10 Migrer les dossiers, rapport')
    await signOut(page)

    for (const record of records) {
      await record.refresh()
      assert.equal(record.definitionId, newVersion)
      assert.equal(record.state, 'submitted')
    }
    const audit = await db
      .from('workflow_transitions')
      .where('instance_id', records[0].id)
      .where('event', MIGRATE_EVENT)
      .select('actor_role')
    assert.deepEqual(audit, [{ actor_role: 'analyst' }])

    /** The caisse administrator: the history says it moved; the new version's decision is offered */
    await signIn(page, 'caissehdf')
    await page.goto(`${origin}/caisse/dossiers/${records[0].id}`)
    const history = page.getByRole('table', { name: /Historique du dossier/ })
    await page.assertVisible(
      history.getByText(`Migration de la version ${from} à la version ${to}`)
    )
    const ask = page.getByRole('form', { name: 'Demander des pièces' })
    await ask
      .getByRole('textbox', { name: /^Pièces demandées/ })
      .fill('Merci de joindre le dernier bilan.')
    await ask.getByRole('button', { name: 'Demander des pièces' }).click()
    await page.assertVisible(page.getByText(`Décision enregistrée : ${PIECES_TITLE}.`).first())
    const decided = await WorkflowInstance.findOrFail(records[0].id)
    assert.equal(decided.state, 'pieces_demandees')
    assert.equal(decided.definitionId, newVersion)
  }).timeout(180_000)
})
