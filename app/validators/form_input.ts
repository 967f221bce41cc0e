import type { HttpContext } from '@adonisjs/core/http'

/**
 * A refused form, as every hand-written form of the portal answers it
 * (administration, studio): one French message per field, and what was
 * typed shown again.
 */

/** What was typed in the named fields (strings only), to show it again after a refusal */
export function typedValues<Field extends string>(
  { request }: HttpContext,
  names: readonly Field[]
): Partial<Record<Field, string>> {
  const typed: Partial<Record<Field, string>> = {}
  for (const name of names) {
    const value = request.input(name)
    typed[name] = typeof value === 'string' ? value : ''
  }
  return typed
}

/** VineJS's error list → one message per field, the first */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {}
  const messages = (error as { messages?: Array<{ field: string; message: string }> }).messages
  for (const { field, message } of messages ?? []) errors[field] ??= message
  return errors
}

/** What a checkbox sent (« on », true, "1"…), to show it again after a refusal */
export function typedChecked({ request }: HttpContext, name: string): boolean {
  return [true, 'true', '1', 'on'].includes(request.input(name))
}
