import { useEffect, useRef, useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Alert, Anchor, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core'
import type { WorkflowsPageProps } from '#transformers/studio/workflows'
import ScrollableTable from '~/components/scrollable_table'
import StudioNav from '~/components/studio/studio_nav'
import WorkflowImportForm from '~/components/studio/workflow_import_form'

const STATUS_COLORS = { draft: 'blue-france', published: 'green', retired: 'gray' } as const

/** A refusal that is no field of « Importer »: next to the workflow's buttons */
const BUTTON_ERRORS = ['draft', 'publish'] as const

/**
 * S2 « Les services » › « Atelier » › « Parcours »: each workflow with its
 * versions, newest first: brouillon, publiée or retirée, who published it
 * and when, and how many records run on it (a record stays on the version
 * it started on). S3 S9 per workflow: « Nouvelle version » or « Modifier le
 * brouillon », « Importer », and « Exporter » on each version.
 */
export default function Workflows(props: WorkflowsPageProps & { errors?: Record<string, string> }) {
  const { workflows, typed, limits } = props
  const errors = props.errors ?? {}
  const refused = Object.keys(errors).length > 0
  const importErrors = errors.fichier || errors.definition ? errors : {}
  const [importing, setImporting] = useState<string | null>(
    typed && (errors.fichier || errors.definition) ? typed.key : null
  )
  const refusal = useRef<HTMLDivElement>(null)
  const buttonError = BUTTON_ERRORS.map((field) => errors[field]).find(Boolean)

  useEffect(() => {
    if (buttonError) refusal.current?.focus()
  }, [buttonError])

  const closeImport = (key: string) => {
    setImporting(null)
    requestAnimationFrame(() => document.getElementById(`importer-${key}`)?.focus())
  }

  return (
    <>
      <Head title={refused ? 'Erreur – Parcours – Atelier' : 'Parcours – Atelier'} />
      <Text size="sm" c="dimmed">
        Atelier
      </Text>
      <Title order={1} mb="sm">
        Parcours
      </Title>
      <StudioNav current="parcours" />
      <Text mb="md" maw={720}>
        Chaque parcours garde toutes ses versions : une seule est publiée à la fois, et chaque
        dossier reste sur la version avec laquelle il a commencé.
      </Text>
      {workflows.map((workflow) => (
        <Paper
          key={workflow.key}
          withBorder
          p="md"
          mb="lg"
          component="section"
          aria-labelledby={`parcours-${workflow.key}`}
        >
          <Title order={2} size="h3" id={`parcours-${workflow.key}`}>
            {workflow.title}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Clé : {workflow.key}
          </Text>
          {buttonError && typed?.key === workflow.key && (
            <Alert color="red" mb="sm" role="alert" ref={refusal} tabIndex={-1}>
              {buttonError}
            </Alert>
          )}
          <Group mb="sm" gap="sm">
            {workflow.draftVersion === null ? (
              <Button
                size="sm"
                aria-label={`Nouvelle version de « ${workflow.title} »`}
                onClick={() =>
                  router.post(
                    `/atelier/parcours/${workflow.key}/brouillon`,
                    {},
                    { preserveScroll: true }
                  )
                }
              >
                Nouvelle version
              </Button>
            ) : (
              <Button
                size="sm"
                component={Link}
                href={`/atelier/parcours/${workflow.key}/brouillon`}
                aria-label={`Modifier le brouillon de « ${workflow.title} » (version ${workflow.draftVersion})`}
              >
                Modifier le brouillon
              </Button>
            )}
            {workflow.draftVersion !== null && (
              <Anchor
                component={Link}
                href={`/atelier/parcours/${workflow.key}/brouillon#historique`}
                size="sm"
                aria-label={`Historique des modifications de « ${workflow.title} »`}
              >
                Historique des modifications
              </Anchor>
            )}
            {workflow.draftVersion === null && (
              <Button
                size="sm"
                variant="default"
                id={`importer-${workflow.key}`}
                aria-expanded={importing === workflow.key}
                aria-label={`Importer une version de « ${workflow.title} »`}
                onClick={() => setImporting(workflow.key)}
              >
                Importer
              </Button>
            )}
            {workflow.versions.length > 1 && (
              <Button
                size="sm"
                variant="default"
                component={Link}
                href={`/atelier/parcours/${workflow.key}/comparer`}
                aria-label={`Comparer deux versions de « ${workflow.title} »`}
              >
                Comparer
              </Button>
            )}
            {workflow.versions.filter((version) => version.status !== 'draft').length > 1 && (
              <Button
                size="sm"
                variant="default"
                component={Link}
                href={`/atelier/parcours/${workflow.key}/migration`}
                aria-label={`Migrer les dossiers de « ${workflow.title} » vers une version plus récente`}
              >
                Migrer les dossiers
              </Button>
            )}
          </Group>
          {importing === workflow.key && (
            <WorkflowImportForm
              workflow={workflow}
              maxBytes={limits.importBytes}
              typed={typed?.key === workflow.key ? typed.definition : ''}
              errors={typed?.key === workflow.key ? importErrors : {}}
              onClose={() => closeImport(workflow.key)}
            />
          )}
          <ScrollableTable label={`Versions de « ${workflow.title} »`} minWidth={760}>
            <Table withTableBorder striped captionSide="top">
              <Table.Caption>Versions, de la plus récente à la plus ancienne</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Version</Table.Th>
                  <Table.Th scope="col">Statut</Table.Th>
                  <Table.Th scope="col">Publiée par</Table.Th>
                  <Table.Th scope="col">Publiée le</Table.Th>
                  <Table.Th scope="col">Dossiers en cours</Table.Th>
                  <Table.Th scope="col">Dossiers en tout</Table.Th>
                  <Table.Th scope="col">JSON</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {workflow.versions.map((version) => (
                  <Table.Tr key={version.id}>
                    <Table.Th scope="row" fw={400}>
                      Version {version.version}
                    </Table.Th>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[version.status]} variant="light">
                        {version.statusLabel}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{version.author}</Table.Td>
                    <Table.Td>
                      {version.publishedAt ? (
                        <time dateTime={version.publishedAtIso}>{version.publishedAt}</time>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{version.running}</Table.Td>
                    <Table.Td>{version.total}</Table.Td>
                    <Table.Td>
                      <Anchor
                        href={`/atelier/parcours/${workflow.key}/versions/${version.version}/export`}
                        download
                        aria-label={`Exporter la version ${version.version} de « ${workflow.title} »`}
                      >
                        Exporter
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollableTable>
        </Paper>
      ))}
    </>
  )
}
