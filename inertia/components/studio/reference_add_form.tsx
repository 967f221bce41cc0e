import { useForm } from '@inertiajs/react'
import { Button, Select, Stack, Text, Title } from '@mantine/core'
import type {
  NewReferenceRowForm,
  ReferenceDataPageProps,
} from '#transformers/studio/reference_data'
import ErrorSummary from '~/components/error_summary'
import FieldRow from '~/components/field_row'

const FIELDS = ['code', 'label', 'regimeId', 'contactEmail'] as const
const EMPTY: NewReferenceRowForm = { code: '', label: '', regimeId: '', contactEmail: '' }

/**
 * S1 « Ajouter »: code, libellé and, for a caisse, its régime and contact
 * email. The new row is offered at once in the forms that use the list.
 */
export default function ReferenceAddForm({
  props,
  errors,
}: {
  props: ReferenceDataPageProps
  errors: Record<string, string>
}) {
  const { list, limits, regimes } = props
  const form = useForm<NewReferenceRowForm>({ ...EMPTY, ...props.typed.adding })
  const titleId = 'ajout-referentiel-titre'

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post(`/atelier/referentiels/${list.key}`, {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: () => {
        form.setDefaults(EMPTY)
        form.setData(EMPTY)
      },
    })
  }

  const row = { form, errors }
  return (
    <section aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mt="xl" mb="sm">
        Ajouter à la liste « {list.title} »
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <Text size="sm" c="dimmed" mb="md">
          Le code ne change plus une fois créé ; le libellé est ce que voient les partenaires et les
          caisses. Les champs marqués d’un astérisque (*) sont obligatoires.
        </Text>
        <ErrorSummary errors={errors} fields={FIELDS} />
        <Stack maw={560}>
          {list.inRegime && (
            <Select
              label="Régime"
              name="regimeId"
              data={regimes}
              value={form.data.regimeId || null}
              onChange={(next) => form.setData((data) => ({ ...data, regimeId: next ?? '' }))}
              error={errors.regimeId}
              errorProps={{ role: 'alert' }}
              required
              searchable
              allowDeselect={false}
              placeholder="Choisissez"
              nothingFoundMessage="Aucun régime ne correspond"
            />
          )}
          <FieldRow
            {...row}
            name="code"
            label="Code"
            description="Lettres sans accent, chiffres, « - » et « _ » ; enregistré en majuscules."
            required
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={limits.code}
          />
          <FieldRow {...row} name="label" label="Libellé" required maxLength={limits.label} />
          {list.hasContactEmail && (
            <FieldRow
              {...row}
              name="contactEmail"
              label="Email de contact"
              type="email"
              maxLength={limits.contactEmail}
            />
          )}
          <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
            Ajouter
          </Button>
        </Stack>
      </form>
    </section>
  )
}
