import { Head, Link } from '@inertiajs/react'
import { Anchor, Code, Table, Text, Title } from '@mantine/core'
import type { MailboxShowProps } from '#transformers/mailbox/mails'

/** Demo only: one caught mail, its text body as sent (React escapes it all) */
export default function MailboxShow({ mail }: MailboxShowProps) {
  const subject = mail.subject || '(sans objet)'
  return (
    <>
      <Head title={`${subject} – Boîte mails de démonstration`} />
      <Anchor component={Link} href="/boite-mails" mb="sm" display="inline-block">
        Retour à la boîte mails de démonstration
      </Anchor>
      <Title order={1} mb="md">
        {subject}
      </Title>

      <Table withTableBorder variant="vertical" mb="lg" captionSide="top">
        <Table.Caption>En-têtes du mail</Table.Caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">Expéditeur</Table.Th>
            <Table.Td>{mail.from}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Destinataire</Table.Th>
            <Table.Td>{mail.to.join(', ')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Objet</Table.Th>
            <Table.Td>{subject}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Reçu le</Table.Th>
            <Table.Td>
              <time dateTime={mail.date}>{mail.receivedAt}</time>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      <Title order={2} size="h3" mb="xs">
        Texte du mail
      </Title>
      {mail.text ? (
        <Code block style={{ whiteSpace: 'pre-wrap' }}>
          {mail.text}
        </Code>
      ) : (
        <Text>Ce mail n’a pas de version texte.</Text>
      )}
      {mail.hasHtml && (
        <Text size="sm" c="dimmed" mt="xs">
          Ce mail a aussi une version HTML, qui n’est pas affichée ici.
        </Text>
      )}
    </>
  )
}
