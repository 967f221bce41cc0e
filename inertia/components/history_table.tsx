import { Table, Text, Title } from '@mantine/core'
import type { HistoryEntry } from '#transformers/audit/history'
import ScrollableTable from '~/components/scrollable_table'

/**
 * « Historique des modifications » of a tab: qui, quoi, quand (Paris
 * time), newest first. Every value is printed as text.
 */
export default function HistoryTable({ id, entries }: { id: string; entries: HistoryEntry[] }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mt="xl" mb="sm">
        Historique des modifications
      </Title>
      {entries.length === 0 ? (
        <Text size="sm">Aucune modification enregistrée.</Text>
      ) : (
        <ScrollableTable label="Historique des modifications" minWidth={640}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>
              Dernières modifications, de la plus récente à la plus ancienne
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Quand</Table.Th>
                <Table.Th scope="col">Qui</Table.Th>
                <Table.Th scope="col">Quoi</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <time dateTime={entry.atIso}>{entry.at}</time>
                  </Table.Td>
                  <Table.Td>{entry.actor}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {entry.action}
                    </Text>
                    {entry.changes.map((change) => (
                      <Text key={change.field} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {change.field} : « {change.before} » → « {change.after} »
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
    </section>
  )
}
