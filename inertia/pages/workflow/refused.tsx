import { Head, Link } from '@inertiajs/react'
import { Alert, Anchor, Group, Paper, Title } from '@mantine/core'
import type { RefusedPageProps } from '#transformers/workflow/refused'

const TITLES: Record<number, string> = {
  403: 'Accès refusé',
  404: 'Dossier introuvable',
  409: 'Dossier déjà traité',
  422: 'Action impossible',
}

/** A refusal of the workflow engine (403, 404, 409, 422), in French */
export default function WorkflowRefused({ status, message, backUrl }: RefusedPageProps) {
  const title = TITLES[status] ?? 'Action impossible'
  return (
    <>
      <Head title={title} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={640} mx="auto">
        <Title order={1} size="h2" mb="md">
          {title}
        </Title>
        <Alert color="red" mb="md" role="alert">
          {message}
        </Alert>
        <Group>
          {backUrl && (
            <Anchor component={Link} href={backUrl}>
              Revenir au dossier
            </Anchor>
          )}
          <Anchor component={Link} href="/">
            Retour à l’accueil
          </Anchor>
        </Group>
      </Paper>
    </>
  )
}
