import type User from '#models/user'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import { changeDraft } from '#services/studio/drafts'
import registry from '#workflow/registry'
import type { ScreenJson, StateNodeJson, WorkflowDefinitionBody } from '#workflow/types'

/**
 * S6 the page of each state of a draft: « Page » among the registry's pages,
 * the screen's « Titre » and « Texte » and the record's data it displays
 * (« Données affichées »), one audited change of the draft. Its buttons
 * stay as they are.
 */

export type ScreenInput = { page: string; title: string; text?: string; display?: string[] }

export const SCREEN_MESSAGES = {
  noState: 'Cet état n’existe pas dans la machine de ce brouillon.',
  pageUnknown: 'Choisissez une page de la liste.',
}

/** Every state of the machine by its dotted id (« pending », « pending.reading »), in order */
export function stateIds(body: WorkflowDefinitionBody): string[] {
  const ids: string[] = []
  const visit = (node: StateNodeJson, prefix: string) => {
    for (const [name, child] of Object.entries(node.states ?? {})) {
      const id = prefix ? `${prefix}.${name}` : name
      ids.push(id)
      visit(child, id)
    }
  }
  visit(body.machine, '')
  return ids
}

export function updateScreen(key: string, state: string, actor: User, input: ScreenInput) {
  return changeDraft(key, actor, (body) => {
    if (!stateIds(body).includes(state)) throw new StudioNotFoundError(SCREEN_MESSAGES.noState)
    if (!registry.pages.has(input.page)) {
      throw new StudioRuleError({ page: SCREEN_MESSAGES.pageUnknown })
    }
    const before: ScreenJson | undefined = Object.hasOwn(body.screens, state)
      ? body.screens[state]
      : undefined
    const after: ScreenJson = { ...before, page: input.page, title: input.title }
    if (input.text) after.text = input.text
    else delete after.text
    /** Absent: kept as it was; an empty list: nothing displayed */
    if (input.display?.length) after.display = [...new Set(input.display)]
    else if (input.display) delete after.display
    body.screens[state] = after
    const changes =
      JSON.stringify(before) === JSON.stringify(after)
        ? {}
        : {
            [`screens.${state}`]: {
              before: before ? JSON.stringify(before) : null,
              after: JSON.stringify(after),
            },
          }
    return { body, changes }
  })
}
