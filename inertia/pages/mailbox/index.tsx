import { Head, Link } from '@inertiajs/react'
import { Anchor, Table, Text, Title } from '@mantine/core'
import type { MailboxIndexProps } from '#transformers/mailbox/mails'

/**
 * Demo only: the mails the portal sent, caught locally instead of being
 * delivered (MAIL_TRANSPORT=catcher). Newest first.
 */
export default function MailboxIndex({ mails }: MailboxIndexProps) {
  return (
    <>
      <Head title="Boîte mails de démonstration" />
      <Title order={1} mb="xs">
        Boîte mails de démonstration
      </Title>
      <Text mb="md">
        Les mails envoyés par le portail de démonstration arrivent ici au lieu d’être distribués.
      </Text>

      {mails.length === 0 ? (
        <Text role="status">Aucun mail reçu pour le moment.</Text>
      ) : (
        <Table striped highlightOnHover captionSide="top">
          <Table.Caption>
            {mails.length === 1 ? '1 mail reçu' : `${mails.length} mails reçus`}, du plus récent au
            plus ancien
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Destinataire</Table.Th>
              <Table.Th scope="col">Objet</Table.Th>
              <Table.Th scope="col">Reçu le</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mails.map((mail) => (
              <Table.Tr key={mail.id}>
                <Table.Td>{mail.to.join(', ')}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} href={`/boite-mails/${mail.id}`}>
                    {mail.subject || '(sans objet)'}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <time dateTime={mail.date}>{mail.receivedAt}</time>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  )
}
