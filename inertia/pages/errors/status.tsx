import { Head, Link } from '@inertiajs/react'
import { Anchor, Stack, Text, Title } from '@mantine/core'

const MESSAGES: Record<number, { title: string; text: string }> = {
  403: {
    title: 'Accès refusé',
    text: 'Vous n’avez pas les droits nécessaires pour afficher cette page ou faire cette action.',
  },
  404: {
    title: 'Page introuvable',
    text: 'La page demandée n’existe pas ou plus. Vérifiez l’adresse ou repartez de l’accueil.',
  },
  500: {
    title: 'Le service est momentanément indisponible',
    text: 'Une erreur est survenue de notre côté. Réessayez dans quelques minutes ; si elle persiste, écrivez à l’assistance fonctionnelle.',
  },
}

/** The error pages of the portal (app/exceptions/handler.ts) */
export default function StatusPage({ status }: { status: number }) {
  const message = MESSAGES[status] ?? MESSAGES[500]
  return (
    <>
      <Head title={message.title} />
      <Stack gap="md" maw={640}>
        <Title order={1}>{message.title}</Title>
        <Text>{message.text}</Text>
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
