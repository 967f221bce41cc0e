import { useForm } from '@inertiajs/react'
import { Button, Checkbox, Stack, Text, Title } from '@mantine/core'
import type { RegistrationPageProps } from '#transformers/administration/registration'
import type { UserDetails, UserRow } from '#transformers/administration/users'
import ErrorSummary from '~/components/error_summary'
import FieldRow from '~/components/field_row'

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
  limits,
  errors,
}: {
  /** Null: a new user */
  user: UserRow | null
  details?: UserDetails
  isSelf: boolean
  limits: RegistrationPageProps['limits']['user']
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
        const props = page.props as unknown as RegistrationPageProps
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

  const row = { form, errors }
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
        <FieldRow
          {...row}
          name="lastName"
          label="Nom"
          required
          autoComplete="off"
          maxLength={limits.lastName}
        />
        <FieldRow
          {...row}
          name="firstName"
          label="Prénom"
          required
          autoComplete="off"
          maxLength={limits.firstName}
        />
        <FieldRow
          {...row}
          name="phone"
          label="Téléphone"
          description="Sous la forme « nn nn nn nn nn »."
          inputMode="tel"
          autoComplete="off"
          maxLength={limits.phone}
        />
        <FieldRow
          {...row}
          name="email"
          label="Email"
          required
          type="email"
          autoComplete="off"
          maxLength={limits.email}
        />
        {user ? (
          <FieldRow
            errors={errors}
            name="login"
            label="Login"
            description="Le login ne peut pas être modifié."
            value={user.login}
            readOnly
          />
        ) : (
          <FieldRow
            {...row}
            name="login"
            label="Login"
            required
            description="Lettres et chiffres, sans accent, espace ni caractère spécial ; différent pour chaque utilisateur."
            autoComplete="off"
            maxLength={limits.login}
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
