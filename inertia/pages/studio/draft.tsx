import { Suspense, lazy, useEffect, useRef, useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  Text,
  Title,
} from '@mantine/core'
import type { DraftPageProps } from '#transformers/studio/draft'
import StudioNav from '~/components/studio/studio_nav'
import FormEditor from '~/components/studio/form_editor'
import StatesEditor from '~/components/studio/states_editor'
import GraphPanel, {
  selectionOfRefusal,
  type GraphSelection,
} from '~/components/studio/graph_panel'

/** The graph's library is loaded only when a draft page shows it */
const WorkflowGraph = lazy(() => import('~/components/studio/workflow_graph'))
import PermissionsEditor from '~/components/studio/permissions_editor'
import MailsEditor from '~/components/studio/mails_editor'
import Simulator, { type SimulationTrace } from '~/components/studio/simulator'
import HistoryTable from '~/components/history_table'

/**
 * S3 S9 « Atelier » › « Parcours » › a workflow's draft: its version, who
 * made it, the live checks of workflow:validate (each problem where it is,
 * in words), « Publier » (disabled, with the reason, while a problem
 * remains; refused by the server anyway), « Exporter » and « Abandonner le
 * brouillon » (after a confirmation). The editors of the draft sit below,
 * then the « Historique des modifications » of every version of the workflow.
 */
export default function Draft(props: DraftPageProps & { errors?: Record<string, string> }) {
  const { workflow, draft, published, problems, exportUrl } = props
  const errors = props.errors ?? {}
  const base = `/atelier/parcours/${workflow.key}/brouillon`
  const [confirming, setConfirming] = useState(false)
  const [sending, setSending] = useState(false)
  const refusal = useRef<HTMLDivElement>(null)
  /** S7 the states « Simuler » went through and the transitions it took, marked on the graph */
  const [trace, setTrace] = useState<SimulationTrace>({ visited: [], taken: [] })
  /** S4 what is selected on the graph, for the panel beside it */
  const [selection, setSelection] = useState<GraphSelection>(() => selectionOfRefusal(props.states))
  const blocked = problems.length > 0
  const refused = errors.publish ?? errors.draft

  useEffect(() => {
    if (refused) refusal.current?.focus()
  }, [refused])

  const send = (method: 'post' | 'delete', url: string) =>
    router.visit(url, {
      method,
      preserveScroll: true,
      onStart: () => setSending(true),
      onFinish: () => setSending(false),
    })

  return (
    <>
      <Head
        title={`${refused ? 'Erreur – ' : ''}Brouillon de « ${workflow.title} » – Parcours – Atelier`}
      />
      <Text size="sm" c="dimmed">
        Atelier ›{' '}
        <Anchor component={Link} href="/atelier/parcours" size="sm">
          Parcours
        </Anchor>
      </Text>
      <Title order={1} mb="sm">
        {workflow.title} : brouillon
      </Title>
      <StudioNav current="parcours" />

      <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="brouillon-version">
        <Title order={2} size="h3" id="brouillon-version" mb="xs">
          Version {draft.version}{' '}
          <Badge color="blue-france" variant="light">
            {draft.statusLabel}
          </Badge>
        </Title>
        <List spacing={4} mb="md" listStyleType="none" ml={0} pl={0}>
          <List.Item>Clé : {workflow.key}</List.Item>
          <List.Item>Créé par : {draft.author}</List.Item>
          <List.Item>
            Créé le <time dateTime={draft.createdAtIso}>{draft.createdAt}</time>, modifié le{' '}
            <time dateTime={draft.updatedAtIso}>{draft.updatedAt}</time>
          </List.Item>
          <List.Item>
            {published
              ? `Version publiée aujourd’hui : la version ${published.version} (publiée par ${published.author} le ${published.publishedAt}) ; les dossiers commencés avec elle la gardent.`
              : 'Aucune version publiée aujourd’hui.'}
          </List.Item>
        </List>

        {refused && (
          <Alert color="red" mb="md" role="alert" ref={refusal} tabIndex={-1}>
            {refused}
          </Alert>
        )}

        <Group gap="sm" align="flex-start">
          <Button
            onClick={() => send('post', `${base}/publication`)}
            disabled={blocked}
            loading={sending && !confirming}
            aria-describedby={blocked ? 'publier-explication' : undefined}
          >
            Publier
          </Button>
          <Button component="a" href={exportUrl} download variant="default">
            Exporter
          </Button>
          {published && (
            <Button
              component={Link}
              href={`/atelier/parcours/${workflow.key}/comparer?de=${published.version}&a=${draft.version}`}
              variant="default"
            >
              Comparer avec la version publiée
            </Button>
          )}
          <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
            Abandonner le brouillon
          </Button>
        </Group>
        {blocked && (
          <Text id="publier-explication" size="sm" mt="xs">
            « Publier » attend que les vérifications ne signalent plus aucun problème.
          </Text>
        )}
        <Text size="sm" c="dimmed" mt="xs">
          Pour importer un fichier dans ce parcours, abandonnez d’abord ce brouillon.
        </Text>
      </Paper>

      <section aria-labelledby="verifications">
        <Title order={2} size="h3" id="verifications" mb="xs">
          Vérifications
        </Title>
        {problems.length === 0 ? (
          <Text mb="lg">
            Aucun problème : ce brouillon passe les mêmes vérifications que « workflow:validate » et
            peut être publié.
          </Text>
        ) : (
          <>
            <Text mb="xs">
              {problems.length === 1
                ? 'Un problème à corriger avant de publier :'
                : `${problems.length} problèmes à corriger avant de publier :`}
            </Text>
            <List mb="lg" spacing="xs">
              {problems.map((problem, index) => (
                <List.Item key={`${problem.path}-${index}`}>
                  <Text span fw={600}>
                    {problem.where}
                  </Text>{' '}
                  : {problem.message}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </section>

      <StatesEditor editor={props.states} baseUrl={base} errors={errors} />
      <section aria-labelledby="graphe-titre">
        <Title order={2} size="h3" id="graphe-titre" mt="xl" mb="sm">
          Graphe du parcours
        </Title>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Suspense fallback={<Text>Chargement du graphe…</Text>}>
              <WorkflowGraph
                states={props.states.states}
                marks={props.marks}
                visited={trace.visited}
                taken={trace.taken}
                selection={selection}
                onSelect={setSelection}
              />
            </Suspense>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <GraphPanel
              editor={props.states}
              baseUrl={base}
              errors={errors}
              selection={selection}
              onSelect={setSelection}
            />
          </Grid.Col>
        </Grid>
      </section>
      <Simulator baseUrl={base} roles={props.permissions.roles} onTraced={setTrace} />

      <FormEditor editor={props.forms} baseUrl={base} errors={errors} />

      <PermissionsEditor
        editor={props.permissions}
        baseUrl={base}
        errors={errors}
        problems={problems}
      />
      <MailsEditor editor={props.mails} baseUrl={base} errors={errors} problems={problems} />

      <HistoryTable id="historique" entries={props.history} />

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Abandonner le brouillon ?"
        closeButtonProps={{ 'aria-label': 'Fermer' }}
        centered
      >
        <Text mb="md">
          Le brouillon (version {draft.version}) de « {workflow.title} » et ses modifications seront
          supprimés. La version publiée et les dossiers en cours ne changent pas.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
            Annuler
          </Button>
          <Button color="red" loading={sending} onClick={() => send('delete', base)}>
            Oui, abandonner le brouillon
          </Button>
        </Group>
      </Modal>
    </>
  )
}
