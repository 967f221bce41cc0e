import { useForm } from '@inertiajs/react'
import { Button, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import ErrorSummary from './error_summary'

type Option = { value: string; label: string }

/** The lists of the form, as app/services/administration/conventions.ts shapes them */
export type ConventionChoices = {
  regimes: Option[]
  caissesByRegime: Record<string, Option[]>
  types: Option[]
}

export type ConventionForm = {
  regimeId: string
  caisseId: string
  conventionTypeId: string
  code: string
}

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
  codeMaxLength,
  errors,
}: {
  values: ConventionForm
  choices: ConventionChoices
  codeMaxLength: number
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
          <TextInput
            label="Code convention"
            name="code"
            required
            maxLength={codeMaxLength}
            value={form.data.code}
            error={errors.code}
            errorProps={{ role: 'alert' }}
            onChange={(event) => form.setData('code', event.currentTarget.value)}
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
