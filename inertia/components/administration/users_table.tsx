import { Table, Text } from '@mantine/core'
import type { UserRow } from './types'

/**
 * M2 « Utilisateurs » (read-only for now): login, nom, prénom and statut
 * of each user of the partner.
 */
export default function UsersTable({ users }: { users: UserRow[] }) {
  if (users.length === 0) return <Text>Aucun utilisateur.</Text>
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder striped captionSide="top">
        <Table.Caption>Utilisateurs du partenaire</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Login</Table.Th>
            <Table.Th scope="col">Nom</Table.Th>
            <Table.Th scope="col">Prénom</Table.Th>
            <Table.Th scope="col">Statut</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.login}</Table.Td>
              <Table.Td>{user.lastName}</Table.Td>
              <Table.Td>{user.firstName}</Table.Td>
              <Table.Td>{user.status}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
