import { useForm } from '@inertiajs/react'
import { Button, Checkbox, Stack, Text, TextInput, Title } from '@mantine/core'
import ErrorSummary from './error_summary'
import { FIELD_LENGTHS, type AdministrationProps, type UserDetails, type UserRow } from './types'

type UserFormData = {
  lastName: string
  firstName: string
  phone: string
  email: string
  login: string
  isAdministrator: boolean
}

const FIELDS = ['lastName', 'firstName', 'phone', 'email', 'login', 'isAdministrator'] as const

const EMPTY: UserFormData = {
  lastName: '',
  firstName: '',
  phone: '',
  email: '',
  login: '',
  isAdministrator: false,
}

/** Bounds of the users table (database/migrations) */
const LENGTHS = { lastName: 100, firstName: 100, login: 50 } as const

/**
 * M2 a new user (nom, prénom, téléphone, email, login, « Administrateur »)
 * or M3 M4 an opened one: the login is shown read-only, and the
 * « Administrateur » checkbox is absent on the administrator's own account.
 * A refusal keeps what was typed, with the message under each field.
 */
export default function UserForm({
  user,
  details,
  isSelf,
  errors,
}: {
  /** Null: a new user */
  user: UserRow | null
  details?: UserDetails
  isSelf: boolean
  errors: Record<string, string>
}) {
  const form = useForm<UserFormData>(
    user
      ? {
          lastName: user.lastName,
          firstName: user.firstName,
          phone: details?.phone ?? '',
          email: details?.email ?? '',
          login: user.login,
          isAdministrator: user.isAdministrator,
        }
      : EMPTY
  )
  const titleId = user ? `utilisateur-${user.id}-titre` : 'nouvel-utilisateur-titre'

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const options = { preserveScroll: true, preserveState: true, preserveUrl: true }
    if (!user) {
      form.post('/administration/utilisateurs', { ...options, onSuccess: () => form.reset() })
      return
    }
    /** Never the administrator's own status: the field is not on their screen */
    form.transform((data) => {
      const { isAdministrator, ...rest } = data
      return isSelf ? rest : { ...rest, isAdministrator }
    })
    form.put(`/administration/utilisateurs/${user.id}`, {
      ...options,
      /** The stored values, as stored (a phone number as « nn nn nn nn nn ») */
      onSuccess: (page) => {
        const props = page.props as unknown as AdministrationProps
        const row = props.users.find((candidate) => candidate.id === user.id)
        const stored = props.userDetails[String(user.id)]
        if (!row || !stored) return
        const values = {
          lastName: row.lastName,
          firstName: row.firstName,
          phone: stored.phone,
          email: stored.email,
          login: row.login,
          isAdministrator: row.isAdministrator,
        }
        form.setDefaults(values)
        form.setData(values)
      },
    })
  }

  const field = (name: Exclude<keyof UserFormData, 'isAdministrator'>) => ({
    name,
    value: form.data[name],
    error: errors[name],
    errorProps: { role: 'alert' },
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      form.setData(name, event.currentTarget.value),
  })

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mt="xl" mb="xs">
        {user ? `Modifier l’utilisateur ${user.login}` : 'Nouvel utilisateur'}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Les champs marqués d’un astérisque (*) sont obligatoires.
      </Text>
      <ErrorSummary errors={errors} fields={FIELDS} />
      <Stack maw={560}>
        <TextInput
          label="Nom"
          required
          autoComplete="off"
          maxLength={LENGTHS.lastName}
          {...field('lastName')}
        />
        <TextInput
          label="Prénom"
          required
          autoComplete="off"
          maxLength={LENGTHS.firstName}
          {...field('firstName')}
        />
        <TextInput
          label="Téléphone"
          description="Sous la forme « nn nn nn nn nn »."
          inputMode="tel"
          autoComplete="off"
          maxLength={FIELD_LENGTHS.phone}
          {...field('phone')}
        />
        <TextInput
          label="Email"
          required
          type="email"
          autoComplete="off"
          maxLength={FIELD_LENGTHS.email}
          {...field('email')}
        />
        {user ? (
          <TextInput
            label="Login"
            description="Le login ne peut pas être modifié."
            value={user.login}
            readOnly
            error={errors.login}
            errorProps={{ role: 'alert' }}
          />
        ) : (
          <TextInput
            label="Login"
            required
            description="Lettres et chiffres, sans accent, espace ni caractère spécial ; différent pour chaque utilisateur."
            autoComplete="off"
            maxLength={LENGTHS.login}
            {...field('login')}
          />
        )}
        {isSelf ? (
          <Text size="sm">
            Statut : {user?.status}. Vous ne pouvez pas modifier votre propre statut «
            Administrateur ».
          </Text>
        ) : (
          <Checkbox
            label="Administrateur"
            name="isAdministrator"
            checked={form.data.isAdministrator}
            error={errors.isAdministrator}
            onChange={(event) => form.setData('isAdministrator', event.currentTarget.checked)}
          />
        )}
        <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
          Valider
        </Button>
      </Stack>
    </form>
  )
}
