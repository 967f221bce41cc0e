import { useForm } from '@inertiajs/react'
import { Button, Stack, Text } from '@mantine/core'
import type { PartnerForm, RegistrationPageProps } from '#transformers/administration/registration'
import ErrorSummary from '~/components/error_summary'
import FieldRow from '~/components/field_row'

const FIELDS = ['name', 'siret', 'email', 'phone'] as const

/**
 * M1 « Partenaires »: nom, SIRET, email, téléphone, then « Valider ». A
 * refusal keeps what was typed, with the message under each field; after a
 * success the form shows the stored values (a phone number as « nn nn nn nn nn »).
 */
export default function PartnerDetailsForm({
  values,
  limits,
  errors,
}: {
  values: PartnerForm
  limits: RegistrationPageProps['limits']['partner']
  errors: Record<string, string>
}) {
  const form = useForm<PartnerForm>(values)

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.put('/administration/partenaire', {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: (page) => {
        const stored = (page.props as unknown as RegistrationPageProps).forms.partner
        form.setDefaults(stored)
        form.setData(stored)
      },
    })
  }

  const row = { form, errors }
  return (
    <form onSubmit={submit} noValidate aria-label="Informations du partenaire">
      <Text size="sm" c="dimmed" mb="md">
        Les champs marqués d’un astérisque (*) sont obligatoires.
      </Text>
      <ErrorSummary errors={errors} fields={FIELDS} />
      <Stack maw={560}>
        <FieldRow {...row} name="name" label="Nom partenaire" required maxLength={limits.name} />
        <FieldRow
          {...row}
          name="siret"
          label="SIRET"
          description="14 chiffres."
          inputMode="numeric"
          maxLength={limits.siret}
        />
        <FieldRow
          {...row}
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          maxLength={limits.email}
        />
        <FieldRow
          {...row}
          name="phone"
          label="Téléphone"
          description="Au format « nn nn nn nn nn » (10 chiffres)."
          type="tel"
          autoComplete="tel"
          maxLength={limits.phone}
        />
        <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
          Valider
        </Button>
      </Stack>
    </form>
  )
}
