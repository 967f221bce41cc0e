import { router, useForm } from '@inertiajs/react'
import {
  Button,
  Group,
  List,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import type {
  PermissionsEditorProps,
  RuleForm,
  ScreenForm,
} from '#transformers/studio/permissions_editor'
import ErrorSummary from '~/components/error_summary'
import { ProblemsHere, SaveButton, boundText, fieldError } from '~/components/studio/draft_form'

type EventRules = PermissionsEditorProps['events'][number]
type StateScreen = PermissionsEditorProps['screens'][number]
type Problems = Array<{ path: string; message: string }>

/** One event: its rules, each with « Retirer », then « Ajouter » a role and a scope */
function EventPermissions({
  editor,
  entry,
  url,
  errors,
  typed,
  problems,
}: {
  problems: Problems
  editor: PermissionsEditorProps
  entry: EventRules
  url: string
  errors: Record<string, string>
  typed: RuleForm | null
}) {
  const form = useForm<RuleForm>(typed ?? { role: '', scope: '' })
  const id = `permissions-${entry.event}`
  const roleLabel = (role: string) =>
    editor.roles.find((candidate) => candidate.value === role)?.label ?? role

  const submit = (submitted: React.FormEvent) => {
    submitted.preventDefault()
    form.post(url, { preserveScroll: true, preserveUrl: true, onSuccess: () => form.reset() })
  }
  const remove = (role: string, scope: string) =>
    router.delete(`${url}/${role}/${scope}`, {
      preserveScroll: true,
      onSuccess: () => requestAnimationFrame(() => document.getElementById(`${id}-titre`)?.focus()),
    })

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-titre`} id={id}>
      <Title order={4} id={`${id}-titre`} tabIndex={-1} mb="xs">
        {entry.label}{' '}
        <Text span c="dimmed" size="sm">
          ({entry.event})
        </Text>
      </Title>
      <ProblemsHere
        problems={problems}
        prefix={`permissions.${entry.event}`}
        id={`${id}-problemes`}
      />
      {entry.rules.length === 0 ? (
        <Text mb="sm">Personne ne peut l’envoyer : ajoutez une règle avant de publier.</Text>
      ) : (
        <List mb="sm" spacing={4} listStyleType="none" ml={0} pl={0}>
          {entry.rules.map((rule) => (
            <List.Item key={`${rule.role}-${rule.scope}`}>
              <Group gap="sm" wrap="nowrap">
                <Text span>{rule.meaning}</Text>
                <Button
                  size="xs"
                  variant="default"
                  color="red"
                  aria-label={`Retirer « ${rule.meaning} » de « ${entry.label} »`}
                  onClick={() => remove(rule.role, rule.scope)}
                >
                  Retirer
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <form onSubmit={submit} noValidate aria-label={`Ajouter une règle à « ${entry.label} »`}>
        <ErrorSummary errors={errors} fields={['role', 'scope']} />
        <Group align="flex-end" gap="sm">
          <Select
            label="Rôle"
            required
            data={editor.roles}
            value={form.data.role || null}
            onChange={(next) => form.setData('role', next ?? '')}
            placeholder="Choisissez"
            {...fieldError(errors, 'role')}
          />
          <Select
            label="Portée"
            required
            data={editor.scopes}
            value={form.data.scope || null}
            onChange={(next) => form.setData('scope', next ?? '')}
            placeholder="Choisissez"
            miw={280}
            {...fieldError(errors, 'scope')}
          />
          <Button type="submit" loading={form.processing}>
            Ajouter
          </Button>
        </Group>
        {form.data.role && form.data.scope && (
          <Text size="sm" mt="xs" aria-live="polite">
            Nouvelle règle : {roleLabel(form.data.role)},{' '}
            {editor.scopes.find((scope) => scope.value === form.data.scope)?.label}.
          </Text>
        )}
      </form>
    </Paper>
  )
}

/** One state: « Page », « Titre », « Texte », « Enregistrer » */
function StateScreenForm({
  editor,
  screen,
  url,
  errors,
  typed,
  problems,
}: {
  problems: Problems
  editor: PermissionsEditorProps
  screen: StateScreen
  url: string
  errors: Record<string, string>
  typed: ScreenForm | null
}) {
  const form = useForm<ScreenForm>(
    typed ?? { page: screen.page, title: screen.title, text: screen.text, display: screen.display }
  )
  const id = `ecran-${screen.state}`
  const submit = (submitted: React.FormEvent) => {
    submitted.preventDefault()
    form.put(url, { preserveScroll: true, preserveUrl: true })
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-titre`} id={id}>
      <Title order={4} id={`${id}-titre`} mb="xs">
        État « {screen.state} »
      </Title>
      {screen.description && (
        <Text size="sm" c="dimmed" mb="xs">
          {screen.description}
        </Text>
      )}
      <ProblemsHere problems={problems} prefix={`screens.${screen.state}`} id={`${id}-problemes`} />
      <form onSubmit={submit} noValidate aria-label={`Page de l’état « ${screen.state} »`}>
        <ErrorSummary errors={errors} fields={['page', 'title', 'text', 'display']} />
        <Stack maw={640} gap="sm">
          <Select
            label="Page"
            required
            data={editor.pages}
            value={form.data.page || null}
            onChange={(next) => form.setData('page', next ?? '')}
            placeholder="Choisissez"
            allowDeselect={false}
            {...fieldError(errors, 'page')}
          />
          <TextInput label="Titre" required maxLength={150} {...boundText(form, errors, 'title')} />
          <Textarea
            label="Texte"
            description="Affiché sous le titre de la page."
            maxLength={2000}
            autosize
            minRows={2}
            {...boundText(form, errors, 'text')}
          />
          <MultiSelect
            label="Données affichées"
            description="Ce que la page montre du dossier, en lecture seule, dans cet ordre."
            data={editor.displayable}
            value={form.data.display}
            onChange={(next) => form.setData('display', next)}
            searchable
            clearable
            nothingFoundMessage="Aucune donnée ne correspond"
            {...fieldError(errors, 'display')}
          />
          <SaveButton processing={form.processing} />
        </Stack>
      </form>
    </Paper>
  )
}

/**
 * S6 « Qui peut agir, pages et mails », first part: « Qui peut l’envoyer »
 * for each event (each rule with its meaning in words, « Retirer »,
 * « Ajouter » a role and a scope), then the page of each state. Every
 * change is saved at once in the draft and checked with the rest of it.
 */
export default function PermissionsEditor({
  editor,
  baseUrl,
  errors,
  problems,
}: {
  /** The live checks' problems: each event and state shows its own */
  problems: Problems
  editor: PermissionsEditorProps
  /** /atelier/parcours/:key/brouillon */
  baseUrl: string
  errors: Record<string, string>
}) {
  const { typed } = editor
  return (
    <section aria-labelledby="qui-peut-agir-titre">
      <Title order={2} size="h3" id="qui-peut-agir-titre" mt="xl" mb="sm">
        Qui peut agir, pages et mails
      </Title>
      <Title order={3} size="h4" mb="xs">
        Qui peut l’envoyer
      </Title>
      <Text size="sm" mb="sm">
        Pour chaque événement, les rôles qui peuvent l’envoyer et pour quels dossiers. Un événement
        sans règle empêche de publier.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
        {editor.events.map((entry) => {
          const here = typed?.kind === 'rule' && typed.event === entry.event ? typed : null
          return (
            <EventPermissions
              key={entry.event}
              editor={editor}
              entry={entry}
              url={`${baseUrl}/permissions/${entry.event}`}
              errors={here ? errors : {}}
              typed={here ? here.values : null}
              problems={problems}
            />
          )
        })}
      </SimpleGrid>

      <Title order={3} size="h4" mb="xs">
        Pages des états
      </Title>
      <Stack mb="lg">
        {editor.screens.map((screen) => {
          const here = typed?.kind === 'screen' && typed.state === screen.state ? typed : null
          return (
            <StateScreenForm
              key={screen.state}
              editor={editor}
              screen={screen}
              url={`${baseUrl}/ecrans/${screen.state}`}
              errors={here ? errors : {}}
              typed={here ? here.values : null}
              problems={problems}
            />
          )
        })}
      </Stack>
    </section>
  )
}
