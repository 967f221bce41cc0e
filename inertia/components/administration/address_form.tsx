import { useForm } from '@inertiajs/react'
import { Button, Stack, Text } from '@mantine/core'
import type { AddressForm, RegistrationPageProps } from '#transformers/administration/registration'
import ErrorSummary from '~/components/error_summary'
import FieldRow from '~/components/field_row'

const FIELDS = ['recipient', 'street', 'complement', 'poBox', 'postalCode', 'city'] as const
type Editable = (typeof FIELDS)[number]

/** The values the form sends: never the raison sociale */
function editableOf(values: AddressForm): Record<Editable, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, values[name]])) as Record<Editable, string>
}

/**
 * M7 « Adresse »: every field can be changed or completed except the
 * raison sociale, shown read-only and never sent.
 */
export default function AddressForm({
  values,
  limits,
  errors,
}: {
  values: AddressForm
  limits: RegistrationPageProps['limits']['address']
  errors: Record<string, string>
}) {
  const form = useForm<Record<Editable, string>>(editableOf(values))

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.put('/administration/adresse', {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: (page) => {
        const stored = editableOf((page.props as unknown as RegistrationPageProps).forms.address)
        form.setDefaults(stored)
        form.setData(stored)
      },
    })
  }

  const row = { form, errors }
  return (
    <form onSubmit={submit} noValidate aria-label="Adresse du partenaire">
      <Text size="sm" c="dimmed" mb="md">
        Les champs marqués d’un astérisque (*) sont obligatoires.
      </Text>
      <ErrorSummary errors={errors} fields={[...FIELDS, 'companyName']} />
      <Stack maw={560}>
        <FieldRow
          errors={errors}
          name="companyName"
          label="Raison sociale"
          description="Fixée lors de l’inscription : elle ne peut pas être modifiée."
          value={values.companyName}
          readOnly
        />
        <FieldRow
          {...row}
          name="recipient"
          label="Identité destinataire"
          maxLength={limits.recipient}
        />
        <FieldRow
          {...row}
          name="street"
          label="Voie"
          autoComplete="address-line1"
          maxLength={limits.street}
        />
        <FieldRow
          {...row}
          name="complement"
          label="Complément d’adresse"
          autoComplete="address-line2"
          maxLength={limits.complement}
        />
        <FieldRow {...row} name="poBox" label="Boîte postale" maxLength={limits.poBox} />
        <FieldRow
          {...row}
          name="postalCode"
          label="CP"
          description="5 chiffres, par exemple 62000."
          required
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={limits.postalCode}
        />
        <FieldRow
          {...row}
          name="city"
          label="Nom commune"
          required
          autoComplete="address-level2"
          maxLength={limits.city}
        />
        <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
          Valider
        </Button>
      </Stack>
    </form>
  )
}
