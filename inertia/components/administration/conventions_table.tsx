import { Alert, Table, Text } from '@mantine/core'
import type { ConventionEvent, ConventionRow } from '#transformers/administration/conventions'
import ScrollableTable from '~/components/scrollable_table'

/** M6: an existing convention is not changed here (the manual's 2.4) */
export const CONVENTION_CHANGE_NOTICE =
  'Pour toute modification d’une convention déjà validée, merci de vous rapprocher de l’administrateur caisse de la région concernée.'

/**
 * M8 « Conventions »: régime, caisse, code convention, type and état of
 * each convention of the partner, and the latest events of its validation
 * by the caisse. M6: read-only, the notice says whom to contact.
 */
export default function ConventionsTable({
  conventions,
  events = {},
}: {
  conventions: ConventionRow[]
  /** By convention id, newest first */
  events?: Record<string, ConventionEvent[]>
}) {
  return (
    <>
      <Alert color="blue" mb="md">
        {CONVENTION_CHANGE_NOTICE}
      </Alert>
      {conventions.length === 0 ? (
        <Text>Aucune convention.</Text>
      ) : (
        <ScrollableTable label="Conventions du partenaire" minWidth={760}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>Conventions du partenaire</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Régime</Table.Th>
                <Table.Th scope="col">Caisse</Table.Th>
                <Table.Th scope="col">Code convention</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Derniers événements</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {conventions.map((convention) => (
                <Table.Tr key={convention.id}>
                  <Table.Td>{convention.regime}</Table.Td>
                  <Table.Td>{convention.caisse}</Table.Td>
                  <Table.Td>{convention.code}</Table.Td>
                  <Table.Td>{convention.type}</Table.Td>
                  <Table.Td>{convention.state}</Table.Td>
                  <Table.Td>
                    {(events[String(convention.id)] ?? []).length === 0 ? (
                      <Text size="sm">—</Text>
                    ) : (
                      <ul style={{ margin: 0, paddingInlineStart: '1rem' }}>
                        {(events[String(convention.id)] ?? []).map((event) => (
                          <li key={`${event.atIso}-${event.action}`}>
                            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                              <time dateTime={event.atIso}>{event.at}</time> – {event.actor} :{' '}
                              {event.action}
                            </Text>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
    </>
  )
}
