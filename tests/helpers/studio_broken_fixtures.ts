import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type { WorkflowDefinitionBody } from '#workflow/types'
import type { ProblemAnchor } from '#transformers/studio/problem_anchors'

/**
 * S4 S5 S6 the mistakes an analyst can make in the studio, one broken
 * fixture each (tests/fixtures/workflows/broken/): each is
 * valid-studio-draft.json (valid-decision with « Pièces complémentaires
 * demandées » added, as the outline adds it) with one thing wrong. For each:
 * the feature it belongs to, the exact paths of its problems and the graph
 * element each problem is marked on.
 */
export type StudioBrokenFixture = {
  name: string
  feature: 'S4' | 'S5' | 'S6'
  kind: string
  paths: string[]
  /** One per path, in the same order */
  anchors: ProblemAnchor[]
}

const state = (id: string): ProblemAnchor => ({ kind: 'state', state: id })
const transition = (from: string, event: string): ProblemAnchor => ({
  kind: 'transition',
  state: from,
  event,
})
const workflow: ProblemAnchor = { kind: 'workflow' }

type Row = [
  name: string,
  feature: StudioBrokenFixture['feature'],
  kind: string,
  paths: string[],
  anchors: ProblemAnchor[],
]

const ROWS: Row[] = [
  [
    'added-state-target-missing',
    'S4',
    'an added state whose transition leads to a missing state',
    ['machine.states.pieces.on.COMPLETER.target'],
    [transition('pieces', 'COMPLETER')],
  ],
  [
    'added-array-transition-bad-target',
    'S4',
    'a list of transitions with one bad target',
    ['machine.states.pieces.on.COMPLETER[1].target'],
    [transition('pieces', 'COMPLETER')],
  ],
  [
    'added-transition-shadowed',
    'S4',
    'a guarded transition behind one without condition, never taken',
    ['machine.states.pieces.on.COMPLETER[1]'],
    [transition('pieces', 'COMPLETER')],
  ],
  [
    'added-transition-guard-bad-params',
    'S4',
    'a guard with wrong parameters on an added transition',
    ['machine.states.pending.on.DEMANDER_PIECES.guard.params.field'],
    [transition('pending', 'DEMANDER_PIECES')],
  ],
  [
    'added-transition-unknown-guard',
    'S4',
    'an unknown guard',
    ['machine.states.pieces.on.COMPLETER.guard'],
    [transition('pieces', 'COMPLETER')],
  ],
  [
    'added-transition-action-bad-params',
    'S4',
    'an action with wrong parameters',
    ['machine.states.pending.on.DEMANDER_PIECES.actions[0].params.to'],
    [transition('pending', 'DEMANDER_PIECES')],
  ],
  [
    'added-state-unknown-entry-action',
    'S4',
    'an unknown action on entering an added state',
    ['machine.states.pieces.entry[0].type'],
    [state('pieces')],
  ],
  [
    'added-state-without-way-out',
    'S4',
    'a state nobody can leave (not final, no transition)',
    ['machine.states.pieces'],
    [state('pieces')],
  ],
  [
    'added-state-unreachable',
    'S4',
    'a state nobody can reach',
    ['machine.states.archive'],
    [state('archive')],
  ],
  [
    'added-event-without-label',
    'S4',
    'an event without a label, added by an analyst',
    ['events.RELANCER.label'],
    [transition('pieces', 'RELANCER')],
  ],
  [
    'label-for-unsent-event',
    'S4',
    'a label for an event no state sends',
    ['events.RELANCER'],
    [workflow],
  ],
  [
    'added-transition-without-permission',
    'S6',
    'an added transition nobody may send',
    ['permissions.ABANDONNER'],
    [transition('pieces', 'ABANDONNER')],
  ],
  [
    'permission-unknown-role',
    'S6',
    'a permission naming an unknown role',
    ['permissions.DEMANDER_PIECES[0].role'],
    [transition('pending', 'DEMANDER_PIECES')],
  ],
  [
    'permission-for-unsent-event',
    'S6',
    'a permissions entry for an event no state sends',
    ['permissions.RELANCER'],
    [workflow],
  ],
  [
    'screen-for-missing-state',
    'S6',
    'a page for a missing state',
    ['screens.pieces_demandees'],
    [workflow],
  ],
  [
    'added-screen-button-event-not-in-state',
    'S6',
    'a page button naming an event its state does not have',
    ['screens.pieces.buttons[0].event'],
    [state('pieces')],
  ],
  [
    'added-template-unknown-variable',
    'S6',
    'an added mail template using an unknown variable',
    ['notifications.pieces_demandees.text'],
    [transition('pending', 'DEMANDER_PIECES')],
  ],
  [
    'added-select-unknown-source',
    'S5',
    'a list field with an unknown source',
    ['forms.DEMANDER_PIECES.fields[0].source'],
    [transition('pending', 'DEMANDER_PIECES')],
  ],
  [
    'added-duplicate-field-name',
    'S5',
    'two fields of a form with the same name',
    ['forms.DEMANDER_PIECES.fields[1].name'],
    [transition('pending', 'DEMANDER_PIECES')],
  ],
]

export const STUDIO_BROKEN: StudioBrokenFixture[] = ROWS.map(
  ([name, feature, kind, paths, anchors]) => ({ name, feature, kind, paths, anchors })
)

/** tests/fixtures/workflows/<name>.json */
export async function workflowFixture(name: string): Promise<WorkflowDefinitionBody> {
  return JSON.parse(
    await readFile(app.makePath('tests/fixtures/workflows', `${name}.json`), 'utf8')
  )
}
