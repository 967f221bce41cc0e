import { useRef, useState, type MouseEvent } from 'react'
import { router, useForm } from '@inertiajs/react'
import {
  Box,
  Button,
  Checkbox,
  Group,
  List,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import type { CatalogueEntry, ParamField } from '#services/studio/rule_catalogue'
import type {
  OutlineState,
  OutlineTransition,
  RuleForm,
  RuleView,
  StatesEditorProps,
} from '#transformers/studio/states_editor'
import ErrorSummary from '~/components/error_summary'

type Errors = Record<string, string>

/** Where the lists of a param's choices come from: the draft's templates, the event's form */
type Choices = { templates: string[]; formFields: string[] }

/** One param of a guard or an action, as its kind in the catalogue asks for it */
function ParamInput({
  field,
  value,
  onChange,
  error,
  choices,
}: {
  field: ParamField
  value: string | boolean | undefined
  onChange: (value: string | boolean) => void
  error: string | undefined
  choices: Choices
}) {
  const text = typeof value === 'string' ? value : ''
  const common = {
    label: field.label,
    required: field.required,
    error,
    errorProps: { role: 'alert' },
  }
  const list = (data: string[], empty: string) =>
    data.length ? (
      <Select
        {...common}
        data={data}
        value={text || null}
        onChange={(next) => onChange(next ?? '')}
        placeholder="Choisissez"
        searchable
        clearable={!field.required}
        nothingFoundMessage="Aucun choix ne correspond"
      />
    ) : (
      <TextInput
        {...common}
        description={empty}
        value={text}
        onChange={(changed) => onChange(changed.currentTarget.value)}
      />
    )
  switch (field.kind) {
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          checked={value === true}
          onChange={(changed) => onChange(changed.currentTarget.checked)}
          error={error}
        />
      )
    case 'select':
      return list(field.options, '')
    case 'template':
      return list(
        choices.templates,
        'Ce brouillon n’a pas encore de modèle de mail : ajoutez-en un dans « Mails ».'
      )
    case 'formField':
      return list(
        choices.formFields,
        'Le formulaire de cet événement n’a pas encore de champ : tapez le nom du champ.'
      )
    case 'json':
      return (
        <Textarea
          {...common}
          description={field.help}
          value={text}
          onChange={(changed) => onChange(changed.currentTarget.value)}
          autosize
          minRows={2}
          spellCheck={false}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
      )
    default:
      return (
        <TextInput
          {...common}
          description={field.help}
          value={text}
          onChange={(changed) => onChange(changed.currentTarget.value)}
          inputMode={field.kind === 'number' ? 'decimal' : undefined}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={5000}
        />
      )
  }
}

/**
 * The form of a guard or an action: the name, picked from the catalogue,
 * then a field per param of its schema. Sent as typed; the server checks
 * it with the entry's own schema and answers each param's message.
 */
function RuleEditor({
  what,
  entries,
  choices,
  initial,
  errors,
  method,
  url,
  submitLabel,
  name,
  onDone,
}: {
  what: 'guard' | 'action'
  entries: CatalogueEntry[]
  choices: Choices
  initial: RuleForm
  errors: Errors
  method: 'post' | 'put'
  url: string
  submitLabel: string
  /** The form's accessible name: « Ajouter une action à « Invalider » » */
  name: string
  onDone: () => void
}) {
  const form = useForm<RuleForm>(initial)
  const entry = entries.find(({ name: candidate }) => candidate === form.data.type)
  const fields = entry?.fields ?? []
  return (
    <Box
      component="form"
      noValidate
      aria-label={name}
      mt="xs"
      p="sm"
      bg="var(--mantine-color-gray-0)"
      onSubmit={(submitted) => {
        submitted.preventDefault()
        form.submit(method, url, { preserveScroll: true, preserveUrl: true, onSuccess: onDone })
      }}
    >
      <ErrorSummary
        errors={errors}
        fields={['type', ...fields.map((field) => `params.${field.name}`)]}
      />
      <Stack gap="sm" maw={640}>
        <Select
          label={what === 'guard' ? 'Condition' : 'Action'}
          description={
            entry ? `${entry.description} (${entry.kindLabel})` : 'Choisissez dans le catalogue.'
          }
          required
          data={entries.map((candidate) => ({
            value: candidate.name,
            label: `${candidate.name} — ${candidate.description}`,
          }))}
          value={form.data.type || null}
          onChange={(next) => form.setData({ type: next ?? '', params: {} })}
          error={errors.type}
          errorProps={{ role: 'alert' }}
          placeholder="Choisissez"
          searchable
          nothingFoundMessage="Rien ne correspond dans le catalogue"
        />
        {entry && fields.length === 0 && <Text size="sm">Sans paramètre.</Text>}
        {fields.map((field) => (
          <ParamInput
            key={`${form.data.type}-${field.name}`}
            field={field}
            value={form.data.params[field.name]}
            onChange={(value) =>
              form.setData('params', { ...form.data.params, [field.name]: value })
            }
            error={errors[`params.${field.name}`]}
            choices={choices}
          />
        ))}
        <Group gap="xs">
          <Button type="submit" size="sm" loading={form.processing}>
            {submitLabel}
          </Button>
          <Button size="sm" variant="default" onClick={onDone}>
            Annuler
          </Button>
        </Group>
      </Stack>
    </Box>
  )
}

/** A guard or an action in French: its name, what it does, its params */
function RuleSummary({ rule }: { rule: RuleView }) {
  return (
    <>
      <Text span fw={600}>
        {rule.type}
      </Text>{' '}
      <Text span size="sm">
        {rule.description
          ? `— ${rule.description}`
          : '— absente du catalogue : les vérifications le signalent.'}
      </Text>
      {rule.params.length > 0 && (
        <List size="sm" mt={4} spacing={2}>
          {rule.params.map((param) => (
            <List.Item key={param.name}>
              {param.label} : <code>{param.value}</code>
            </List.Item>
          ))}
        </List>
      )}
    </>
  )
}

/**
 * S4 the guard and the actions of one transition, with the keyboard alone:
 * « Choisir une condition » / « Retirer la condition », « Ajouter une
 * action », « Modifier » or « Retirer » one, each picked from the
 * registry's catalogue with a form for its params.
 */
export default function TransitionRules({
  editor,
  state,
  transition,
  url,
  errors,
}: {
  editor: StatesEditorProps
  state: OutlineState
  transition: OutlineTransition
  url: string
  errors: Errors
}) {
  const typed =
    (editor.typed?.form === 'guard' || editor.typed?.form === 'action') &&
    editor.typed.state === state.id &&
    editor.typed.event === transition.event &&
    editor.typed.alternative === transition.alternative
      ? editor.typed
      : null
  /** Which form is open: the guard's, a new action's, or the action at a position */
  const [open, setOpen] = useState<'guard' | 'new' | number | null>(
    typed?.form === 'guard' ? 'guard' : typed?.form === 'action' ? (typed.position ?? 'new') : null
  )
  const typedFor = (form: 'guard' | 'new' | number) =>
    typed && open === form ? { values: typed.values, errors } : null
  const choices = { templates: editor.templates, formFields: transition.formFields }
  const named = `« ${transition.label} » de « ${state.title} »`
  const headingId = `regles-${state.id}-${transition.event}-${transition.alternative}`
  /** The button that opened a form gets the focus back when it closes (saved or « Annuler ») */
  const opener = useRef<HTMLButtonElement | null>(null)
  const toggle = (form: 'guard' | 'new' | number, clicked: MouseEvent<HTMLButtonElement>) => {
    opener.current = clicked.currentTarget
    setOpen(open === form ? null : form)
  }
  const close = () => {
    setOpen(null)
    opener.current?.focus()
  }
  const remove = (path: string) => router.delete(`${url}${path}`, { preserveScroll: true })

  const editorOf = (
    form: 'guard' | 'new' | number,
    props: {
      initial: RuleForm
      method: 'post' | 'put'
      path: string
      submitLabel: string
      name: string
    }
  ) => {
    const refused = typedFor(form)
    return (
      <RuleEditor
        what={form === 'guard' ? 'guard' : 'action'}
        entries={form === 'guard' ? editor.catalogue.guards : editor.catalogue.actions}
        choices={choices}
        initial={refused?.values ?? props.initial}
        errors={refused?.errors ?? {}}
        method={props.method}
        url={`${url}${props.path}`}
        submitLabel={props.submitLabel}
        name={props.name}
        onDone={close}
      />
    )
  }

  return (
    <Box component="section" aria-labelledby={headingId} mt="md">
      <Title order={4} size="h6" id={headingId}>
        Condition et actions de « {transition.label} » vers « {transition.targetTitle} »
      </Title>
      <Title order={5} size="sm" mt="xs">
        Condition
      </Title>
      {transition.guard ? (
        <Box mt={4}>
          <RuleSummary rule={transition.guard} />
        </Box>
      ) : (
        <Text size="sm">Aucune condition : la transition a toujours lieu.</Text>
      )}
      <Group gap="xs" mt={4}>
        <Button
          size="xs"
          variant="default"
          aria-expanded={open === 'guard'}
          aria-label={`${transition.guard ? 'Changer la condition' : 'Choisir une condition'} de ${named}`}
          onClick={(clicked) => toggle('guard', clicked)}
        >
          {transition.guard ? 'Changer la condition' : 'Choisir une condition'}
        </Button>
        {transition.guard && (
          <Button
            size="xs"
            variant="default"
            aria-label={`Retirer la condition de ${named}`}
            onClick={() => remove('/condition')}
          >
            Retirer la condition
          </Button>
        )}
      </Group>
      {open === 'guard' &&
        editorOf('guard', {
          initial: transition.guard
            ? { type: transition.guard.type, params: transition.guard.values }
            : { type: '', params: {} },
          method: 'put',
          path: '/condition',
          submitLabel: 'Enregistrer la condition',
          name: `Condition de ${named}`,
        })}

      <Title order={5} size="sm" mt="sm">
        Actions
      </Title>
      {transition.actions.length === 0 ? (
        <Text size="sm">Aucune action.</Text>
      ) : (
        <List type="ordered" mt={4} spacing="xs" aria-label={`Actions de ${named}`}>
          {transition.actions.map((action, position) => (
            <List.Item key={`${position}-${action.type}`}>
              <RuleSummary rule={action} />
              <Group gap="xs" mt={4}>
                <Button
                  size="xs"
                  variant="default"
                  aria-expanded={open === position}
                  aria-label={`Modifier l’action ${position + 1} (${action.type}) de ${named}`}
                  onClick={(clicked) => toggle(position, clicked)}
                >
                  Modifier
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={`Retirer l’action ${position + 1} (${action.type}) de ${named}`}
                  onClick={() => remove(`/actions/${position}`)}
                >
                  Retirer
                </Button>
              </Group>
              {open === position &&
                editorOf(position, {
                  initial: { type: action.type, params: action.values },
                  method: 'put',
                  path: `/actions/${position}`,
                  submitLabel: 'Enregistrer l’action',
                  name: `Action ${position + 1} de ${named}`,
                })}
            </List.Item>
          ))}
        </List>
      )}
      <Button
        size="xs"
        variant="default"
        mt="xs"
        aria-expanded={open === 'new'}
        aria-label={`Ajouter une action à ${named}`}
        onClick={(clicked) => toggle('new', clicked)}
      >
        Ajouter une action
      </Button>
      {open === 'new' &&
        editorOf('new', {
          initial: { type: '', params: {} },
          method: 'post',
          path: '/actions',
          submitLabel: 'Ajouter l’action',
          name: `Ajouter une action à ${named}`,
        })}
    </Box>
  )
}
