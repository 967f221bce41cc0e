import { useEffect, useRef } from 'react'
import { Alert } from '@mantine/core'

/**
 * The summary above a refused form; it takes the focus after each refusal,
 * so that a screen reader reads it, then the fields give their own message.
 */
export default function ErrorSummary({
  errors,
  fields,
}: {
  errors: Record<string, string>
  fields: readonly string[]
}) {
  const summary = useRef<HTMLDivElement>(null)
  const count = fields.filter((field) => errors[field]).length

  useEffect(() => {
    if (count > 0) summary.current?.focus()
  }, [errors, count])

  if (count === 0) return null
  return (
    <Alert color="red" mb="md" role="alert" ref={summary} tabIndex={-1}>
      {count > 1
        ? `Le formulaire contient ${count} erreurs\u00a0: corrigez les champs signalés. Rien n’a été modifié.`
        : 'Le formulaire contient une erreur\u00a0: corrigez le champ signalé. Rien n’a été modifié.'}
    </Alert>
  )
}
