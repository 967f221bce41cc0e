import factory from '@adonisjs/lucid/factories'
import Convention from '#models/convention'
import Caisse from '#models/caisse'

export const ConventionFactory = factory
  .define(Convention, async ({ faker, $trx }) => {
    const caisse = await Caisse.query({ client: $trx }).orderBy('id').firstOrFail()
    return {
      caisseId: caisse.id,
      code: faker.string.alphanumeric({ length: 8, casing: 'upper' }),
      state: 'validated' as const,
    }
  })
  .state('pending', (convention) => (convention.state = 'pending'))
  .build()
