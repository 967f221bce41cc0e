import { Head, Link, useForm } from '@inertiajs/react'
import { Alert, Anchor, Button, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { DecisionAction, ItemPageProps, ItemSummary } from '#transformers/back_office/item'
import ScrollableTable from '~/components/scrollable_table'
import FieldInput, { type FieldValue } from '~/components/workflow/field_input'

/** The colour beside a decision's label; neutral is the theme's own */
const TONE_COLORS: Record<DecisionAction['tone'], string | undefined> = {
  accept: 'green',
  refuse: 'red',
  neutral: undefined,
}

/**
 * One decision (« Valider », or « Invalider » with its reason, or any event
 * an analyst gave the caisse, its fields of any type). The page's
 * lock_version goes with it: if another administrator decided meanwhile,
 * the server answers « Ce dossier a déjà été traité. ».
 */
function DecisionForm({
  action,
  item,
  errors,
}: {
  action: DecisionAction
  item: ItemSummary
  errors: Record<string, string>
}) {
  const initial: Record<string, FieldValue | number> = {
    event: action.event,
    lockVersion: item.lockVersion,
  }
  for (const field of action.fields) {
    if (field.type === 'derived') continue
    if (field.type === 'checkbox') initial[field.name] = false
    else if (field.type === 'select' || field.type === 'dependent_select')
      initial[field.name] = null
    else initial[field.name] = ''
  }
  const form = useForm(initial)
  const values = form.data as Record<string, FieldValue>

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post(`/caisse/dossiers/${item.id}/decision`, { preserveScroll: true })
  }

  return (
    <form onSubmit={submit} noValidate aria-label={action.label}>
      <Stack gap="sm">
        {action.fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={values[field.name] ?? null}
            values={values}
            error={errors[field.name]}
            onChange={(value) => form.setData(field.name, value)}
          />
        ))}
        <div>
          <Button type="submit" loading={form.processing} color={TONE_COLORS[action.tone]}>
            {action.label}
          </Button>
        </div>
      </Stack>
    </form>
  )
}

/**
 * C2: an item of « Dossiers à traiter »: what was submitted, its history
 * (who, what, when) and the decisions the administrator may take. Every
 * value is printed as text.
 */
export default function BackOfficeItemShow({
  item,
  submitted,
  history,
  actions,
  errors,
  alert,
}: ItemPageProps) {
  const name = item.partnerName ?? `Dossier n° ${item.id}`
  const fieldErrors = errors ?? {}
  const hasFieldErrors = Object.keys(fieldErrors).length > 0

  return (
    <>
      <Head title={`${hasFieldErrors ? 'Erreur – ' : ''}${item.kind} – ${name}`} />
      <Anchor component={Link} href="/caisse/dossiers" size="sm">
        Retour aux dossiers à traiter
      </Anchor>
      <Title order={1} mt="xs" mb="xs">
        {item.kind} – {name}
      </Title>
      <Text mb="md">
        État :{' '}
        <Text component="strong" fw={700}>
          {item.state}
        </Text>
      </Text>

      {alert && !hasFieldErrors && (
        <Alert color="red" mb="md" role="alert" title="Décision non enregistrée">
          {alert}
        </Alert>
      )}

      <Paper withBorder p="md" mb="lg">
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
          {[
            ['Reçu le', item.receivedAt],
            ['Caisse', item.caisseName],
            ['Partenaire', item.partnerName],
            ['SIRET', item.siret],
            ['Code convention', item.conventionCode],
            ...(item.decisionReason ? [['Motif de la décision', item.decisionReason]] : []),
          ].map(([label, value]) => (
            <div key={label}>
              <Text component="dt" fw={600} size="sm">
                {label}
              </Text>
              <Text component="dd" m={0}>
                {value ?? '—'}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>

      {actions.length > 0 && (
        <section aria-labelledby="decision-titre">
          <Title order={2} id="decision-titre" mb="sm">
            Décision
          </Title>
          <SimpleGrid cols={{ base: 1, md: actions.length }} mb="lg">
            {actions.map((action) => (
              <Paper withBorder p="md" key={action.event}>
                <DecisionForm action={action} item={item} errors={fieldErrors} />
              </Paper>
            ))}
          </SimpleGrid>
        </section>
      )}

      <section aria-labelledby="soumis-titre">
        <Title order={2} id="soumis-titre" mb="sm">
          Données transmises
        </Title>
        {submitted.length === 0 && <Text mb="md">Aucune donnée saisie.</Text>}
        {submitted.map((section) => (
          <Table key={section.title} withTableBorder mb="md" captionSide="top">
            <Table.Caption>{section.title}</Table.Caption>
            <Table.Tbody>
              {section.fields.map((field, index) => (
                <Table.Tr key={`${field.label}-${index}`}>
                  <Table.Th scope="row" w="35%">
                    {field.label}
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{field.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
      </section>

      <section aria-labelledby="historique-titre">
        <Title order={2} id="historique-titre" mb="sm">
          Historique
        </Title>
        <ScrollableTable label="Historique du dossier" minWidth={640}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>Historique du dossier, du plus ancien au plus récent</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Par</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">État</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((entry) => (
                <Table.Tr key={entry.seq}>
                  <Table.Td>
                    <time dateTime={entry.atIso}>{entry.at}</time>
                  </Table.Td>
                  <Table.Td>{entry.actor}</Table.Td>
                  <Table.Td>
                    {entry.event}
                    {entry.details.map((detail) => (
                      <Text key={detail.label} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {detail.label} : {detail.value}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{entry.from ? `${entry.from} → ${entry.to}` : entry.to}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      </section>
    </>
  )
}
