import { useForm } from '@inertiajs/react'
import { Button, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import type { MailForm, MailsEditorProps, NewMailForm } from '#transformers/studio/mails_editor'
import ErrorSummary from '~/components/error_summary'
import { ProblemsHere, SaveButton, boundText } from '~/components/studio/draft_form'
import ScrollableTable from '~/components/scrollable_table'

type Template = MailsEditorProps['templates'][number]
type Problems = Array<{ path: string; message: string }>

/** One template: « Objet », « Texte », the variables it may use, « Aperçu » */
function TemplateForm({
  template,
  url,
  errors,
  typed,
  problems,
}: {
  problems: Problems
  template: Template
  url: string
  errors: Record<string, string>
  typed: MailForm | null
}) {
  const form = useForm<MailForm>(typed ?? { subject: template.subject, text: template.text })
  const id = `mail-${template.template}`
  const submit = (submitted: React.FormEvent) => {
    submitted.preventDefault()
    form.put(url, { preserveScroll: true, preserveUrl: true })
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-titre`} id={id}>
      <Title order={4} id={`${id}-titre`} mb="xs">
        Modèle « {template.template} »
      </Title>
      <Text size="sm" mb="sm">
        {template.sentBy.length
          ? `Envoyé par ${template.sentBy.join(', ')}.`
          : 'Aucune transition n’envoie ce modèle.'}
      </Text>
      <ProblemsHere
        problems={problems}
        prefix={`notifications.${template.template}`}
        id={`${id}-problemes`}
      />
      <form onSubmit={submit} noValidate aria-label={`Modèle d’email « ${template.template} »`}>
        <ErrorSummary errors={errors} fields={['subject', 'text']} />
        <Stack maw={720} gap="sm">
          <TextInput
            label="Objet"
            required
            maxLength={200}
            {...boundText(form, errors, 'subject')}
          />
          <Textarea
            label="Texte"
            required
            description="Écrivez une variable entre doubles accolades : {{caisse}}."
            maxLength={5000}
            autosize
            minRows={6}
            {...boundText(form, errors, 'text')}
          />
          <SaveButton processing={form.processing} />
        </Stack>
      </form>

      <ScrollableTable label={`Variables du modèle « ${template.template} »`} minWidth={640}>
        <Table withTableBorder striped captionSide="top" mt="md">
          <Table.Caption>Variables que ce modèle peut utiliser</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Variable</Table.Th>
              <Table.Th scope="col">Signification</Table.Th>
              <Table.Th scope="col">Origine</Table.Th>
              <Table.Th scope="col">Exemple</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {template.variables.map((variable) => (
              <Table.Tr key={variable.name}>
                <Table.Th scope="row" fw={400}>
                  <code>{`{{${variable.name}}}`}</code>
                </Table.Th>
                <Table.Td>{variable.label}</Table.Td>
                <Table.Td>{variable.origin}</Table.Td>
                <Table.Td>{variable.sample}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>

      <section aria-labelledby={`${id}-apercu`}>
        <Title order={5} id={`${id}-apercu`} mt="md" mb="xs">
          Aperçu
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Le modèle enregistré, avec les exemples à la place des variables.
        </Text>
        <Paper withBorder p="sm" bg="gray.0">
          <Text fw={600} mb="xs">
            Objet : {template.preview.subject}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{template.preview.text}</Text>
        </Paper>
      </section>
    </Paper>
  )
}

/**
 * « Nouveau modèle d’email »: a name, « Objet », « Texte ». The variables
 * it may use are listed once an action of a transition sends it.
 */
function NewTemplateForm({
  url,
  errors,
  typed,
}: {
  url: string
  errors: Record<string, string>
  typed: NewMailForm | null
}) {
  const form = useForm<NewMailForm>(typed ?? { name: '', subject: '', text: '' })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="nouveau-mail-titre">
      <Title order={4} id="nouveau-mail-titre" mb="xs">
        Nouveau modèle d’email
      </Title>
      <form
        noValidate
        aria-labelledby="nouveau-mail-titre"
        onSubmit={(submitted) => {
          submitted.preventDefault()
          form.post(url, { preserveScroll: true, preserveUrl: true })
        }}
      >
        <ErrorSummary errors={errors} fields={['name', 'subject', 'text']} />
        <Stack maw={720} gap="sm">
          <TextInput
            label="Nom technique"
            description="En minuscules, chiffres et « _ » : c’est le modèle qu’une action d’une transition envoie (par exemple pieces_demandees)."
            required
            maxLength={60}
            {...boundText(form, errors, 'name')}
          />
          <TextInput
            label="Objet"
            required
            maxLength={200}
            {...boundText(form, errors, 'subject')}
          />
          <Textarea
            label="Texte"
            required
            description="Écrivez une variable entre doubles accolades : {{partnerName}}."
            maxLength={5000}
            autosize
            minRows={4}
            {...boundText(form, errors, 'text')}
          />
          <Group>
            <Button type="submit" loading={form.processing}>
              Ajouter le modèle
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/**
 * S6 « Qui peut agir, pages et mails », last part: each mail template with
 * its « Objet » and « Texte », the variables it may use and its « Aperçu »
 * with sample data (rendered on the server as the engine renders a mail).
 * An unknown variable is saved, and the checks above say where it is.
 */
export default function MailsEditor({
  editor,
  baseUrl,
  errors,
  problems,
}: {
  /** The live checks' problems: each template shows its own */
  problems: Problems
  editor: MailsEditorProps
  /** /atelier/parcours/:key/brouillon */
  baseUrl: string
  errors: Record<string, string>
}) {
  return (
    <section aria-labelledby="mails-titre">
      <Title order={3} size="h4" id="mails-titre" mb="xs">
        Modèles d’email
      </Title>
      {editor.templates.length === 0 ? (
        <Text mb="lg">Ce parcours n’envoie aucun email.</Text>
      ) : (
        <Stack mb="lg">
          {editor.templates.map((template) => {
            const here =
              editor.typed && editor.typed.template === template.template ? editor.typed : null
            return (
              <TemplateForm
                key={template.template}
                template={template}
                url={`${baseUrl}/mails/${template.template}`}
                errors={here ? errors : {}}
                typed={here ? here.values : null}
                problems={problems}
              />
            )
          })}
        </Stack>
      )}
      <NewTemplateForm
        url={`${baseUrl}/mails`}
        errors={editor.typed?.template === null ? errors : {}}
        typed={editor.typed?.template === null ? editor.typed.values : null}
      />
    </section>
  )
}
