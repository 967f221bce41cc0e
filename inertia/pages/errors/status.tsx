import { Head, Link } from '@inertiajs/react'
import { Anchor, Stack, Text, Title } from '@mantine/core'
import type { StatusPageProps } from '#transformers/errors/status'

/** The error pages of the portal (app/exceptions/handler.ts) */
export default function StatusPage({ status, title, text }: StatusPageProps) {
  return (
    <>
      <Head title={title} />
      <Stack gap="md" maw={640}>
        <Title order={1}>{title}</Title>
        <Text>{text}</Text>
        <Text size="sm">Code de l’erreur : {status}</Text>
        <Anchor component={Link} href="/">
          Retour à l’accueil
        </Anchor>
        <Anchor component={Link} href="/contact">
          Contacter l’assistance fonctionnelle
        </Anchor>
      </Stack>
    </>
  )
}
