import { useId } from 'react'
import { Head, Link } from '@inertiajs/react'
import { Anchor, Card, Grid, List, Paper, Stack, Text, Title } from '@mantine/core'
import type { HomePageProps, Publication } from '#transformers/portal/home'

/** A titled list of publications: h2 for the list, h3 for each item */
function Section({ title, items }: { title: string; items: Publication[] }) {
  /** An id without spaces: aria-labelledby takes a list of ids separated by spaces */
  const titleId = useId()
  return (
    <section aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="sm">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">Aucune publication pour le moment.</Text>
      ) : (
        <Stack gap="sm">
          {items.map((item) => (
            <Card key={item.id} withBorder padding="sm" component="article">
              <Title order={3} size="h5">
                {item.title}
              </Title>
              <Text size="sm" c="dimmed">
                Publié le <time dateTime={item.publishedOn}>{item.publishedOnLabel}</time>
              </Text>
              <Text size="sm">{item.summary}</Text>
            </Card>
          ))}
        </Stack>
      )}
    </section>
  )
}

/** P1: news, reference texts, scales and the funds the portal serves */
export default function Home({ news, referenceTexts, scales, funds }: HomePageProps) {
  return (
    <>
      <Head title="Accueil" />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Title order={1} mb="md">
            L’action sociale des caisses de retraite
          </Title>
          <Text mb="lg">
            Ce portail propose une actualité de l’action sociale, des textes de référence, des
            barèmes et la dématérialisation des échanges de données entre les prestataires et les
            caisses.
          </Text>
          <Stack gap="xl">
            <Section title="Actualités de l’action sociale" items={news} />
            <Section title="Textes de référence" items={referenceTexts} />
            <Section title="Barèmes" items={scales} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">
                Vous n’êtes pas encore inscrit ?
              </Title>
              <Text size="sm" mb="sm">
                Votre structure est conventionnée avec une caisse de retraite : préinscrivez-vous
                avec le code convention qu’elle vous a transmis.
              </Text>
              <Anchor component={Link} href="/preinscription">
                Vous n’êtes pas encore inscrit ?
              </Anchor>
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">
                Les caisses partenaires
              </Title>
              <List size="sm" spacing={4}>
                {funds.map((fund) => (
                  <List.Item key={fund.code}>{fund.name}</List.Item>
                ))}
              </List>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  )
}
