import { Head, useForm, usePage } from '@inertiajs/react'
import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core'
import type { ChangePasswordPageProps } from '#transformers/accounts/change_password'
import type { SharedProps } from '~/types'

const FIELDS = [
  { name: 'currentPassword', label: 'Ancien mot de passe', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'Nouveau mot de passe', autoComplete: 'new-password' },
  {
    name: 'confirmation',
    label: 'Confirmer le nouveau mot de passe',
    autoComplete: 'new-password',
  },
] as const

/**
 * A2, A6: « Changer mon mot de passe ». Each refused field shows its own
 * message under it (announced, tied by aria-describedby); the policy is
 * shown under « Nouveau mot de passe ». The fields are emptied after a
 * refusal: passwords are never sent back.
 */
export default function ChangePassword({ forced, policyHint }: ChangePasswordPageProps) {
  const { errors } = usePage<SharedProps>().props
  const form = useForm({ currentPassword: '', newPassword: '', confirmation: '' })
  const hasErrors = FIELDS.some((field) => errors[field.name])

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post('/mot-de-passe', { onFinish: () => form.reset() })
  }

  return (
    <>
      <Head title={hasErrors ? 'Erreur – Changer mon mot de passe' : 'Changer mon mot de passe'} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={520} mx="auto">
        <Title order={1} size="h2" mb="xs">
          Changer mon mot de passe
        </Title>
        {forced && (
          <Alert color="blue" mb="md" title="Première connexion">
            Vous devez changer votre mot de passe avant de poursuivre : l’ancien mot de passe est
            celui reçu par email.
          </Alert>
        )}
        <Text size="sm" c="dimmed" mb="md">
          Les champs marqués d’un astérisque (*) sont obligatoires.
        </Text>
        <form onSubmit={submit} noValidate aria-label="Changer mon mot de passe">
          <Stack>
            {FIELDS.map((field) => (
              <PasswordInput
                key={field.name}
                label={field.label}
                name={field.name}
                autoComplete={field.autoComplete}
                required
                description={field.name === 'newPassword' ? policyHint : undefined}
                value={form.data[field.name]}
                onChange={(event) => form.setData(field.name, event.currentTarget.value)}
                error={errors[field.name]}
                errorProps={{ role: 'alert' }}
                visibilityToggleFocusable
                visibilityToggleButtonProps={{
                  'aria-label': `Afficher le champ « ${field.label} »`,
                }}
              />
            ))}
            <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
              OK
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
