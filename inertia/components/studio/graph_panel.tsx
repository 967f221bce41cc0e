import { useEffect, useRef } from 'react'
import { Paper, Select, Stack, Text, Title } from '@mantine/core'
import type { StatesEditorProps } from '#transformers/studio/states_editor'
import {
  StateAdder,
  StateRenameForm,
  TransitionAdder,
  TransitionLabelForm,
  typedFor,
} from '~/components/studio/states_editor'

/** What is selected on the graph: a state, or one of its transitions (by its event) */
export type GraphSelection = { state: string; event?: string; target?: string } | null

/**
 * After a refusal of one of the panel's forms, what it was about, so the
 * panel opens on it again (the graph page is drawn anew)
 */
export function selectionOfRefusal(editor: StatesEditorProps): GraphSelection {
  const typed = typedFor(editor, 'graph')
  if (!typed) return null
  if (typed.form === 'label') {
    const state = editor.states.find((candidate) =>
      candidate.transitions.some((transition) => transition.event === typed.event)
    )
    return state ? { state: state.id, event: typed.event } : null
  }
  if (typed.form === 'rename' || typed.form === 'transition') return { state: typed.state }
  return null
}

/**
 * S4 « Modifier depuis le graphe », beside the graph: the state or the
 * transition selected on it (a click, or Tab then Entrée on a node or an
 * edge; or chosen in the lists here) with « Renommer l’état », « Renommer
 * la transition », « Ajouter une transition » (a link drawn from a state
 * to another fills « Vers »), and « Ajouter un état ». The forms are the
 * outline's, sent to the same routes: one path per change.
 */
export default function GraphPanel({
  editor,
  baseUrl,
  errors,
  selection,
  onSelect,
}: {
  editor: StatesEditorProps
  baseUrl: string
  errors: Record<string, string>
  selection: GraphSelection
  onSelect: (selection: GraphSelection) => void
}) {
  const panel = useRef<HTMLDivElement>(null)
  const typed = typedFor(editor, 'graph')
  const state = editor.states.find((candidate) => candidate.id === selection?.state) ?? null
  const transition = state?.transitions.find(({ event }) => event === selection?.event) ?? null

  useEffect(() => {
    if (typed) panel.current?.querySelector<HTMLElement>('[role="alert"]')?.focus()
  }, [typed])

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="graphe-panneau" ref={panel}>
      <Title order={3} size="h5" id="graphe-panneau" mb="xs">
        Modifier depuis le graphe
      </Title>
      <Text size="sm" mb="sm">
        Sélectionnez un état ou une transition sur le graphe (clic, ou Tab puis Entrée) ou dans les
        listes ci-dessous. Tirer un lien d’un état vers un autre prépare une transition.
      </Text>
      <Stack gap="sm">
        <Select
          label="État sélectionné"
          data={editor.states.map((candidate) => ({
            value: candidate.id,
            label: `${candidate.title} (${candidate.id})`,
          }))}
          value={state?.id ?? null}
          onChange={(next) => onSelect(next ? { state: next } : null)}
          placeholder="Aucun"
          searchable
          clearable
          clearButtonProps={{ 'aria-label': 'Désélectionner l’état' }}
          nothingFoundMessage="Aucun état ne correspond"
        />
        {state && state.transitions.length > 0 && (
          <Select
            label={`Transition sélectionnée depuis « ${state.title} »`}
            data={state.transitions.map((candidate) => ({
              value: candidate.event,
              label: `${candidate.label} → ${candidate.targetTitle}`,
            }))}
            value={transition?.event ?? null}
            onChange={(next) => onSelect({ state: state.id, ...(next ? { event: next } : {}) })}
            placeholder="Aucune"
            clearable
            clearButtonProps={{ 'aria-label': 'Désélectionner la transition' }}
          />
        )}
        <Text size="sm" aria-live="polite">
          {transition && state
            ? `Transition « ${transition.label} » de « ${state.title} » vers « ${transition.targetTitle} » sélectionnée.`
            : state
              ? `État « ${state.title} » sélectionné.`
              : 'Rien n’est sélectionné.'}
        </Text>
        {state && transition && (
          <TransitionLabelForm
            key={`${state.id}-${transition.event}`}
            editor={editor}
            state={state}
            transition={transition}
            baseUrl={baseUrl}
            typed={typed?.form === 'label' ? typed.values : null}
            errors={typed?.form === 'label' ? errors : {}}
            where="graph"
          />
        )}
        {state && !transition && (
          <>
            <StateRenameForm
              key={state.id}
              state={state}
              baseUrl={baseUrl}
              typed={typed?.form === 'rename' ? typed.values.id : null}
              error={typed?.form === 'rename' ? errors.id : undefined}
              where="graph"
              onRenamed={(id) => onSelect({ state: id })}
            />
            {!state.final && (
              <TransitionAdder
                key={`${state.id}-${selection?.target ?? ''}`}
                editor={editor}
                state={state}
                baseUrl={baseUrl}
                errors={typed?.form === 'transition' ? errors : {}}
                typed={typed?.form === 'transition' ? typed.values : null}
                where="graph"
                target={selection?.target}
              />
            )}
          </>
        )}
        <StateAdder editor={editor} baseUrl={baseUrl} errors={errors} where="graph" />
      </Stack>
    </Paper>
  )
}
