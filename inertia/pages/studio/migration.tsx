import { useEffect, useRef, useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import type { MigrationPageProps } from '#transformers/studio/migration'
import ScrollableTable from '~/components/scrollable_table'
import StudioNav from '~/components/studio/studio_nav'

/** The value of « ils restent » in a state's list */
const STAY = ''

/** « de » the version the records are on, « a » the one they go to (the address's words) */
const VERSION_SELECTS = [
  { name: 'de', label: 'Version des dossiers à déplacer' },
  { name: 'a', label: 'Version où les déplacer' },
] as const

/**
 * S10 « Atelier » › « Parcours » › « Migrer les dossiers »: the version the
 * records are on and the one they go to; for each state of the old version,
 * the state of the new one (the same name is chosen already; « Aucun : ils
 * restent »); the values the new version needs that some records lack;
 * « Mettre à jour l’aperçu » shows how many would move and which cannot
 * (nothing written). Then the number of records typed to confirm, « Migrer
 * les dossiers », and the migrations made so far.
 */
export default function Migration(props: MigrationPageProps & { errors?: Record<string, string> }) {
  const { workflow, fromVersions, toVersions, selected, plan, reports } = props
  const errors = props.errors ?? {}
  const refused = Object.keys(errors).length > 0
  const path = `/atelier/parcours/${workflow.key}/migration`

  const shown = {
    de: String(selected.from ?? ''),
    a: String(selected.to ?? ''),
    etats: Object.fromEntries((plan?.sources ?? []).map((source) => [source.state, source.target])),
    valeurs: Object.fromEntries(
      (plan?.missingValues ?? []).map((value) => [value.key, value.given])
    ),
  }
  const [choices, setChoices] = useState(shown)
  const [confirmation, setConfirmation] = useState('')
  const [running, setRunning] = useState(false)
  /** The preview shown is of other choices than those in the lists: no run before it is updated */
  const stale = JSON.stringify(choices) !== JSON.stringify(shown)

  const form = useRef<HTMLFormElement>(null)
  const firstError = Object.keys(errors)[0]
  useEffect(() => {
    if (!firstError) return
    const field = form.current?.ownerDocument.querySelector<HTMLElement>(
      `[data-field="${CSS.escape(firstError)}"]`
    )
    field?.focus()
  }, [firstError])

  const preview = (event: React.FormEvent) => {
    event.preventDefault()
    const { de, a, etats, valeurs } = choices
    /** Other versions: their states are not these, the server maps by name again */
    const sameVersions = de === shown.de && a === shown.a
    router.get(path, sameVersions ? { de, a, etats, valeurs } : { de, a })
  }

  const run = (event: React.FormEvent) => {
    event.preventDefault()
    router.post(
      path,
      {
        ...choices,
        de: Number(choices.de),
        a: Number(choices.a),
        /** Not a whole number: sent as null, refused next to the field */
        confirmation: /^\s*\d+\s*$/.test(confirmation) ? Number(confirmation) : null,
      },
      {
        preserveScroll: true,
        onStart: () => setRunning(true),
        onFinish: () => setRunning(false),
      }
    )
  }

  const versionOptions = (versions: typeof fromVersions) => [
    { value: '', label: 'Choisissez une version' },
    ...versions.map(({ version, label }) => ({ value: String(version), label })),
  ]

  return (
    <>
      <Head
        title={`${refused ? 'Erreur – ' : ''}Migrer les dossiers de « ${workflow.title} » – Parcours – Atelier`}
      />
      <Text size="sm" c="dimmed">
        Atelier ›{' '}
        <Anchor component={Link} href="/atelier/parcours" size="sm">
          Parcours
        </Anchor>
      </Text>
      <Title order={1} mb="sm">
        {workflow.title} : migrer les dossiers
      </Title>
      <StudioNav current="parcours" />
      <Text mb="md" maw={720}>
        Un dossier reste sur la version avec laquelle il a commencé. Migrer déplace les dossiers en
        cours d’une version vers une version plus récente : chaque dossier déplacé garde ses
        données, change d’état selon la correspondance choisie, et son historique le dit. Les
        dossiers terminés ne bougent jamais.
      </Text>

      <form
        ref={form}
        onSubmit={preview}
        aria-label="Versions et correspondance des états"
        noValidate
      >
        <Group align="flex-start" gap="sm" mb="md" wrap="wrap">
          {VERSION_SELECTS.map(({ name, label }) => (
            <NativeSelect
              key={name}
              label={label}
              name={name}
              data-field={name}
              value={choices[name]}
              onChange={(event) => {
                const version = event.currentTarget.value
                setChoices((current) => ({ ...current, [name]: version }))
              }}
              data={versionOptions(name === 'de' ? fromVersions : toVersions)}
              error={errors[name]}
              miw={300}
            />
          ))}
        </Group>

        {plan && plan.sources.length > 0 && (
          <Paper withBorder p="md" mb="md" component="section" aria-labelledby="correspondance">
            <Title order={2} size="h3" id="correspondance" mb="xs">
              Correspondance des états
            </Title>
            <Text size="sm" mb="sm">
              Un état qui porte le même nom dans la version {plan.to} y est associé d’office ; pour
              les autres, choisissez l’état où vont leurs dossiers, ou « Aucun : ils restent ».
            </Text>
            <ScrollableTable label="Correspondance des états" minWidth={760}>
              <Table withTableBorder striped captionSide="top">
                <Table.Caption>
                  États de la version {plan.from} où des dossiers sont en cours
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">État (version {plan.from})</Table.Th>
                    <Table.Th scope="col">Dossiers</Table.Th>
                    <Table.Th scope="col">État dans la version {plan.to}</Table.Th>
                    <Table.Th scope="col">Déplacés</Table.Th>
                    <Table.Th scope="col">Ne bougeront pas</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.sources.map((source) => (
                    <Table.Tr key={source.state}>
                      <Table.Th scope="row" fw={400}>
                        {source.label}
                        {source.label !== source.state && (
                          <Text size="xs" c="dimmed">
                            {source.state}
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>{source.count}</Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={`État de la version ${plan.to} pour « ${source.label} »`}
                          name={`etats[${source.state}]`}
                          data-field={`etats.${source.state}`}
                          value={choices.etats[source.state] ?? STAY}
                          onChange={(event) => {
                            const target = event.currentTarget.value
                            setChoices((current) => ({
                              ...current,
                              etats: { ...current.etats, [source.state]: target },
                            }))
                          }}
                          data={[{ value: STAY, label: 'Aucun : ils restent' }, ...plan.targets]}
                          error={errors[`etats.${source.state}`]}
                        />
                        {source.automatic && (
                          <Badge variant="light" color="gray" mt={4}>
                            même nom
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{source.movable}</Table.Td>
                      <Table.Td>
                        {source.refused.length === 0
                          ? '—'
                          : source.refused.map((line) => (
                              <Text key={line} size="sm">
                                {line}
                              </Text>
                            ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollableTable>
          </Paper>
        )}

        {plan && plan.missingValues.length > 0 && (
          <Paper withBorder p="md" mb="md" component="section" aria-labelledby="valeurs">
            <Title order={2} size="h3" id="valeurs" mb="xs">
              Données demandées par la version {plan.to}
            </Title>
            <Text size="sm" mb="sm">
              Ces données manquent à certains dossiers. Donnez une valeur pour tous, ou laissez vide
              : ces dossiers ne bougeront pas.
            </Text>
            {plan.missingValues.map((value) => (
              <TextInput
                key={value.key}
                label={`${value.label} (manque à ${value.records} dossier${value.records > 1 ? 's' : ''})`}
                name={`valeurs[${value.key}]`}
                data-field={`valeurs.${value.key}`}
                placeholder={value.suggestion}
                value={choices.valeurs[value.key] ?? ''}
                onChange={(event) => {
                  const typed = event.currentTarget.value
                  setChoices((current) => ({
                    ...current,
                    valeurs: { ...current.valeurs, [value.key]: typed },
                  }))
                }}
                error={errors[`valeurs.${value.key}`]}
                maw={480}
                mb="sm"
              />
            ))}
          </Paper>
        )}

        <Button type="submit" variant={plan && !stale ? 'default' : 'filled'} mb="lg">
          Mettre à jour l’aperçu
        </Button>
      </form>

      {plan && (
        <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="apercu">
          <Title order={2} size="h3" id="apercu" mb="xs">
            Aperçu
          </Title>
          <Text role="status" mb="sm">
            {plan.total === 0
              ? `Aucun dossier en cours sur la version ${plan.from}.`
              : `${plan.movable} dossier${plan.movable > 1 ? 's' : ''} sur ${plan.total} ${plan.movable > 1 ? 'seront déplacés' : 'sera déplacé'} de la version ${plan.from} à la version ${plan.to} ; ${plan.refused} ${plan.refused > 1 ? 'resteront' : 'restera'} sur la version ${plan.from}.`}
          </Text>
          {stale ? (
            <Text size="sm" fw={600}>
              Les choix ont changé : mettez à jour l’aperçu avant de migrer.
            </Text>
          ) : plan.movable > 0 ? (
            <form onSubmit={run} aria-label="Confirmer la migration" noValidate>
              <Group align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  label={`Tapez ${plan.movable} pour confirmer`}
                  description="Le nombre de dossiers à déplacer : aucun retour arrière automatique."
                  name="confirmation"
                  data-field="confirmation"
                  inputMode="numeric"
                  autoComplete="off"
                  value={confirmation}
                  onChange={(event) => setConfirmation(event.currentTarget.value)}
                  error={errors.confirmation}
                  maw={320}
                />
                <Button type="submit" color="red" loading={running}>
                  Migrer les dossiers
                </Button>
              </Group>
            </form>
          ) : (
            <Text size="sm">Aucun dossier à déplacer avec ces choix.</Text>
          )}
        </Paper>
      )}

      <section aria-labelledby="migrations">
        <Title order={2} size="h3" id="migrations" mb="sm">
          Migrations faites
        </Title>
        {reports.length === 0 ? (
          <Text size="sm">Aucune migration pour ce parcours.</Text>
        ) : (
          <ScrollableTable label="Migrations faites" minWidth={900}>
            <Table withTableBorder striped captionSide="top">
              <Table.Caption>De la plus récente à la plus ancienne</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Quand</Table.Th>
                  <Table.Th scope="col">Qui</Table.Th>
                  <Table.Th scope="col">Versions</Table.Th>
                  <Table.Th scope="col">Correspondance</Table.Th>
                  <Table.Th scope="col">Déplacés</Table.Th>
                  <Table.Th scope="col">Traités entre-temps</Table.Th>
                  <Table.Th scope="col">Restés</Table.Th>
                  <Table.Th scope="col">Statut</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reports.map((report) => (
                  <Table.Tr key={report.id}>
                    <Table.Td>
                      <time dateTime={report.atIso}>{report.at}</time>
                    </Table.Td>
                    <Table.Td>{report.author}</Table.Td>
                    <Table.Td>{report.versions}</Table.Td>
                    <Table.Td>{report.mapping}</Table.Td>
                    <Table.Td>{report.moved}</Table.Td>
                    <Table.Td>
                      {report.skipped}
                      {report.skippedIds.length > 0 && (
                        <Text size="xs">dossiers n° {report.skippedIds.join(', ')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{report.refused}</Table.Td>
                    <Table.Td>
                      {report.status}
                      {report.error && (
                        <Text size="xs" c="red.9">
                          {report.error}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollableTable>
        )}
      </section>
    </>
  )
}
