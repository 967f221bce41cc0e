import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import { Badge, Button, Group, Table, Tabs, Text, Title } from '@mantine/core'
import type { ReferenceDataPageProps, ReferenceRowProps } from '#transformers/studio/reference_data'
import HistoryTable from '~/components/history_table'
import ScrollableTable from '~/components/scrollable_table'
import StudioNav from '~/components/studio/studio_nav'
import ReferenceAddForm from '~/components/studio/reference_add_form'
import ReferenceRenameForm from '~/components/studio/reference_rename_form'
import CaisseAdministratorsPanel from '~/components/studio/caisse_administrators_panel'

const TITLE = 'Référentiels'

/**
 * S1 « Les services » › « Atelier » › « Référentiels »: one tab per list
 * (?liste=…), its rows with « Renommer » and « Désactiver » / « Réactiver »,
 * « Ajouter », and the latest changes of the list. Nothing is deleted:
 * partners, conventions and records keep what they refer to.
 */
export default function ReferenceData(
  props: ReferenceDataPageProps & { errors?: Record<string, string> }
) {
  const { lists, list, rows, history, typed } = props
  const errors = props.errors ?? {}
  const [editing, setEditing] = useState<number | null>(typed.editing?.id ?? null)
  const [staffing, setStaffing] = useState<number | null>(typed.administrators?.caisseId ?? null)
  const editedRow = rows.find((row) => row.id === editing)
  const staffedRow = rows.find((row) => row.id === staffing)
  /** Which form the errors belong to: renaming, a caisse's administrators, else « Ajouter » */
  const renameErrors = typed.editing ? errors : {}
  const staffErrors = typed.administrators ? errors : {}
  const addErrors = typed.editing || typed.administrators ? {} : errors
  const hasErrors = Object.keys(errors).length > 0

  const openList = (key: string | null) => {
    if (key && key !== list.key) router.get('/atelier/referentiels', { liste: key })
  }

  /** A panel closed: the focus goes back to the button that opened it */
  const close = (row: ReferenceRowProps, button: 'renommer' | 'administrateurs') => {
    if (button === 'renommer') setEditing(null)
    else setStaffing(null)
    requestAnimationFrame(() => document.getElementById(`${button}-${row.id}`)?.focus())
  }

  const setActive = (row: ReferenceRowProps, active: boolean) =>
    router.put(
      `/atelier/referentiels/${list.key}/${row.id}/statut`,
      { active: active ? '1' : '0' },
      { preserveScroll: true }
    )

  return (
    <>
      <Head title={hasErrors ? `Erreur – ${TITLE} – Atelier` : `${TITLE} – Atelier`} />
      <Text size="sm" c="dimmed">
        Atelier
      </Text>
      <Title order={1} mb="sm">
        {TITLE}
      </Title>
      <StudioNav current="referentiels" />
      <Text mb="md" maw={720}>
        Les listes que proposent le formulaire de préinscription, l’onglet « Conventions » et les
        dossiers des caisses. Un ajout ou un changement est proposé dès la page suivante ; un
        élément désactivé n’est plus proposé, mais les dossiers qui l’ont le gardent.
      </Text>

      <Tabs value={list.key} onChange={openList} keepMounted={false}>
        <Tabs.List aria-label="Listes de référence" mb="md">
          {lists.map(({ key, title }) => (
            <Tabs.Tab key={key} value={key}>
              {title}
            </Tabs.Tab>
          ))}
        </Tabs.List>

        <Tabs.Panel value={list.key}>
          {rows.length === 0 ? (
            <Text>Cette liste est vide.</Text>
          ) : (
            <ScrollableTable label={list.title} minWidth={list.inRegime ? 1080 : 640}>
              <Table withTableBorder striped captionSide="top">
                <Table.Caption>{list.title}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Code</Table.Th>
                    <Table.Th scope="col">Libellé</Table.Th>
                    {list.inRegime && <Table.Th scope="col">Régime</Table.Th>}
                    {list.hasContactEmail && <Table.Th scope="col">Email de contact</Table.Th>}
                    {list.hasAdministrators && <Table.Th scope="col">Administrateurs</Table.Th>}
                    <Table.Th scope="col">Statut</Table.Th>
                    <Table.Th scope="col">Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>{row.code}</Table.Td>
                      <Table.Th scope="row" fw={400}>
                        {row.label}
                      </Table.Th>
                      {list.inRegime && <Table.Td>{row.regime}</Table.Td>}
                      {list.hasContactEmail && <Table.Td>{row.contactEmail || '—'}</Table.Td>}
                      {list.hasAdministrators && (
                        <Table.Td>
                          {(props.administrators[String(row.id)] ?? [])
                            .map(({ login }) => login)
                            .join(', ') || '—'}
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Badge color={row.active ? 'green' : 'gray'} variant="light">
                          {row.active ? 'actif' : 'désactivé'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            id={`renommer-${row.id}`}
                            aria-label={`Renommer « ${row.label} »`}
                            aria-expanded={editing === row.id}
                            onClick={() => setEditing(row.id)}
                          >
                            Renommer
                          </Button>
                          {list.hasAdministrators && (
                            <Button
                              size="xs"
                              variant="default"
                              id={`administrateurs-${row.id}`}
                              aria-label={`Administrateurs de « ${row.label} »`}
                              aria-expanded={staffing === row.id}
                              onClick={() => setStaffing(row.id)}
                            >
                              Administrateurs
                            </Button>
                          )}
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`${row.active ? 'Désactiver' : 'Réactiver'} « ${row.label} »`}
                            onClick={() => setActive(row, !row.active)}
                          >
                            {row.active ? 'Désactiver' : 'Réactiver'}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollableTable>
          )}

          {editedRow && (
            <ReferenceRenameForm
              key={editedRow.id}
              props={props}
              row={editedRow}
              typed={typed.editing?.id === editedRow.id ? typed.editing.values : null}
              errors={renameErrors}
              onClose={() => close(editedRow, 'renommer')}
            />
          )}

          {staffedRow && (
            <CaisseAdministratorsPanel
              key={staffedRow.id}
              props={props}
              caisse={staffedRow}
              errors={staffErrors}
              onClose={() => close(staffedRow, 'administrateurs')}
            />
          )}

          <ReferenceAddForm key={list.key} props={props} errors={addErrors} />
          <HistoryTable id="historique-referentiel" entries={history} />
        </Tabs.Panel>
      </Tabs>
    </>
  )
}
