import { Head, Link } from '@inertiajs/react'
import { Card, SimpleGrid, Text, Title } from '@mantine/core'
import type { ServicesPageProps } from '#transformers/portal/services'

/** A3: the services the signed-in user may use, one card (a link) each */
export default function ServicesIndex({ services }: ServicesPageProps) {
  return (
    <>
      <Head title="Les services" />
      <Title order={1} mb="md">
        Les services
      </Title>
      {services.length === 0 ? (
        <Text>Aucun service n’est ouvert à votre compte pour le moment.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="ul" className="plain-list">
          {services.map((service) => (
            <li key={service.key}>
              <Card withBorder component={Link} href={service.href} h="100%">
                <Title order={2} size="h4" c="blue-france.7" mb={4}>
                  {service.label}
                </Title>
                <Text size="sm">{service.description}</Text>
              </Card>
            </li>
          ))}
        </SimpleGrid>
      )}
    </>
  )
}
