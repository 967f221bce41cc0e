import { useEffect, useRef, useState } from 'react'
import { router, useForm } from '@inertiajs/react'
import {
  Autocomplete,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import type { EditorField, FieldForm, FormEditorProps } from '#transformers/studio/form_editor'
import ErrorSummary from '~/components/error_summary'
import ScrollableTable from '~/components/scrollable_table'

const FIELDS = [
  'label',
  'name',
  'type',
  'source',
  'destinations',
  'required',
  'help',
  'group',
  'maxLength',
  'after',
] as const
const EMPTY: FieldForm = {
  label: '',
  name: '',
  type: 'text',
  required: false,
  help: '',
  group: '',
  maxLength: '',
  source: '',
  after: '',
  destinations: [],
}

/** The form of one field: « Ajouter un champ » (name editable) or a field's « Enregistrer » */
function FieldFormPanel({
  editor,
  event,
  field,
  url,
  method,
  errors,
  typed,
  onClose,
}: {
  editor: FormEditorProps
  event: string
  field: EditorField | null
  url: string
  method: 'post' | 'put'
  errors: Record<string, string>
  typed: FieldForm | null
  onClose?: () => void
}) {
  const fields = editor.forms.find((form) => form.event === event)?.fields ?? []
  const form = useForm<FieldForm>(typed ?? field ?? EMPTY)
  const prefix = field ? `champ-${field.name}` : `nouveau-champ-${event}`
  const title = useRef<HTMLHeadingElement>(null)
  const catalogued = field ? field.catalogued : true

  useEffect(() => {
    if (field) title.current?.focus()
  }, [field])

  const submit = (submitted: React.FormEvent) => {
    submitted.preventDefault()
    form.submit(method, url, {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: () => {
        if (!field) form.reset()
        onClose?.()
      },
    })
  }

  const error = (name: (typeof FIELDS)[number]) => ({
    error: errors[name],
    errorProps: { role: 'alert' },
  })
  const text = (name: 'label' | 'name' | 'help' | 'maxLength') => ({
    name,
    value: form.data[name],
    onChange: (changed: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      form.setData(name, changed.currentTarget.value),
    ...error(name),
  })

  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby={`${prefix}-titre`}>
      <Title order={3} size="h4" id={`${prefix}-titre`} ref={title} tabIndex={-1} mb="sm">
        {field ? `Modifier le champ « ${field.label} »` : 'Ajouter un champ'}
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-titre`}>
        <ErrorSummary errors={errors} fields={FIELDS} />
        <Stack maw={560}>
          <TextInput label="Libellé" required maxLength={150} {...text('label')} />
          {field ? (
            <TextInput
              label="Nom technique"
              value={field.name}
              readOnly
              description="Il ne change plus : les dossiers gardent leurs valeurs sous ce nom."
            />
          ) : (
            <TextInput
              label="Nom technique"
              description="Lettres sans accent et chiffres, sans espace ; laissé vide, il vient du libellé."
              maxLength={50}
              autoCapitalize="none"
              spellCheck={false}
              {...text('name')}
            />
          )}
          {catalogued ? (
            <Select
              label="Type"
              name="type"
              required
              data={editor.catalogue}
              value={form.data.type || null}
              onChange={(next) => form.setData('type', next ?? '')}
              allowDeselect={false}
              {...error('type')}
            />
          ) : (
            <TextInput
              label="Type"
              value={field?.typeLabel ?? ''}
              readOnly
              description="Ce type de champ demande du code : il ne se change pas ici."
            />
          )}
          {form.data.type === 'select' && (
            <Select
              label="Liste de référence"
              name="source"
              required
              data={editor.sources}
              value={form.data.source || null}
              onChange={(next) => form.setData('source', next ?? '')}
              placeholder="Choisissez"
              {...error('source')}
            />
          )}
          {editor.destinations.length > 0 && (
            <MultiSelect
              label="Où va la valeur"
              description="Le dossier garde toujours la valeur ; choisissez en plus ce qu’elle remplit quand la caisse valide."
              name="destinations"
              data={editor.destinations}
              value={form.data.destinations}
              onChange={(next) => form.setData('destinations', next)}
              placeholder={form.data.destinations.length ? undefined : 'Le dossier seulement'}
              searchable
              clearable
              nothingFoundMessage="Aucune destination ne correspond"
              {...error('destinations')}
            />
          )}
          <Checkbox
            label="Obligatoire"
            name="required"
            checked={form.data.required}
            onChange={(changed) => form.setData('required', changed.currentTarget.checked)}
            {...error('required')}
          />
          <Textarea
            label="Aide"
            description="Affichée sous le champ."
            maxLength={500}
            autosize
            minRows={2}
            {...text('help')}
          />
          <Autocomplete
            label="Groupe"
            description="Le bloc du formulaire où le champ s’affiche (« Informations partenaire »…)."
            name="group"
            data={editor.groups}
            value={form.data.group}
            onChange={(next) => form.setData('group', next)}
            maxLength={100}
            {...error('group')}
          />
          <TextInput
            label="Longueur maximale"
            inputMode="numeric"
            maxLength={4}
            {...text('maxLength')}
          />
          {!field && (
            <Select
              label="Placer après"
              name="after"
              data={fields.map((existing) => ({ value: existing.name, label: existing.label }))}
              value={form.data.after || null}
              onChange={(next) => form.setData('after', next ?? '')}
              placeholder="À la fin du formulaire"
              clearable
              {...error('after')}
            />
          )}
          <Group>
            <Button type="submit" loading={form.processing}>
              {field ? 'Enregistrer' : 'Ajouter le champ'}
            </Button>
            {onClose && (
              <Button type="button" variant="default" onClick={onClose}>
                Annuler
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/**
 * S5 the forms of a draft, one tab per event: each field with « Monter »,
 * « Descendre », « Déplacer après », « Modifier » and « Supprimer », all
 * buttons (no drag and drop needed), then « Ajouter un champ ». Every
 * change is saved at once in the draft and checked with the rest of it.
 */
export default function FormEditor({
  editor,
  baseUrl,
  errors,
}: {
  editor: FormEditorProps
  /** /atelier/parcours/:key/brouillon */
  baseUrl: string
  errors: Record<string, string>
}) {
  const initial = editor.typed?.event ?? editor.forms[0]?.event ?? null
  const [event, setEvent] = useState<string | null>(initial)
  const [editing, setEditing] = useState<string | null>(editor.typed?.name ?? null)
  const form = editor.forms.find((candidate) => candidate.event === event)
  const fieldsUrl = `${baseUrl}/formulaires/${event}/champs`
  const typedHere = editor.typed?.event === event ? editor.typed : null

  if (editor.forms.length === 0) return <Text>Ce parcours n’a aucun formulaire.</Text>

  const move = (name: string, body: Record<string, string>) =>
    router.put(`${fieldsUrl}/${name}/position`, body, {
      preserveScroll: true,
      onSuccess: () =>
        requestAnimationFrame(() => document.getElementById(`deplacer-${name}`)?.focus()),
    })
  const remove = (field: EditorField) => {
    if (window.confirm(`Supprimer le champ « ${field.label} » de ce brouillon ?`)) {
      router.delete(`${fieldsUrl}/${field.name}`, { preserveScroll: true })
    }
  }

  return (
    <section aria-labelledby="formulaires-titre">
      <Title order={2} size="h3" id="formulaires-titre" mt="xl" mb="sm">
        Formulaires
      </Title>
      <Tabs
        value={event}
        onChange={(next) => {
          setEvent(next)
          setEditing(null)
        }}
      >
        <Tabs.List aria-label="Formulaires du brouillon" mb="md">
          {editor.forms.map((candidate) => (
            <Tabs.Tab key={candidate.event} value={candidate.event}>
              {candidate.title}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {form && (
          <Tabs.Panel value={form.event}>
            <ScrollableTable label={`Champs de « ${form.title} »`} minWidth={960}>
              <Table withTableBorder striped captionSide="top">
                <Table.Caption>Champs, dans l’ordre du formulaire</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Libellé</Table.Th>
                    <Table.Th scope="col">Nom technique</Table.Th>
                    <Table.Th scope="col">Type</Table.Th>
                    <Table.Th scope="col">Obligatoire</Table.Th>
                    <Table.Th scope="col">Groupe</Table.Th>
                    <Table.Th scope="col">Déplacer après</Table.Th>
                    <Table.Th scope="col">Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {form.fields.map((field, index) => (
                    <Table.Tr key={field.name}>
                      <Table.Th scope="row" fw={400}>
                        {field.label}
                      </Table.Th>
                      <Table.Td>{field.name}</Table.Td>
                      <Table.Td>{field.typeLabel}</Table.Td>
                      <Table.Td>{field.required ? 'oui' : 'non'}</Table.Td>
                      <Table.Td>{field.group || '—'}</Table.Td>
                      <Table.Td>
                        <Select
                          id={`deplacer-${field.name}`}
                          aria-label={`Déplacer « ${field.label} » après`}
                          data={[
                            { value: '', label: '(en premier)' },
                            ...form.fields
                              .filter((other) => other.name !== field.name)
                              .map((other) => ({ value: other.name, label: other.label })),
                          ]}
                          value={index === 0 ? '' : form.fields[index - 1].name}
                          onChange={(next) => move(field.name, { after: next ?? '' })}
                          allowDeselect={false}
                          size="xs"
                          miw={180}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            disabled={index === 0}
                            aria-label={`Monter « ${field.label} »`}
                            onClick={() => move(field.name, { direction: 'up' })}
                          >
                            Monter
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            disabled={index === form.fields.length - 1}
                            aria-label={`Descendre « ${field.label} »`}
                            onClick={() => move(field.name, { direction: 'down' })}
                          >
                            Descendre
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`Modifier « ${field.label} »`}
                            aria-expanded={editing === field.name}
                            onClick={() => setEditing(field.name)}
                          >
                            Modifier
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            color="red"
                            aria-label={`Supprimer « ${field.label} »`}
                            onClick={() => remove(field)}
                          >
                            Supprimer
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollableTable>

            {editing && form.fields.some((field) => field.name === editing) && (
              <FieldFormPanel
                key={`${form.event}-${editing}`}
                editor={editor}
                event={form.event}
                field={form.fields.find((field) => field.name === editing)!}
                url={`${fieldsUrl}/${editing}`}
                method="put"
                errors={typedHere?.name === editing ? errors : {}}
                typed={typedHere?.name === editing ? typedHere.values : null}
                onClose={() => setEditing(null)}
              />
            )}
            <FieldFormPanel
              key={`${form.event}-nouveau`}
              editor={editor}
              event={form.event}
              field={null}
              url={fieldsUrl}
              method="post"
              errors={typedHere && typedHere.name === null ? errors : {}}
              typed={typedHere && typedHere.name === null ? typedHere.values : null}
            />
          </Tabs.Panel>
        )}
      </Tabs>
    </section>
  )
}
