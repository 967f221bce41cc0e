import type { ReactNode } from 'react'
import { Link, router, usePage } from '@inertiajs/react'
import { Alert, Anchor, Box, Button, Container, Group, Menu, Text, Title } from '@mantine/core'
import type { Flash, SharedProps } from '~/types'

/**
 * The portal's frame: name and sign-in top right, "Les services" once signed
 * in, "contact" in the footer. A skip link leads keyboard users to the content.
 */
export default function PortalLayout({ children }: { children: ReactNode }) {
  const page = usePage<SharedProps>()
  const { currentUser } = page.props
  const flash = (page.flash ?? {}) as Flash

  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Box component="header" style={{ borderBottom: '1px solid #ddd' }} py="sm">
        <Container size="lg">
          <Group justify="space-between" wrap="wrap">
            <Anchor
              component={Link}
              href="/"
              underline="never"
              c="dark"
              aria-label="Accueil du portail"
            >
              <Title order={2} size="h3" c="blue-france.7">
                Portail Partenaires Action Sociale
              </Title>
              <Text size="sm" c="dimmed">
                Échanges entre les caisses de retraite et leurs partenaires
              </Text>
            </Anchor>
            <nav aria-label="Compte">
              {currentUser ? (
                <Group gap="sm">
                  <Text size="sm" fw={500}>
                    {currentUser.fullName}
                  </Text>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button variant="light">Les services</Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item component={Link} href="/services">
                        Tous mes services
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                  <Button variant="subtle" onClick={() => router.post('/deconnexion')}>
                    Se déconnecter
                  </Button>
                </Group>
              ) : (
                <Anchor component={Link} href="/connexion" fw={600}>
                  Connexion
                </Anchor>
              )}
            </nav>
          </Group>
        </Container>
      </Box>

      <Container size="lg" py="lg" component="main" id="contenu" tabIndex={-1}>
        {flash.success && (
          <Alert color="green" mb="md" role="status">
            {flash.success}
          </Alert>
        )}
        {flash.error && (
          <Alert color="red" mb="md" role="alert">
            {flash.error}
          </Alert>
        )}
        {children}
      </Container>

      <Box component="footer" style={{ borderTop: '1px solid #ddd' }} py="md">
        <Container size="lg">
          <Group justify="space-between">
            <Text size="sm">Portail Partenaires Action Sociale</Text>
            <Anchor component={Link} href="/contact" size="sm">
              contact
            </Anchor>
          </Group>
        </Container>
      </Box>
    </>
  )
}
