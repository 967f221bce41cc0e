import { Head, Link } from '@inertiajs/react'
import { Card, SimpleGrid, Text, Title } from '@mantine/core'

type Service = { key: string; label: string; href: string; description: string }

/** A3: the services the signed-in user may use */
export default function ServicesIndex({ services }: { services: Service[] }) {
  return (
    <>
      <Head title="Les services" />
      <Title order={1} mb="md">
        Les services
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {services.map((service) => (
          <Card key={service.key} withBorder component={Link} href={service.href}>
            <Text fw={600}>{service.label}</Text>
            <Text size="sm">{service.description}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </>
  )
}
