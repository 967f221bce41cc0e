import { useEffect, useRef, type ReactNode } from 'react'
import { Link, router, usePage } from '@inertiajs/react'
import {
  Alert,
  Anchor,
  Box,
  Button,
  Container,
  Group,
  Menu,
  Text,
  VisuallyHidden,
} from '@mantine/core'
import type { Flash, SharedProps } from '~/types'

/**
 * After a visit to another address, focus goes to the main content so that
 * a screen reader reads the new page instead of staying on a link that is
 * gone. A form sent back to the same address (an error) keeps its focus.
 */
function useFocusMainOnNavigation() {
  const path = useRef(typeof window === 'undefined' ? '' : window.location.pathname)
  useEffect(
    () =>
      router.on('navigate', () => {
        const next = window.location.pathname
        if (next === path.current) return
        path.current = next
        document.getElementById('contenu')?.focus({ preventScroll: true })
      }),
    []
  )
}

/**
 * The portal's frame: name and sign-in top right, "Les services" once signed
 * in, "contact" in the footer. A skip link leads keyboard users to the content.
 */
export default function PortalLayout({ children }: { children: ReactNode }) {
  const page = usePage<SharedProps>()
  const { currentUser } = page.props
  const flash = (page.flash ?? {}) as Flash
  useFocusMainOnNavigation()

  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Box component="header" className="portal-header" py="sm">
        <Container size="lg">
          <Group justify="space-between" align="center" gap="sm" wrap="wrap">
            <div>
              <Anchor
                component={Link}
                href="/"
                underline="hover"
                c="blue-france.7"
                fw={700}
                fz={{ base: 'lg', sm: 'xl' }}
              >
                Portail Partenaires Action Sociale
                <VisuallyHidden> – accueil</VisuallyHidden>
              </Anchor>
              <Text size="sm" c="dimmed">
                Échanges entre les caisses de retraite et leurs partenaires
              </Text>
            </div>
            <nav aria-label="Compte">
              {currentUser ? (
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={500} w={{ base: '100%', xs: 'auto' }}>
                    {currentUser.fullName}
                  </Text>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button variant="light">Les services</Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {currentUser.services.map((service) => (
                        <Menu.Item key={service.href} component={Link} href={service.href}>
                          {service.label}
                        </Menu.Item>
                      ))}
                      <Menu.Divider />
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

      <Box component="footer" className="portal-footer" py="md">
        <Container size="lg">
          <Group justify="space-between" gap="xs" wrap="wrap">
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
