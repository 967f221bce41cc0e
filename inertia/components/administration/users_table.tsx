import { ActionIcon, Table, Text, UnstyledButton } from '@mantine/core'
import type { UserRow } from '#transformers/administration/users'
import ScrollableTable from '~/components/scrollable_table'

/**
 * M2 « Utilisateurs »: login, nom, prénom, statut and « Action » of each
 * user of the partner. Clicking a row (or its login, with the keyboard)
 * opens the user (M3); the cross of « Action » asks to delete them (M5).
 * The administrator's own row has no cross.
 */
export default function UsersTable({
  users,
  openedId,
  currentUserId,
  onOpen,
  onDelete,
}: {
  users: UserRow[]
  openedId: number | null
  currentUserId: number | null
  onOpen: (user: UserRow) => void
  onDelete: (user: UserRow) => void
}) {
  if (users.length === 0) return <Text>Aucun utilisateur.</Text>
  return (
    <ScrollableTable label="Utilisateurs du partenaire" minWidth={560}>
      <Table withTableBorder striped highlightOnHover captionSide="top">
        <Table.Caption>
          Utilisateurs du partenaire : cliquez sur une ligne pour modifier l’utilisateur
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Login</Table.Th>
            <Table.Th scope="col">Nom</Table.Th>
            <Table.Th scope="col">Prénom</Table.Th>
            <Table.Th scope="col">Statut</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const opened = user.id === openedId
            return (
              <Table.Tr
                key={user.id}
                onClick={() => onOpen(user)}
                style={{ cursor: 'pointer' }}
                bg={opened ? 'var(--mantine-color-blue-light)' : undefined}
              >
                <Table.Td>
                  <UnstyledButton
                    onClick={(event) => {
                      event.stopPropagation()
                      onOpen(user)
                    }}
                    aria-current={opened ? 'true' : undefined}
                    td="underline"
                    c="blue-france.7"
                  >
                    {user.login}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>{user.lastName}</Table.Td>
                <Table.Td>{user.firstName}</Table.Td>
                <Table.Td>{user.status}</Table.Td>
                <Table.Td>
                  {user.id !== currentUserId && (
                    <ActionIcon
                      variant="filled"
                      color="red"
                      aria-label={`Supprimer l’utilisateur ${user.login}`}
                      title={`Supprimer l’utilisateur ${user.login}`}
                      onClick={(event) => {
                        event.stopPropagation()
                        onDelete(user)
                      }}
                    >
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </ScrollableTable>
  )
}
