import { Head } from '@inertiajs/react'
import { Badge, Paper, Table, Text, Title } from '@mantine/core'
import type { WorkflowsPageProps } from '#transformers/studio/workflows'
import ScrollableTable from '~/components/scrollable_table'
import StudioNav from '~/components/studio/studio_nav'

const STATUS_COLORS = { draft: 'yellow', published: 'green', retired: 'gray' } as const

/**
 * S2 « Les services » › « Atelier » › « Parcours »: each workflow with its
 * versions, newest first: brouillon, publiée or retirée, who published it
 * and when, and how many records run on it (a record stays on the version
 * it started on).
 */
export default function Workflows({ workflows }: WorkflowsPageProps) {
  return (
    <>
      <Head title="Parcours – Atelier" />
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
          <ScrollableTable label={`Versions de « ${workflow.title} »`} minWidth={640}>
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
