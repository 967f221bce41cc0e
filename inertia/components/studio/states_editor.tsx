import { useEffect, useRef, useState } from 'react'
import { router, useForm } from '@inertiajs/react'
import {
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import type {
  FormPlace,
  OutlineState,
  OutlineTransition,
  StateForm,
  StatesEditorProps,
  TransitionForm,
} from '#transformers/studio/states_editor'
import ErrorSummary from '~/components/error_summary'
import ScrollableTable from '~/components/scrollable_table'
import TransitionRules from '~/components/studio/transition_rules'

type Errors = Record<string, string>

/**
 * What the outline and the graph's panel share: the typed values of a
 * refused form are for the place it came from, and each form says which
 * place sends it (`where`), so its refusal comes back there
 */
export function typedFor(editor: StatesEditorProps, where: FormPlace) {
  return editor.typed && 'where' in editor.typed && editor.typed.where === where
    ? editor.typed
    : null
}

/** The graph's panel keeps what is selected across its forms' answers; the outline is drawn anew */
const keepsState = (where: FormPlace) => where === 'graph'

/** « Ajouter une transition » from one state: the event (a new one, or one the draft has), its label, where it leads */
export function TransitionAdder({
  editor,
  state,
  baseUrl,
  errors,
  typed,
  where,
  target = '',
}: {
  editor: StatesEditorProps
  state: OutlineState
  baseUrl: string
  errors: Errors
  typed: TransitionForm | null
  where: FormPlace
  /** « Vers » chosen beforehand (a link drawn on the graph) */
  target?: string
}) {
  const form = useForm<TransitionForm>(typed ?? { event: '', label: '', target })
  form.transform((data) => ({ ...data, where }))
  const titleId = `transition-${where}-${state.id}-titre`
  const known = editor.events.find((event) => event.name === form.data.event)
  return (
    <form
      noValidate
      aria-labelledby={titleId}
      onSubmit={(submitted) => {
        submitted.preventDefault()
        form.post(`${baseUrl}/etats/${state.id}/transitions`, {
          preserveScroll: true,
          preserveUrl: true,
          preserveState: keepsState(where),
          onSuccess: () => form.reset(),
        })
      }}
    >
      <Title order={4} size="h6" id={titleId} mt="sm" mb="xs">
        Ajouter une transition depuis « {state.title} »
      </Title>
      <ErrorSummary errors={errors} fields={['event', 'label', 'target']} />
      <Group align="flex-start" wrap="wrap">
        <Autocomplete
          label="Événement"
          description="En majuscules, par exemple DEMANDER_PIECES ; ou un événement du parcours."
          required
          data={editor.events.map((event) => event.name)}
          value={form.data.event}
          onChange={(next) => form.setData('event', next.toUpperCase())}
          error={errors.event}
          errorProps={{ role: 'alert' }}
          maxLength={60}
          miw={240}
        />
        <TextInput
          label="Libellé"
          description={known ? `Aujourd’hui : « ${known.label} »` : 'Le texte du bouton.'}
          value={form.data.label}
          onChange={(changed) => form.setData('label', changed.currentTarget.value)}
          error={errors.label}
          errorProps={{ role: 'alert' }}
          maxLength={150}
          miw={240}
        />
        <Select
          label="Vers"
          required
          data={editor.states.map((candidate) => ({
            value: candidate.id,
            label: `${candidate.title} (${candidate.id})`,
          }))}
          value={form.data.target || null}
          onChange={(next) => form.setData('target', next ?? '')}
          error={errors.target}
          errorProps={{ role: 'alert' }}
          placeholder="Choisissez"
          searchable
          nothingFoundMessage="Aucun état ne correspond"
          miw={240}
        />
      </Group>
      <Button type="submit" mt="sm" size="sm" loading={form.processing}>
        Ajouter la transition
      </Button>
    </form>
  )
}

/** « Renommer l’état »: its technical name; the transitions that lead to it follow */
export function StateRenameForm({
  state,
  baseUrl,
  typed,
  error,
  where,
  onRenamed,
}: {
  state: OutlineState
  baseUrl: string
  /** The name typed in a refused try */
  typed: string | null
  error: string | undefined
  where: FormPlace
  onRenamed?: (id: string) => void
}) {
  const rename = useForm({ id: typed ?? state.id })
  rename.transform((data) => ({ ...data, where }))
  return (
    <form
      noValidate
      aria-label={`Renommer l’état « ${state.title} »`}
      onSubmit={(submitted) => {
        submitted.preventDefault()
        rename.put(`${baseUrl}/etats/${state.id}`, {
          preserveScroll: true,
          preserveUrl: true,
          preserveState: keepsState(where),
          onSuccess: () => onRenamed?.(rename.data.id),
        })
      }}
    >
      <Group align="flex-end" mt="sm">
        <TextInput
          label="Nouveau nom technique"
          description="Les transitions qui y mènent suivent."
          value={rename.data.id}
          onChange={(changed) => rename.setData('id', changed.currentTarget.value)}
          error={error}
          errorProps={{ role: 'alert' }}
          maxLength={60}
          autoCapitalize="none"
          spellCheck={false}
        />
        <Button type="submit" size="sm" loading={rename.processing}>
          Enregistrer
        </Button>
      </Group>
    </form>
  )
}

/** « Renommer la transition »: the « Libellé » of its event, on every screen that shows it */
export function TransitionLabelForm({
  editor,
  state,
  transition,
  baseUrl,
  typed,
  errors,
  where,
  onDone,
}: {
  editor: StatesEditorProps
  state: OutlineState
  transition: OutlineTransition
  baseUrl: string
  /** What was sent when it was refused */
  typed: { label: string; tone: string } | null
  /** Its refusals, by field (label, tone) */
  errors: Record<string, string>
  where: FormPlace
  onDone?: () => void
}) {
  const form = useForm({
    label: typed?.label ?? transition.label,
    tone: typed?.tone || transition.tone,
  })
  form.transform((data) => ({ ...data, where }))
  return (
    <form
      noValidate
      aria-label={`Renommer la transition « ${transition.label} » de « ${state.title} »`}
      onSubmit={(submitted) => {
        submitted.preventDefault()
        form.put(`${baseUrl}/evenements/${transition.event}`, {
          preserveScroll: true,
          preserveUrl: true,
          preserveState: keepsState(where),
          onSuccess: onDone,
        })
      }}
    >
      <Group align="flex-end" mt="xs">
        <TextInput
          label="Libellé"
          description={`Le texte du bouton « ${transition.event} », partout où il est proposé.`}
          required
          value={form.data.label}
          onChange={(changed) => form.setData('label', changed.currentTarget.value)}
          error={errors.label}
          errorProps={{ role: 'alert' }}
          maxLength={150}
        />
        <Select
          label="Apparence du bouton"
          description="La couleur accompagne le libellé sur la page de la caisse."
          data={editor.tones}
          value={form.data.tone}
          onChange={(next) => form.setData('tone', next ?? 'neutral')}
          allowDeselect={false}
          searchable
          error={errors.tone}
          errorProps={{ role: 'alert' }}
        />
        <Button type="submit" size="sm" loading={form.processing}>
          Enregistrer le libellé
        </Button>
      </Group>
    </form>
  )
}

/** « Ajouter un état »: its title, its technical name (from the title when left empty), final or not */
export function StateAdder({
  editor,
  baseUrl,
  errors,
  where,
}: {
  editor: StatesEditorProps
  baseUrl: string
  errors: Errors
  where: FormPlace
}) {
  const typed = typedFor(editor, where)
  const typedState = typed?.form === 'state' ? typed.values : null
  const form = useForm<StateForm>(typedState ?? { title: '', id: '', final: false })
  form.transform((data) => ({ ...data, where }))
  const stateErrors = typedState ? errors : {}
  const titleId = `ajout-etat-${where}-titre`
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Title order={3} size="h5" id={titleId} mb="xs">
        Ajouter un état
      </Title>
      <form
        noValidate
        aria-labelledby={titleId}
        onSubmit={(submitted) => {
          submitted.preventDefault()
          form.post(`${baseUrl}/etats`, {
            preserveScroll: true,
            preserveUrl: true,
            preserveState: keepsState(where),
            onSuccess: () => form.reset(),
          })
        }}
      >
        <ErrorSummary errors={stateErrors} fields={['title', 'id', 'final']} />
        <Stack maw={560}>
          <TextInput
            label="Titre"
            description="Ce que voient le demandeur et la caisse, par exemple « Pièces complémentaires demandées »."
            required
            value={form.data.title}
            onChange={(changed) => form.setData('title', changed.currentTarget.value)}
            error={stateErrors.title}
            errorProps={{ role: 'alert' }}
            maxLength={150}
          />
          <TextInput
            label="Nom technique"
            description="Laissé vide, il vient du titre."
            value={form.data.id}
            onChange={(changed) => form.setData('id', changed.currentTarget.value)}
            error={stateErrors.id}
            errorProps={{ role: 'alert' }}
            maxLength={60}
            autoCapitalize="none"
            spellCheck={false}
          />
          <Checkbox
            label="État final (le dossier s’arrête ici)"
            checked={form.data.final}
            onChange={(changed) => form.setData('final', changed.currentTarget.checked)}
          />
          <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
            Ajouter l’état
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}

/** One state of the outline: its transitions, then what can be done to it */
function StateCard({
  editor,
  state,
  baseUrl,
  errors,
}: {
  editor: StatesEditorProps
  state: OutlineState
  baseUrl: string
  errors: Errors
}) {
  const outlineTyped = typedFor(editor, 'outline')
  const typed =
    outlineTyped && 'state' in outlineTyped && outlineTyped.state === state.id ? outlineTyped : null
  /** A refused « Renommer » of a transition: shown again in the first state that sends its event */
  const typedLabel =
    outlineTyped?.form === 'label' &&
    editor.states.find((candidate) =>
      candidate.transitions.some((transition) => transition.event === outlineTyped.event)
    )?.id === state.id
      ? outlineTyped
      : null
  const removal = editor.typed?.form === 'remove' && editor.typed.state === state.id
  const [renaming, setRenaming] = useState(typed?.form === 'rename')
  const [relabelling, setRelabelling] = useState<string | null>(typedLabel?.event ?? null)
  const card = useRef<HTMLDivElement>(null)
  const stateUrl = `${baseUrl}/etats/${state.id}`
  const headingId = `etat-${state.id}`

  useEffect(() => {
    if (typed || typedLabel || removal) {
      card.current?.querySelector<HTMLElement>('[role="alert"], input')?.focus()
    }
  }, [typed, typedLabel, removal])

  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby={headingId} ref={card}>
      <Group justify="space-between" align="flex-start">
        <Title order={3} size="h5" id={headingId}>
          {state.title}{' '}
          <Text span c="dimmed" size="sm">
            ({state.id})
          </Text>{' '}
          {state.initial && <Badge variant="light">départ</Badge>}{' '}
          {state.final && (
            <Badge variant="light" color="gray">
              final
            </Badge>
          )}
        </Title>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            aria-expanded={renaming}
            onClick={() => setRenaming(!renaming)}
          >
            Renommer l’état
          </Button>
          <Button
            size="xs"
            variant="default"
            color="red"
            aria-label={`Retirer l’état « ${state.title} »`}
            onClick={() => {
              if (window.confirm(`Retirer l’état « ${state.title} » de ce brouillon ?`)) {
                router.delete(stateUrl, { preserveScroll: true })
              }
            }}
          >
            Retirer l’état
          </Button>
        </Group>
      </Group>
      {removal && errors.state && (
        <Text c="red" role="alert" mt="xs">
          {errors.state}
        </Text>
      )}
      {renaming && (
        <StateRenameForm
          state={state}
          baseUrl={baseUrl}
          typed={typed?.form === 'rename' ? typed.values.id : null}
          error={typed?.form === 'rename' ? errors.id : undefined}
          where="outline"
        />
      )}
      {state.transitions.length === 0 ? (
        <Text size="sm" mt="sm">
          {state.final
            ? 'État final : le dossier s’arrête ici.'
            : 'Aucune transition : le dossier ne pourrait pas quitter cet état.'}
        </Text>
      ) : (
        <ScrollableTable label={`Transitions depuis « ${state.title} »`} minWidth={560}>
          <Table withTableBorder mt="sm" captionSide="top">
            <Table.Caption>Transitions depuis « {state.title} »</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Événement</Table.Th>
                <Table.Th scope="col">Vers</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.transitions.map((transition) => (
                <Table.Tr key={`${transition.event}-${transition.alternative}`}>
                  <Table.Th scope="row" fw={400}>
                    {transition.label}{' '}
                    <Text span c="dimmed" size="sm">
                      ({transition.event})
                    </Text>
                  </Table.Th>
                  <Table.Td>{transition.targetTitle}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      mr="xs"
                      aria-expanded={relabelling === transition.event}
                      aria-label={`Renommer la transition « ${transition.label} » de « ${state.title} »`}
                      onClick={() =>
                        setRelabelling(relabelling === transition.event ? null : transition.event)
                      }
                    >
                      Renommer
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Retirer la transition « ${transition.label} » de « ${state.title} »`}
                      onClick={() =>
                        router.delete(`${stateUrl}/transitions/${transition.event}`, {
                          preserveScroll: true,
                        })
                      }
                    >
                      Retirer
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
      {state.transitions
        .filter((transition) => transition.event === relabelling)
        .slice(0, 1)
        .map((transition) => (
          <TransitionLabelForm
            key={transition.event}
            editor={editor}
            state={state}
            transition={transition}
            baseUrl={baseUrl}
            typed={typedLabel?.values ?? null}
            errors={typedLabel ? errors : {}}
            where="outline"
            onDone={() => setRelabelling(null)}
          />
        ))}
      {state.transitions.map((transition) => (
        <TransitionRules
          key={`${transition.event}-${transition.alternative}`}
          editor={editor}
          state={state}
          transition={transition}
          url={`${stateUrl}/transitions/${transition.event}/${transition.alternative}`}
          errors={errors}
        />
      ))}
      {!state.final && (
        <TransitionAdder
          editor={editor}
          state={state}
          baseUrl={baseUrl}
          errors={typed?.form === 'transition' ? errors : {}}
          typed={typed?.form === 'transition' ? typed.values : null}
          where="outline"
        />
      )}
    </Paper>
  )
}

/**
 * S4 the outline of a draft: every state with its transitions, with the
 * keyboard alone: « Ajouter un état », « Renommer l’état », « Retirer
 * l’état », « Ajouter une transition », « Retirer ». The checks above say
 * what a change leaves to do (who may send a new event, a page…).
 */
export default function StatesEditor({
  editor,
  baseUrl,
  errors,
}: {
  editor: StatesEditorProps
  baseUrl: string
  errors: Errors
}) {
  return (
    <section aria-labelledby="etats-titre">
      <Title order={2} size="h3" id="etats-titre" mt="xl" mb="sm">
        États et transitions
      </Title>
      {editor.states.map((state) => (
        <StateCard key={state.id} editor={editor} state={state} baseUrl={baseUrl} errors={errors} />
      ))}
      <StateAdder editor={editor} baseUrl={baseUrl} errors={errors} where="outline" />
    </section>
  )
}
