import { Head, router } from '@inertiajs/react'
import { Paper, SimpleGrid, Tabs, Text, Title } from '@mantine/core'
import AddressForm from '~/components/administration/address_form'
import type {
  AdministrationTab,
  RegistrationPageProps,
} from '#transformers/administration/registration'
import ConventionsTable from '~/components/administration/conventions_table'
import ConventionsForm from '~/components/administration/conventions_form'
import HistoryTable from '~/components/history_table'
import PartnerDetailsForm from '~/components/administration/partner_form'
import UsersPanel from '~/components/administration/users_panel'

const TABS: Array<{ value: AdministrationTab; label: string }> = [
  { value: 'partenaires', label: 'Partenaires' },
  { value: 'utilisateurs', label: 'Utilisateurs' },
  { value: 'adresse', label: 'Adresse' },
  { value: 'conventions', label: 'Conventions' },
]

const TITLE = 'Modification inscription'

/**
 * « Les services » › « Administration » › « Modification inscription »:
 * the partner's data at the top (updated at once after « Valider »), then
 * one tab per rubric. The open tab is in the address (?onglet=…), so a
 * reload or a shared link lands on it; switching tabs asks nothing of the
 * server. Each tab ends with the latest changes of what it shows.
 */
export default function AdministrationShow(props: RegistrationPageProps) {
  const { tab, partner, address, users, conventions, history, forms, limits } = props
  /** A refused « Valider » answers with the page and its field errors */
  const errors = props.errors ?? {}
  const hasErrors = Object.keys(errors).length > 0

  const openTab = (value: string | null) => {
    const next = TABS.find((candidate) => candidate.value === value)?.value
    if (!next || next === tab) return
    router.replace({
      url: `/administration?onglet=${next}`,
      props: (current) => ({ ...current, tab: next }),
      flash: {},
      preserveScroll: true,
      preserveState: true,
    })
  }

  return (
    <>
      <Head title={hasErrors ? `Erreur – ${TITLE}` : TITLE} />
      <Text size="sm" c="dimmed">
        Administration
      </Text>
      <Title order={1} mb="md">
        {TITLE}
      </Title>

      <Paper withBorder p="md" mb="lg" aria-labelledby="partenaire-titre" component="section">
        <Title order={2} size="h3" id="partenaire-titre" mb="xs">
          {partner.name}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="dl" spacing="xs" m={0}>
          {[
            ['SIRET', partner.siret],
            ['Email', partner.email],
            ['Téléphone', partner.phone],
            ['Adresse', [address.postalCode, address.city].filter(Boolean).join(' ')],
          ].map(([label, value]) => (
            <div key={label}>
              <Text component="dt" fw={600} size="sm">
                {label}
              </Text>
              <Text component="dd" m={0}>
                {value || '—'}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>

      <Tabs value={tab} onChange={openTab}>
        <Tabs.List aria-label="Rubriques de l’inscription" mb="md">
          {TABS.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>

        <Tabs.Panel value="partenaires">
          <PartnerDetailsForm values={forms.partner} limits={limits.partner} errors={errors} />
          <HistoryTable id="historique-partenaires" entries={history.partenaires} />
        </Tabs.Panel>

        <Tabs.Panel value="utilisateurs">
          {/* Its forms exist only while the tab is open: their fields never shadow another tab's */}
          {tab === 'utilisateurs' && (
            <UsersPanel
              users={users}
              details={props.userDetails}
              limits={limits.user}
              errors={errors}
            />
          )}
          <HistoryTable id="historique-utilisateurs" entries={history.utilisateurs} />
        </Tabs.Panel>

        <Tabs.Panel value="adresse">
          <AddressForm values={forms.address} limits={limits.address} errors={errors} />
          <HistoryTable id="historique-adresse" entries={history.adresse} />
        </Tabs.Panel>

        <Tabs.Panel value="conventions">
          <ConventionsTable conventions={conventions} events={props.conventionEvents} />
          <ConventionsForm
            values={forms.convention}
            choices={props.conventionChoices}
            limits={limits.convention}
            errors={errors}
          />
          <HistoryTable id="historique-conventions" entries={history.conventions} />
        </Tabs.Panel>
      </Tabs>
    </>
  )
}
