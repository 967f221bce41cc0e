import { useEffect, useRef } from 'react'
import { useForm } from '@inertiajs/react'
import { Button, FileInput, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import ErrorSummary from '~/components/error_summary'

const FIELDS = ['fichier', 'definition'] as const

type ImportForm = { fichier: File | null; definition: string }

/**
 * S9 « Importer » a workflow's JSON (an export of the studio, or a file of
 * workflows/): a file, or the JSON pasted. It becomes the workflow's draft,
 * checked like any draft. Opens with the focus on its title; « Annuler »
 * gives it back to the button that opened it.
 */
export default function WorkflowImportForm({
  workflow,
  maxBytes,
  typed,
  errors,
  onClose,
}: {
  workflow: { key: string; title: string }
  maxBytes: number
  typed: string
  errors: Record<string, string>
  onClose: () => void
}) {
  const form = useForm<ImportForm>({ fichier: null, definition: typed })
  const title = useRef<HTMLHeadingElement>(null)
  const titleId = `importer-${workflow.key}-titre`
  const hasErrors = FIELDS.some((field) => errors[field])

  useEffect(() => {
    if (!hasErrors) title.current?.focus()
  }, [hasErrors])

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post(`/atelier/parcours/${workflow.key}/import`, {
      preserveScroll: true,
      preserveUrl: true,
      forceFormData: form.data.fichier !== null,
    })
  }

  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby={titleId}>
      <Title order={3} size="h4" id={titleId} ref={title} tabIndex={-1} mb="xs">
        Importer une version de « {workflow.title} »
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <Text size="sm" mb="sm">
          Le JSON d’un parcours, tel que l’exporte « Exporter » ou tel qu’il est dans workflows/
          (clé « {workflow.key} », {Math.round(maxBytes / 1024)} Ko au plus). Il devient le
          brouillon du parcours : rien n’est publié avant « Publier ».
        </Text>
        <ErrorSummary errors={errors} fields={FIELDS} />
        <Stack maw={720}>
          <FileInput
            label="Fichier JSON"
            name="fichier"
            accept="application/json,.json"
            clearable
            value={form.data.fichier}
            onChange={(file) => form.setData('fichier', file)}
            error={errors.fichier}
            errorProps={{ role: 'alert' }}
          />
          <Textarea
            label="Ou le JSON collé"
            name="definition"
            autosize
            minRows={4}
            maxRows={16}
            spellCheck={false}
            styles={{ input: { fontFamily: 'monospace' } }}
            value={form.data.definition}
            onChange={(event) => form.setData('definition', event.currentTarget.value)}
            error={errors.definition}
            errorProps={{ role: 'alert' }}
          />
          <Group>
            <Button type="submit" loading={form.processing}>
              Importer
            </Button>
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
