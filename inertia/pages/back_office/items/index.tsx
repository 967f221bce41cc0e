import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Group, NativeSelect, Table, TextInput, Title } from '@mantine/core'
import type { QueuePageProps } from '#transformers/back_office/queue'
import ScrollableTable from '~/components/scrollable_table'

const PATH = '/caisse/dossiers'

/** The address's query: the filters, and the row a page starts after (apres) or ends before (avant) */
function query(
  filters: QueuePageProps['filters'],
  position: { apres?: string | null; avant?: string | null } = {}
) {
  const data: Record<string, string> = {}
  if (filters.kind) data.type = filters.kind
  if (filters.search) data.recherche = filters.search
  if (position.apres) data.apres = position.apres
  if (position.avant) data.avant = position.avant
  return data
}

function pageHref(filters: QueuePageProps['filters'], position: Parameters<typeof query>[1]) {
  return `${PATH}?${new URLSearchParams(query(filters, position)).toString()}`
}

/**
 * C1 « Dossiers à traiter »: the pending pre-registrations and conventions
 * of the administrator's caisses, oldest first, with a filter by type, a
 * search (partner name, SIRET, code convention) and 20 rows a page.
 */
export default function BackOfficeItemsIndex({ rows, kinds, filters, pagination }: QueuePageProps) {
  const [kind, setKind] = useState(filters.kind ?? '')
  const [search, setSearch] = useState(filters.search)
  const filtered = Boolean(filters.kind || filters.search)

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    router.get(PATH, query({ kind: kind || null, search: search.trim() }))
  }

  return (
    <>
      <Head title="Dossiers à traiter" />
      <Title order={1} mb="md">
        Dossiers à traiter
      </Title>

      <form onSubmit={submit} role="search" aria-label="Filtrer les dossiers">
        <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
          <NativeSelect
            label="Type"
            name="type"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value)}
            data={[{ value: '', label: 'Tous les types' }, ...kinds]}
          />
          <TextInput
            label="Rechercher"
            description="Nom du partenaire, SIRET ou code convention"
            name="recherche"
            type="search"
            maxLength={100}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            miw={260}
          />
          <Button type="submit">Rechercher</Button>
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setKind('')
                setSearch('')
                router.get(PATH)
              }}
            >
              Effacer les filtres
            </Button>
          )}
        </Group>
      </form>

      <ScrollableTable label="Dossiers à traiter" minWidth={720}>
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>
            {pagination.total === 0
              ? filtered
                ? 'Aucun dossier en attente ne correspond à votre recherche.'
                : 'Aucun dossier en attente de décision.'
              : `Dossiers en attente de décision, du plus ancien au plus récent : ${rows.length} affichés sur ${pagination.totalExceeds ? 'plus de ' : ''}${pagination.total.toLocaleString('fr-FR')}`}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Reçu le</Table.Th>
              <Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">État</Table.Th>
              <Table.Th scope="col">Partenaire</Table.Th>
              <Table.Th scope="col">SIRET</Table.Th>
              <Table.Th scope="col">Code convention</Table.Th>
              <Table.Th scope="col">Caisse</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{row.receivedAt}</Table.Td>
                <Table.Td>{row.kind}</Table.Td>
                <Table.Td>{row.state}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} href={`${PATH}/${row.id}`}>
                    {row.partnerName ?? `Dossier n° ${row.id}`}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.siret ?? '—'}</Table.Td>
                <Table.Td>{row.conventionCode ?? '—'}</Table.Td>
                <Table.Td>{row.caisseName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>

      {(pagination.previous || pagination.next) && (
        <nav aria-label="Pages des dossiers">
          <Group justify="space-between" mt="md" wrap="wrap">
            {pagination.previous ? (
              <Button
                component={Link}
                href={pageHref(filters, { avant: pagination.previous })}
                variant="default"
              >
                Page précédente
              </Button>
            ) : (
              <span />
            )}
            {pagination.next && (
              <Button
                component={Link}
                href={pageHref(filters, { apres: pagination.next })}
                variant="default"
              >
                Page suivante
              </Button>
            )}
          </Group>
        </nav>
      )}
    </>
  )
}
