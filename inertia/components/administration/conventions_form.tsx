import { useForm } from '@inertiajs/react'
import { Button, Select, Stack, Text, Title } from '@mantine/core'
import type { ConventionChoices } from '#transformers/administration/conventions'
import type {
  ConventionForm,
  RegistrationPageProps,
} from '#transformers/administration/registration'
import ErrorSummary from '~/components/error_summary'
import FieldRow from '~/components/field_row'

const FIELDS = ['regimeId', 'caisseId', 'conventionTypeId', 'code'] as const
const EMPTY: ConventionForm = { regimeId: '', caisseId: '', conventionTypeId: '', code: '' }

/**
 * M8 « Ajouter une convention » (the manual's 2.6): régime, then a caisse
 * of that régime, the type and the code transmitted by the caisse; after
 * « Valider » the convention is listed « en attente de validation » until
 * the caisse's regional administrator decides.
 */
export default function ConventionsForm({
  values,
  choices,
  limits,
  errors,
}: {
  values: ConventionForm
  choices: ConventionChoices
  limits: RegistrationPageProps['limits']['convention']
  errors: Record<string, string>
}) {
  const form = useForm<ConventionForm>({ ...EMPTY, ...values })
  const caisses = form.data.regimeId ? (choices.caissesByRegime[form.data.regimeId] ?? []) : []

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post('/administration/conventions', {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: () => {
        form.setDefaults(EMPTY)
        form.setData(EMPTY)
      },
    })
  }

  const select = (name: Exclude<(typeof FIELDS)[number], 'code'>) => ({
    name,
    value: form.data[name] || null,
    error: errors[name],
    errorProps: { role: 'alert' },
    required: true,
    searchable: true,
    allowDeselect: false,
    placeholder: 'Choisissez',
    nothingFoundMessage: 'Aucun choix ne correspond',
    comboboxProps: { withinPortal: true },
  })

  return (
    <section aria-labelledby="ajout-convention-titre">
      <Title order={2} size="h3" id="ajout-convention-titre" mt="xl" mb="sm">
        Ajouter une convention
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby="ajout-convention-titre">
        <Text size="sm" c="dimmed" mb="md">
          Le code convention est celui que la caisse de retraite vous a transmis. Les champs marqués
          d’un astérisque (*) sont obligatoires.
        </Text>
        <ErrorSummary errors={errors} fields={FIELDS} />
        <Stack maw={560}>
          <Select
            label="Régime"
            data={choices.regimes}
            {...select('regimeId')}
            onChange={(next) =>
              form.setData((data) => ({ ...data, regimeId: next ?? '', caisseId: '' }))
            }
          />
          <Select
            label="Caisse"
            data={caisses}
            {...select('caisseId')}
            placeholder={form.data.regimeId ? 'Choisissez' : 'Choisissez d’abord le régime'}
            disabled={!form.data.regimeId && !errors.caisseId}
            onChange={(next) => form.setData('caisseId', next ?? '')}
          />
          <Select
            label="Type de convention"
            data={choices.types}
            {...select('conventionTypeId')}
            onChange={(next) => form.setData('conventionTypeId', next ?? '')}
          />
          <FieldRow
            form={form}
            errors={errors}
            name="code"
            label="Code convention"
            required
            maxLength={limits.code}
          />
          <div>
            <Button type="submit" loading={form.processing}>
              Valider
            </Button>
          </div>
        </Stack>
      </form>
    </section>
  )
}
