import { useForm } from '@inertiajs/react'
import { Button, Stack, Text, TextInput } from '@mantine/core'
import ErrorSummary from './error_summary'
import { FIELD_LENGTHS, type AdministrationProps, type PartnerForm } from './types'

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
  limits: AdministrationProps['limits']
  errors: Record<string, string>
}) {
  const form = useForm<PartnerForm>(values)

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.put('/administration/partenaire', {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: (page) => {
        const stored = (page.props as unknown as AdministrationProps).forms.partner
        form.setDefaults(stored)
        form.setData(stored)
      },
    })
  }

  const field = (name: (typeof FIELDS)[number]) => ({
    name,
    value: form.data[name],
    error: errors[name],
    errorProps: { role: 'alert' },
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      form.setData(name, event.currentTarget.value),
  })

  return (
    <form onSubmit={submit} noValidate aria-label="Informations du partenaire">
      <Text size="sm" c="dimmed" mb="md">
        Les champs marqués d’un astérisque (*) sont obligatoires.
      </Text>
      <ErrorSummary errors={errors} fields={FIELDS} />
      <Stack maw={560}>
        <TextInput label="Nom partenaire" required maxLength={limits.name} {...field('name')} />
        <TextInput
          label="SIRET"
          description="14 chiffres."
          inputMode="numeric"
          maxLength={FIELD_LENGTHS.siret}
          {...field('siret')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          maxLength={FIELD_LENGTHS.email}
          {...field('email')}
        />
        <TextInput
          label="Téléphone"
          description="Au format « nn nn nn nn nn » (10 chiffres)."
          type="tel"
          autoComplete="tel"
          maxLength={FIELD_LENGTHS.phone}
          {...field('phone')}
        />
        <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
          Valider
        </Button>
      </Stack>
    </form>
  )
}
