import { useEffect, useRef } from 'react'
import { router, useForm } from '@inertiajs/react'
import { Button, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core'
import type {
  NewCaisseAdministratorForm,
  ReferenceDataPageProps,
  ReferenceRowProps,
} from '#transformers/studio/reference_data'
import ErrorSummary from '~/components/error_summary'
import FieldRow from '~/components/field_row'

const NEW_FIELDS = ['lastName', 'firstName', 'email', 'phone', 'login'] as const
const EMPTY: NewCaisseAdministratorForm = {
  lastName: '',
  firstName: '',
  email: '',
  phone: '',
  login: '',
}

/**
 * S1 the administrators of one caisse: who sees its items in « Dossiers à
 * traiter ». « Retirer » one, « Rattacher » an existing caisse
 * administrator, or « Créer » one, who gets a temporary password by mail.
 * It opens under the table with the focus on its title.
 */
export default function CaisseAdministratorsPanel({
  props,
  caisse,
  errors,
  onClose,
}: {
  props: ReferenceDataPageProps
  caisse: ReferenceRowProps
  errors: Record<string, string>
  onClose: () => void
}) {
  const attached = props.administrators[String(caisse.id)] ?? []
  const choices = props.administratorChoices.filter(
    (choice) => !attached.some((administrator) => String(administrator.id) === choice.value)
  )
  const typed = props.typed.administrators
  const attach = useForm({ userId: '' })
  const create = useForm<NewCaisseAdministratorForm>({ ...EMPTY, ...(typed?.values ?? {}) })
  const title = useRef<HTMLHeadingElement>(null)
  const titleId = `administrateurs-${caisse.id}-titre`
  const base = `/atelier/referentiels/caisses/${caisse.id}/administrateurs`
  /** The errors of the form that was refused */
  const attachErrors = typed && typed.values === null ? errors : {}
  const createErrors = typed && typed.values !== null ? errors : {}

  useEffect(() => {
    title.current?.focus()
  }, [caisse.id])

  const options = { preserveScroll: true, preserveUrl: true }
  const detach = (userId: number) => router.delete(`${base}/${userId}`, { preserveScroll: true })

  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} ref={title} tabIndex={-1} mb="sm">
        Administrateurs de « {caisse.label} »
      </Title>
      {attached.length === 0 ? (
        <Text mb="md">
          Aucun administrateur : les dossiers de cette caisse n’ont pas de lecteur.
        </Text>
      ) : (
        <List mb="md" spacing="xs" listStyleType="none" aria-label="Administrateurs rattachés">
          {attached.map((administrator) => (
            <List.Item key={administrator.id}>
              <Group gap="sm">
                <Text>
                  {administrator.name} ({administrator.login}) – {administrator.email}
                </Text>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={`Retirer ${administrator.name} de la caisse`}
                  onClick={() => detach(administrator.id)}
                >
                  Retirer
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}

      <form
        noValidate
        aria-label="Rattacher un administrateur existant"
        onSubmit={(event) => {
          event.preventDefault()
          attach.post(base, options)
        }}
      >
        <Group align="flex-end" mb="lg">
          <Select
            label="Administrateur à rattacher"
            name="userId"
            data={choices}
            value={attach.data.userId || null}
            onChange={(next) => attach.setData('userId', next ?? '')}
            error={attachErrors.userId}
            errorProps={{ role: 'alert' }}
            searchable
            placeholder="Choisissez"
            nothingFoundMessage="Aucun administrateur caisse ne correspond"
            miw={320}
          />
          <Button type="submit" loading={attach.processing}>
            Rattacher
          </Button>
        </Group>
      </form>

      <Title order={3} size="h5" mb="xs" id={`creer-${caisse.id}-titre`}>
        Créer un administrateur
      </Title>
      <form
        noValidate
        aria-labelledby={`creer-${caisse.id}-titre`}
        onSubmit={(event) => {
          event.preventDefault()
          create.post(`${base}/nouveau`, options)
        }}
      >
        <Text size="sm" c="dimmed" mb="sm">
          Son mot de passe temporaire lui est envoyé par email ; il le change à sa première
          connexion. Les champs marqués d’un astérisque (*) sont obligatoires.
        </Text>
        <ErrorSummary errors={createErrors} fields={NEW_FIELDS} />
        <Stack maw={560}>
          <FieldRow
            form={create}
            errors={createErrors}
            name="lastName"
            label="Nom"
            required
            maxLength={100}
          />
          <FieldRow
            form={create}
            errors={createErrors}
            name="firstName"
            label="Prénom"
            required
            maxLength={100}
          />
          <FieldRow
            form={create}
            errors={createErrors}
            name="email"
            label="Email"
            type="email"
            required
            maxLength={254}
          />
          <FieldRow
            form={create}
            errors={createErrors}
            name="phone"
            label="Téléphone"
            type="tel"
            maxLength={14}
          />
          <FieldRow
            form={create}
            errors={createErrors}
            name="login"
            label="Login"
            description="Lettres et chiffres, sans accent ni espace."
            required
            autoCapitalize="none"
            spellCheck={false}
            maxLength={50}
          />
          <Group>
            <Button type="submit" loading={create.processing}>
              Créer
            </Button>
            <Button type="button" variant="default" onClick={onClose}>
              Fermer
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
