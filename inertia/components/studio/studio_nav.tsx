import { Link } from '@inertiajs/react'
import { Anchor, Group } from '@mantine/core'

const SECTIONS = [
  { key: 'referentiels', label: 'Référentiels', href: '/atelier/referentiels' },
  { key: 'parcours', label: 'Parcours', href: '/atelier/parcours' },
] as const

/**
 * « Atelier »'s two sections (FEATURES S): links, the current one marked
 * for screen readers (aria-current) and by its weight.
 */
export default function StudioNav({ current }: { current: (typeof SECTIONS)[number]['key'] }) {
  return (
    <Group component="nav" aria-label="Atelier" gap="lg" mb="md">
      {SECTIONS.map(({ key, label, href }) => (
        <Anchor
          key={key}
          component={Link}
          href={href}
          aria-current={key === current ? 'page' : undefined}
          fw={key === current ? 700 : 400}
          underline={key === current ? 'always' : 'hover'}
        >
          {label}
        </Anchor>
      ))}
    </Group>
  )
}
