import { useMemo } from 'react'
import dagre from '@dagrejs/dagre'
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  type AriaLabelConfig,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import type { OutlineState } from '#transformers/studio/states_editor'
import type { DraftProblem } from '#transformers/studio/draft'
import type { ProblemMarks } from '#transformers/studio/problem_anchors'
import type { GraphChange, GraphChanges } from '#transformers/studio/comparison_graph'
import type { GraphSelection } from '~/components/studio/graph_panel'

const NODE = { width: 220, height: 56 }
/** The red of the DSFR's errors */
const TO_FIX = '#ce0500'
/** The blue of what « Simuler » went through */
const SIMULATED = '#000091'

/** React Flow's own words, in French */
const FRENCH_LABELS: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default': 'État du parcours. Entrée ou espace pour le sélectionner.',
  'node.a11yDescription.keyboardDisabled': 'État du parcours.',
  'edge.a11yDescription.default': 'Transition du parcours. Entrée ou espace pour la sélectionner.',
  'controls.ariaLabel': 'Commandes du graphe',
  'controls.zoomIn.ariaLabel': 'Zoomer',
  'controls.zoomOut.ariaLabel': 'Dézoomer',
  'controls.fitView.ariaLabel': 'Voir tout le graphe',
  'controls.interactive.ariaLabel': 'Verrouiller ou déverrouiller le graphe',
  'minimap.ariaLabel': 'Vue d’ensemble du graphe',
  'handle.ariaLabel': 'Point d’attache',
}

/** Top to bottom, by dagre: the order of the journey reads downwards */
function layout(states: OutlineState[], missing: string[]) {
  const graph = new dagre.graphlib.Graph()
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 70 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const id of [...states.map((state) => state.id), ...missing]) {
    graph.setNode(id, { ...NODE })
  }
  for (const state of states) {
    for (const transition of state.transitions) {
      if (transition.target !== state.id) graph.setEdge(state.id, targetNode(transition, missing))
    }
  }
  dagre.layout(graph)
  return (id: string) => {
    const { x, y } = graph.node(id)
    return { x: x - NODE.width / 2, y: y - NODE.height / 2 }
  }
}

/** A target no state has is drawn as a node of its own, so its wrong transition shows */
const missingNode = (target: string) => `inexistant:${target}`

function targetNode(transition: OutlineState['transitions'][number], missing: string[]) {
  const node = missingNode(transition.target)
  return missing.includes(node) ? node : transition.target
}

const messages = (problems: DraftProblem[]) => problems.map(({ message }) => message).join(' ; ')

/** What an accessible name adds for the problems of its node or edge */
const toFix = (problems: DraftProblem[]) =>
  problems.length ? `, à corriger : ${messages(problems)}` : ''

const NO_MARKS: ProblemMarks<DraftProblem> = { states: [], transitions: [] }
const NO_CHANGES: GraphChanges = { states: {}, transitions: [] }

/** S8 how « Comparer » marks what changed: a colour, a line, the words */
const CHANGE_LOOKS: Record<
  GraphChange,
  { color: string; dash?: string; state: string; transition: string }
> = {
  added: { color: '#18753c', state: 'ajouté', transition: 'ajoutée' },
  removed: { color: '#666666', dash: '6 4', state: 'retiré', transition: 'retirée' },
  changed: { color: '#b34000', state: 'modifié', transition: 'modifiée' },
}

/**
 * The problems the graph shows on each node and edge: a node's own, with
 * those of the states nested in it and of their transitions (the graph
 * draws the top-level states only); an edge's, by its state and event
 */
function problemsOnGraph(marks: ProblemMarks<DraftProblem>) {
  const topLevel = (state: string) => state.split('.')[0]
  return {
    ofState: (id: string) => [
      ...marks.states
        .filter(({ state }) => topLevel(state) === id)
        .flatMap(({ problems }) => problems),
      ...marks.transitions
        .filter(({ state }) => state !== id && topLevel(state) === id)
        .flatMap(({ problems }) => problems),
    ],
    ofTransition: (id: string, event: string) =>
      marks.transitions.find((mark) => mark.state === id && mark.event === event)?.problems ?? [],
  }
}

/** S8 what « Comparer » says of each node and edge */
function changesOnGraph(changes: GraphChanges) {
  return {
    stateChange: (id: string): GraphChange | undefined => changes.states[id],
    transitionChange: (id: string, event: string) =>
      changes.transitions.find((mark) => mark.state === id && mark.event === event)?.change,
  }
}

/** S7 did « Simuler » take this transition? */
const wasTaken = (taken: Array<{ state: string; event: string }>, state: string, event: string) =>
  taken.some((step) => step.state === state && step.event === event)

/** The state or transition a click or Entrée selected (React Flow reports it as a change) */
const selectedIn = (changes: Array<NodeChange | EdgeChange>) =>
  changes.find((change) => change.type === 'select' && change.selected)

/** What an accessible name adds for the change of its node or edge */
const changeWords = (change: GraphChange | undefined, gender: 'state' | 'transition') =>
  change ? `, ${CHANGE_LOOKS[change][gender]}` : ''

/**
 * S4 the draft's states and transitions as a graph, laid out
 * automatically and drawn from the same props as the outline, so both
 * stay in step. A state or a transition the checks point at is red and
 * says « à corriger » with the problems (problemAnchors on the server says
 * which); a transition to a state that does not exist leads to a dashed
 * node of that name. On a draft (`onSelect`), a click or Entrée selects a
 * node or an edge and a link drawn from a state to another prepares a
 * transition, for the panel beside it (graph_panel.tsx); the outline
 * above is the complete, keyboard-first editor; the list under the graph
 * says the same in words for screen readers, problems included.
 */
export default function WorkflowGraph({
  states,
  marks = NO_MARKS,
  visited = [],
  taken = [],
  changes = NO_CHANGES,
  selection = null,
  onSelect,
}: {
  states: OutlineState[]
  /** S4 the problems of the checks by state and by transition */
  marks?: ProblemMarks<DraftProblem>
  /** S7 states « Simuler » went through */
  visited?: string[]
  /** S7 the transitions « Simuler » took (state, event) */
  taken?: Array<{ state: string; event: string }>
  /** S8 what « Comparer » found added, removed or changed */
  changes?: GraphChanges
  /**
   * S4 on a draft: what is selected, and what a click, Entrée or a link
   * drawn from a state to another selects (the panel beside edits it)
   */
  selection?: GraphSelection
  onSelect?: (selection: GraphSelection) => void
}) {
  const editing = onSelect !== undefined
  const problems = useMemo(() => problemsOnGraph(marks), [marks])
  const { stateChange, transitionChange } = useMemo(() => changesOnGraph(changes), [changes])
  const { nodes, edges } = useMemo(() => {
    const ids = new Set(states.map((state) => state.id))
    const missing = [
      ...new Set(
        states.flatMap((state) =>
          state.transitions
            .filter(
              ({ target, event }) =>
                !ids.has(target) && problems.ofTransition(state.id, event).length
            )
            .map(({ target }) => missingNode(target))
        )
      ),
    ]
    const position = layout(states, missing)
    const stateNodes: Node[] = states.map((state) => {
      const own = problems.ofState(state.id)
      const change = stateChange(state.id)
      const look = change ? CHANGE_LOOKS[change] : null
      return {
        id: state.id,
        position: position(state.id),
        data: {
          label: (
            <>
              {state.title}
              {look && (
                <span
                  style={{ display: 'block', color: look.color, fontSize: 12, fontWeight: 700 }}
                >
                  {look.state}
                </span>
              )}
              {own.length > 0 && (
                <span style={{ display: 'block', color: TO_FIX, fontSize: 12, fontWeight: 700 }}>
                  À corriger ({own.length})
                </span>
              )}
            </>
          ),
        },
        ariaLabel: `État « ${state.title} »${state.initial ? ', départ' : ''}${state.final ? ', final' : ''}${visited.includes(state.id) ? ', parcouru par la simulation' : ''}${changeWords(change, 'state')}${toFix(own)}`,
        domAttributes: own.length ? { title: messages(own) } : {},
        style: {
          width: NODE.width,
          border: own.length
            ? `2px solid ${TO_FIX}`
            : look
              ? `2px ${look.dash ? 'dashed' : 'solid'} ${look.color}`
              : '1px solid #3a3a3a',
          fontWeight: state.initial ? 700 : 400,
          background: visited.includes(state.id) ? '#e3e3fd' : state.final ? '#eeeeee' : '#ffffff',
        },
        draggable: false,
        selectable: editing,
        selected: selection?.state === state.id && !selection.event,
        connectable: editing && !state.final,
      }
    })
    const missingNodes: Node[] = missing.map((id) => {
      const name = id.slice(missingNode('').length)
      return {
        id,
        position: position(id),
        data: { label: `« ${name} » (n’existe pas)` },
        ariaLabel: `État inexistant « ${name} », à corriger`,
        style: { width: NODE.width, border: `2px dashed ${TO_FIX}`, color: TO_FIX },
        draggable: false,
        selectable: false,
        connectable: false,
      }
    })
    const transitionEdges: Edge[] = states.flatMap((state) =>
      state.transitions.map((transition, index) => {
        const own = problems.ofTransition(state.id, transition.event)
        const change = transitionChange(state.id, transition.event)
        const look = change ? CHANGE_LOOKS[change] : null
        const simulated = wasTaken(taken, state.id, transition.event)
        const color = own.length ? TO_FIX : (look?.color ?? (simulated ? SIMULATED : undefined))
        return {
          id: `${state.id}-${transition.event}-${index}`,
          data: { state: state.id, event: transition.event },
          selectable: editing,
          selected: selection?.state === state.id && selection.event === transition.event,
          source: state.id,
          target: targetNode(transition, missing),
          label: own.length
            ? `${transition.label} (à corriger)`
            : look
              ? `${transition.label} (${look.transition})`
              : transition.label,
          ariaLabel: `« ${transition.label} » de « ${state.title} » vers « ${transition.targetTitle} »${simulated ? ', prise par la simulation' : ''}${changeWords(change, 'transition')}${toFix(own)}`,
          markerEnd: { type: MarkerType.ArrowClosed, ...(color ? { color } : {}) },
          ...(color
            ? {
                style: {
                  stroke: color,
                  strokeWidth: simulated ? 3 : 2,
                  ...(look?.dash && !own.length ? { strokeDasharray: look.dash } : {}),
                },
                labelStyle: { fill: color, fontWeight: 700 },
              }
            : {}),
        }
      })
    )
    return { nodes: [...stateNodes, ...missingNodes], edges: transitionEdges }
  }, [states, problems, visited, taken, stateChange, transitionChange, editing, selection])

  const selectNode = (nodeChanges: NodeChange[]) => {
    const picked = selectedIn(nodeChanges)
    if (picked && 'id' in picked && states.some((state) => state.id === picked.id)) {
      onSelect?.({ state: picked.id })
    }
  }
  const selectEdge = (edgeChanges: EdgeChange[]) => {
    const picked = selectedIn(edgeChanges)
    const edge = picked && 'id' in picked ? edges.find(({ id }) => id === picked.id) : undefined
    if (edge?.data) onSelect?.({ state: String(edge.data.state), event: String(edge.data.event) })
  }

  return (
    <>
      <div style={{ height: 480, border: '1px solid #dddddd' }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          nodesDraggable={false}
          nodesConnectable={editing}
          elementsSelectable={editing}
          onNodesChange={selectNode}
          onEdgesChange={selectEdge}
          onConnect={({ source, target }) => onSelect?.({ state: source, target })}
          ariaLabelConfig={FRENCH_LABELS}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <details>
        <summary>Description du graphe</summary>
        <ul>
          {states.map((state) => (
            <li key={state.id}>
              {state.title}
              {visited.includes(state.id) ? ' (parcouru par la simulation)' : ''}
              {stateChange(state.id) ? ` (${CHANGE_LOOKS[stateChange(state.id)!].state})` : ''}
              {problems.ofState(state.id).length > 0 &&
                ` (à corriger : ${messages(problems.ofState(state.id))})`}
              {state.transitions.length === 0
                ? ' : aucune transition.'
                : ` : ${state.transitions
                    .map((transition) => {
                      const own = problems.ofTransition(state.id, transition.event)
                      const change = transitionChange(state.id, transition.event)
                      const simulated = wasTaken(taken, state.id, transition.event)
                      return `« ${transition.label} » vers « ${transition.targetTitle} »${simulated ? ' (prise par la simulation)' : ''}${change ? ` (${CHANGE_LOOKS[change].transition})` : ''}${own.length ? ` (à corriger : ${messages(own)})` : ''}`
                    })
                    .join(' ; ')}.`}
            </li>
          ))}
        </ul>
      </details>
    </>
  )
}
