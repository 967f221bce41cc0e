import { useEffect, useRef } from 'react'
import { useForm } from '@inertiajs/react'
import { Button, Group, Paper, Stack, Title } from '@mantine/core'
import type {
  ReferenceDataPageProps,
  ReferenceRowChangeForm,
  ReferenceRowProps,
} from '#transformers/studio/reference_data'
import ErrorSummary from '~/components/error_summary'
import FieldRow from '~/components/field_row'

const FIELDS = ['label', 'contactEmail'] as const

/**
 * « Renommer » a row: its libellé (and a caisse's contact email). It opens
 * under the table with the focus in « Libellé »; « Annuler » closes it and
 * gives the focus back to the row's button.
 */
export default function ReferenceRenameForm({
  props,
  row,
  typed,
  errors,
  onClose,
}: {
  props: ReferenceDataPageProps
  row: ReferenceRowProps
  typed: ReferenceRowChangeForm | null
  errors: Record<string, string>
  onClose: () => void
}) {
  const { list, limits } = props
  const form = useForm<ReferenceRowChangeForm>(
    typed ?? { label: row.label, contactEmail: row.contactEmail }
  )
  const panel = useRef<HTMLDivElement>(null)
  const titleId = `renommer-${row.id}-titre`

  useEffect(() => {
    panel.current?.querySelector<HTMLInputElement>('input[name="label"]')?.focus()
  }, [row.id])

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.put(`/atelier/referentiels/${list.key}/${row.id}`, {
      preserveScroll: true,
      preserveUrl: true,
      onSuccess: onClose,
    })
  }

  const fields = { form, errors }
  return (
    <Paper withBorder p="md" mt="md" ref={panel} component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="sm">
        Renommer « {row.label} » ({row.code})
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <ErrorSummary errors={errors} fields={FIELDS} />
        <Stack maw={560}>
          <FieldRow {...fields} name="label" label="Libellé" required maxLength={limits.label} />
          {list.hasContactEmail && (
            <FieldRow
              {...fields}
              name="contactEmail"
              label="Email de contact"
              type="email"
              maxLength={limits.contactEmail}
            />
          )}
          <Group>
            <Button type="submit" loading={form.processing}>
              Enregistrer
            </Button>
            <Button type="button" variant="default" onClick={onClose}>
              Annuler
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
