import { Alert, Table, Text } from '@mantine/core'
import type { ConventionRow } from './types'

/** M6: an existing convention is not changed here (the manual's 2.4) */
export const CONVENTION_CHANGE_NOTICE =
  'Pour toute modification d’une convention déjà validée, merci de vous rapprocher de l’administrateur caisse de la région concernée.'

/**
 * M8 « Conventions » (read-only for now): régime, caisse, code convention,
 * type and état of each convention of the partner.
 */
export default function ConventionsTable({ conventions }: { conventions: ConventionRow[] }) {
  return (
    <>
      <Alert color="blue" mb="md">
        {CONVENTION_CHANGE_NOTICE}
      </Alert>
      {conventions.length === 0 ? (
        <Text>Aucune convention.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>Conventions du partenaire</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Régime</Table.Th>
                <Table.Th scope="col">Caisse</Table.Th>
                <Table.Th scope="col">Code convention</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">État</Table.Th>
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  )
}
