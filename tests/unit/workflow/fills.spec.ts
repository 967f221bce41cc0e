import { test } from '@japa/runner'
import { readFills } from '#workflow/registry'
import { WorkflowEventRejectedError } from '#workflow/errors'
import { ONBOARDING_TARGETS, onboardingValuesOf } from '#services/onboarding/partner'
import { LEGACY_FILLS } from '#workflow_actions/preinscription'

const CONTEXT = {
  partnerName: '  Association Ciel Bleu ',
  partnerType: 2,
  siret: '',
  caisse: '3',
  conventionCode: '757300',
  adminLogin: 'Alex7',
  adminLastName: 'GRIZZI',
  adminFirstName: 'Alexandre',
  adminEmail: 'alex7@cielbleu.fr',
  adminPhone: null,
  postalCode: '62000',
  city: 'Arras',
}

test.group('R6 S5 an effect action reads its domain objects through the mapping', () => {
  test('S5 each attribute takes the key the mapping names: trimmed, empty or absent is null', ({
    assert,
  }) => {
    const values = onboardingValuesOf(readFills(ONBOARDING_TARGETS, LEGACY_FILLS, CONTEXT))
    assert.deepEqual(values.partner, {
      name: 'Association Ciel Bleu',
      siret: null,
      email: null,
      phone: null,
      partnerTypeId: 2,
    })
    assert.equal(values.convention.caisseId, 3)
    assert.isNull(values.convention.conventionTypeId, 'not in the record')
    assert.isNull(values.administrator.phone)
    assert.equal(values.address.companyName, 'Association Ciel Bleu')
  })

  test('S5 another mapping reads other keys, with no code', ({ assert }) => {
    const fills = structuredClone(LEGACY_FILLS)
    fills.partner.email = 'adminEmail'
    const values = onboardingValuesOf(readFills(ONBOARDING_TARGETS, fills, CONTEXT))
    assert.equal(values.partner.email, 'alex7@cielbleu.fr')
  })

  test('R6 a required attribute without a value refuses the event in French (422), before any write', ({
    assert,
  }) => {
    const error = (() => {
      try {
        readFills(ONBOARDING_TARGETS, LEGACY_FILLS, { ...CONTEXT, city: '  ' })
      } catch (caught) {
        return caught
      }
    })()
    assert.instanceOf(error, WorkflowEventRejectedError)
    assert.include((error as Error).message, "« Nom commune » (l'adresse du partenaire)")
  })
})
