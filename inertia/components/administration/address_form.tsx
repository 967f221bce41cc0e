import { useForm } from '@inertiajs/react'
import { Button, Stack, Text, TextInput } from '@mantine/core'
import ErrorSummary from './error_summary'
import { FIELD_LENGTHS, type AddressForm, type AdministrationProps } from './types'

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
  limits: AdministrationProps['limits']
  errors: Record<string, string>
}) {
  const form = useForm<Record<Editable, string>>(editableOf(values))

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.put('/administration/adresse', {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: (page) => {
        const stored = editableOf((page.props as unknown as AdministrationProps).forms.address)
        form.setDefaults(stored)
        form.setData(stored)
      },
    })
  }

  const field = (name: Editable) => ({
    name,
    value: form.data[name],
    error: errors[name],
    errorProps: { role: 'alert' },
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      form.setData(name, event.currentTarget.value),
  })

  return (
    <form onSubmit={submit} noValidate aria-label="Adresse du partenaire">
      <Text size="sm" c="dimmed" mb="md">
        Les champs marqués d’un astérisque (*) sont obligatoires.
      </Text>
      <ErrorSummary errors={errors} fields={[...FIELDS, 'companyName']} />
      <Stack maw={560}>
        <TextInput
          label="Raison sociale"
          description="Fixée lors de l’inscription : elle ne peut pas être modifiée."
          value={values.companyName}
          readOnly
          error={errors.companyName}
          errorProps={{ role: 'alert' }}
        />
        <TextInput
          label="Identité destinataire"
          maxLength={limits.recipient}
          {...field('recipient')}
        />
        <TextInput
          label="Voie"
          autoComplete="address-line1"
          maxLength={limits.street}
          {...field('street')}
        />
        <TextInput
          label="Complément d’adresse"
          autoComplete="address-line2"
          maxLength={limits.complement}
          {...field('complement')}
        />
        <TextInput label="Boîte postale" maxLength={limits.poBox} {...field('poBox')} />
        <TextInput
          label="CP"
          description="5 chiffres, par exemple 62000."
          required
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={FIELD_LENGTHS.postalCode}
          {...field('postalCode')}
        />
        <TextInput
          label="Nom commune"
          required
          autoComplete="address-level2"
          maxLength={limits.city}
          {...field('city')}
        />
        <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
          Valider
        </Button>
      </Stack>
    </form>
  )
}
