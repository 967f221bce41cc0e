import { useState } from 'react'
import { router, usePage } from '@inertiajs/react'
import { Alert, Button, Group, Modal, Text } from '@mantine/core'
import type { SharedProps } from '~/types'
import type { RegistrationPageProps } from '#transformers/administration/registration'
import type { UserDetails, UserRow } from '#transformers/administration/users'
import HistoryTable from '~/components/history_table'
import UsersTable from './users_table'
import UserForm from './users_form'

/**
 * M2–M5 « Utilisateurs »: the table of the partner's users, « Créer
 * utilisateur » (a new, empty form: what was being typed is dropped), the
 * opened user with their history, and the confirmation of a deletion
 * (« OK » / « Annuler », a Mantine Modal: focus kept inside, Échap closes).
 */
export default function UsersPanel({
  users,
  details,
  limits,
  errors,
}: {
  users: UserRow[]
  /** By user id: téléphone, email and history of an opened user */
  details: Record<string, UserDetails>
  limits: RegistrationPageProps['limits']['user']
  errors: Record<string, string>
}) {
  const { currentUser } = usePage<SharedProps>().props
  const currentUserId = currentUser?.id ?? null
  const [openedId, setOpenedId] = useState<number | null>(null)
  /** Changes on each « Créer utilisateur »: the form starts again, empty */
  const [draft, setDraft] = useState(0)
  const [deleting, setDeleting] = useState<UserRow | null>(null)
  const [processing, setProcessing] = useState(false)

  const opened = users.find((user) => user.id === openedId) ?? null
  const openedDetails = opened ? details[String(opened.id)] : undefined

  const confirmDeletion = () => {
    if (!deleting) return
    const target = deleting
    router.delete(`/administration/utilisateurs/${target.id}`, {
      preserveScroll: true,
      preserveState: true,
      preserveUrl: true,
      onStart: () => setProcessing(true),
      onFinish: () => {
        setProcessing(false)
        setDeleting(null)
      },
      onSuccess: () => {
        if (openedId === target.id) setOpenedId(null)
      },
    })
  }

  return (
    <>
      {errors.user && (
        <Alert color="red" mb="md" role="alert">
          {errors.user}
        </Alert>
      )}
      <Group mb="md">
        <Button
          variant="outline"
          onClick={() => {
            setOpenedId(null)
            setDraft((count) => count + 1)
          }}
        >
          Créer utilisateur
        </Button>
      </Group>

      <UsersTable
        users={users}
        openedId={opened?.id ?? null}
        currentUserId={currentUserId}
        onOpen={(user) => setOpenedId(user.id)}
        onDelete={setDeleting}
      />

      <UserForm
        key={opened ? `utilisateur-${opened.id}` : `nouveau-${draft}`}
        user={opened}
        details={openedDetails}
        isSelf={opened !== null && opened.id === currentUserId}
        limits={limits}
        errors={errors}
      />
      {opened && (
        <section aria-label={`Historique de l’utilisateur ${opened.login}`}>
          <HistoryTable
            id={`historique-utilisateur-${opened.id}`}
            entries={openedDetails?.history ?? []}
          />
        </section>
      )}

      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Supprimer un utilisateur"
        closeButtonProps={{ 'aria-label': 'Fermer' }}
        centered
      >
        {deleting && (
          <>
            <Text mb="md">
              Voulez-vous supprimer l’utilisateur {deleting.login} ({deleting.firstName}{' '}
              {deleting.lastName}) ? Il ne pourra plus se connecter au portail.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)} data-autofocus>
                Annuler
              </Button>
              <Button color="red" onClick={confirmDeletion} loading={processing}>
                OK
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </>
  )
}
