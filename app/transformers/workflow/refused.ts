/**
 * The props of inertia/pages/workflow/refused.tsx: a refusal of the engine
 * on the generic workflow pages, with its status and French message.
 */
export type RefusedPageProps = { status: number; message: string; backUrl: string | null }

/** A record that moved on or refused the action can be opened again; one out of reach (403, 404) cannot */
export function refusedPageProps(
  refusal: { status: number; message: string },
  recordId: number
): RefusedPageProps {
  const reachable = refusal.status !== 403 && refusal.status !== 404
  return {
    status: refusal.status,
    message: refusal.message,
    backUrl: reachable && Number.isSafeInteger(recordId) ? `/dossiers/${recordId}` : null,
  }
}
