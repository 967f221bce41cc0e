import { useMemo } from 'react'
import dagre from '@dagrejs/dagre'
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  type AriaLabelConfig,
  type Edge,
  type Node,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import type { OutlineState } from '#transformers/studio/states_editor'

const NODE = { width: 220, height: 56 }

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
function layout(states: OutlineState[]) {
  const graph = new dagre.graphlib.Graph()
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 70 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const state of states) graph.setNode(state.id, { ...NODE })
  for (const state of states) {
    for (const transition of state.transitions) {
      if (transition.target !== state.id) graph.setEdge(state.id, transition.target)
    }
  }
  dagre.layout(graph)
  return (id: string) => {
    const { x, y } = graph.node(id)
    return { x: x - NODE.width / 2, y: y - NODE.height / 2 }
  }
}

/**
 * S4 the draft's states and transitions as a graph, laid out
 * automatically and drawn from the same props as the outline, so both
 * stay in step; a state the checks point at is outlined in red. The
 * outline above is the complete, keyboard-first editor; the list under the
 * graph says the same in words for screen readers.
 */
export default function WorkflowGraph({
  states,
  flagged,
  visited = [],
}: {
  states: OutlineState[]
  /** States the checks report a problem in */
  flagged: string[]
  /** S7 states « Simuler » went through */
  visited?: string[]
}) {
  const { nodes, edges } = useMemo(() => {
    const position = layout(states)
    const stateNodes: Node[] = states.map((state) => ({
      id: state.id,
      position: position(state.id),
      data: { label: state.title },
      ariaLabel: `État « ${state.title} »${state.initial ? ', départ' : ''}${state.final ? ', final' : ''}${flagged.includes(state.id) ? ', à corriger' : ''}${visited.includes(state.id) ? ', parcouru par la simulation' : ''}`,
      style: {
        width: NODE.width,
        border: flagged.includes(state.id) ? '2px solid #ce0500' : '1px solid #3a3a3a',
        fontWeight: state.initial ? 700 : 400,
        background: visited.includes(state.id) ? '#e3e3fd' : state.final ? '#eeeeee' : '#ffffff',
      },
      draggable: false,
      connectable: false,
    }))
    const transitionEdges: Edge[] = states.flatMap((state) =>
      state.transitions.map((transition) => ({
        id: `${state.id}-${transition.event}-${transition.target}`,
        source: state.id,
        target: transition.target,
        label: transition.label,
        ariaLabel: `« ${transition.label} » de « ${state.title} » vers « ${transition.targetTitle} »`,
        markerEnd: { type: MarkerType.ArrowClosed },
      }))
    )
    return { nodes: stateNodes, edges: transitionEdges }
  }, [states, flagged, visited])

  return (
    <>
      <div style={{ height: 480, border: '1px solid #dddddd' }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          nodesDraggable={false}
          nodesConnectable={false}
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
              {state.transitions.length === 0
                ? ' : aucune transition.'
                : ` : ${state.transitions
                    .map(
                      (transition) => `« ${transition.label} » vers « ${transition.targetTitle} »`
                    )
                    .join(' ; ')}.`}
            </li>
          ))}
        </ul>
      </details>
    </>
  )
}
