import { Suspense, lazy, useEffect, useRef, useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Text,
  Title,
} from '@mantine/core'
import type {
  ComparisonHunk,
  ComparisonItem,
  ComparisonLine,
  ComparisonPageProps,
} from '#transformers/studio/comparison'
import StudioNav from '~/components/studio/studio_nav'

/** The graph's libraries (React Flow, dagre) load with the graph only */
const WorkflowGraph = lazy(() => import('~/components/studio/workflow_graph'))
/** « de » the version compared from, « a » the one compared to (the query's words) */
const SELECTS = [
  { name: 'de', label: 'Version de départ' },
  { name: 'a', label: 'Version d’arrivée' },
] as const

const KIND_COLORS = {
  added: 'green',
  removed: 'red',
  changed: 'blue-france',
  moved: 'gray',
} as const

/**
 * S8 « Atelier » › « Parcours » › « Comparer » two versions of a workflow:
 * « Version de départ », « Version d’arrivée » (any two, the draft
 * included), then what was added, removed, changed or moved, grouped
 * (États, Transitions, Champs, Permissions, Mails, Libellés d’événements),
 * each with what it was and what it is now; then « JSON côte à côte », the
 * lines that differ marked − and +, in two regions that scroll together
 * and take the keyboard focus.
 */
export default function Comparison(
  props: ComparisonPageProps & { errors?: Record<string, string> }
) {
  const { workflow, versions, selected, comparison } = props
  const errors = props.errors ?? {}
  const refused = Object.keys(errors).length > 0
  const [chosen, setChosen] = useState({
    de: String(selected.from ?? ''),
    a: String(selected.to ?? ''),
  })
  const path = `/atelier/parcours/${workflow.key}/comparer`
  const options = versions.map(({ version, label }) => ({ value: String(version), label }))
  const selects = useRef<Record<string, HTMLSelectElement | null>>({})

  /** A refusal: the focus on the select it concerns, whose message says why */
  const refusedSelect = SELECTS.find(({ name }) => errors[name])?.name
  useEffect(() => {
    if (refusedSelect) selects.current[refusedSelect]?.focus()
  }, [refusedSelect])

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    router.get(path, chosen)
  }

  return (
    <>
      <Head
        title={`${refused ? 'Erreur – ' : ''}Comparer les versions de « ${workflow.title} » – Parcours – Atelier`}
      />
      <Text size="sm" c="dimmed">
        Atelier ›{' '}
        <Anchor component={Link} href="/atelier/parcours" size="sm">
          Parcours
        </Anchor>
      </Text>
      <Title order={1} mb="sm">
        {workflow.title} : comparer deux versions
      </Title>
      <StudioNav current="parcours" />

      {versions.length < 2 ? (
        <Text mb="md">Ce parcours n’a qu’une version : il n’y a rien à comparer.</Text>
      ) : (
        <form onSubmit={submit} aria-label="Versions à comparer" noValidate>
          <Group align="flex-start" gap="sm" mb="lg" wrap="wrap">
            {SELECTS.map(({ name, label }) => (
              <NativeSelect
                key={name}
                label={label}
                name={name}
                ref={(element) => {
                  selects.current[name] = element
                }}
                value={chosen[name]}
                onChange={(event) => {
                  const value = event.currentTarget.value
                  setChosen((current) => ({ ...current, [name]: value }))
                }}
                data={options}
                error={errors[name]}
                miw={240}
              />
            ))}
            <Button type="submit" mt={25}>
              Comparer
            </Button>
          </Group>
        </form>
      )}

      {comparison && (
        <>
          <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="differences">
            <Title order={2} size="h3" id="differences" mb="xs">
              Différences
            </Title>
            <Text mb="md" role="status">
              {comparison.count === 0
                ? `Aucune différence entre la ${lower(comparison.from)} et la ${lower(comparison.to)}.`
                : `${comparison.count} ${comparison.count === 1 ? 'différence' : 'différences'} de la ${lower(comparison.from)} à la ${lower(comparison.to)}.`}
            </Text>
            {comparison.groups.map((group) => (
              <Box
                component="section"
                key={group.id}
                aria-labelledby={`groupe-${group.id}`}
                mb="md"
              >
                <Title order={3} size="h4" id={`groupe-${group.id}`} mb={4}>
                  {group.title}
                </Title>
                <List spacing="sm" listStyleType="none" ml={0} pl={0}>
                  {group.items.map((item) => (
                    <ChangeItem key={item.id} item={item} />
                  ))}
                </List>
              </Box>
            ))}
          </Paper>

          <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="graphe-differences">
            <Title order={2} size="h3" id="graphe-differences" mb="xs">
              Graphe des différences
            </Title>
            <Text size="sm" mb="sm">
              Les états et transitions de la {lower(comparison.to)} ; ce qui est ajouté est en vert,
              ce qui est modifié en orange, ce qui est retiré en pointillés gris.
            </Text>
            <Suspense fallback={<Text>Chargement du graphe…</Text>}>
              <WorkflowGraph states={comparison.graph.states} changes={comparison.graph.changes} />
            </Suspense>
          </Paper>

          <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="json">
            <Title order={2} size="h3" id="json" mb="xs">
              JSON côte à côte
            </Title>
            <Text size="sm" mb="sm">
              {comparison.json.changedLines === 0
                ? 'Les deux JSON sont identiques.'
                : 'Les lignes retirées sont marquées « − » à gauche, les lignes ajoutées « + » à droite.'}
            </Text>
            <SideBySide
              before={{ label: comparison.from, lines: comparison.json.before }}
              after={{ label: comparison.to, lines: comparison.json.after }}
              hunks={comparison.json.hunks}
            />
          </Paper>
        </>
      )}
    </>
  )
}

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1)

function ChangeItem({ item }: { item: ComparisonItem }) {
  return (
    <List.Item>
      <Text component="span" fw={600}>
        {item.title}
      </Text>{' '}
      <Badge color={KIND_COLORS[item.kind]} variant="light">
        {item.kindLabel}
      </Badge>
      {item.before !== null && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          Avant : {item.before}
        </Text>
      )}
      {item.after !== null && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          Maintenant : {item.after}
        </Text>
      )}
      {item.details.length > 0 && (
        <List size="sm" withPadding>
          {item.details.map((detail) => (
            <List.Item key={detail.property} style={{ whiteSpace: 'pre-wrap' }}>
              {detail.property} — avant : {detail.before} ; maintenant : {detail.after}
            </List.Item>
          ))}
        </List>
      )}
    </List.Item>
  )
}

type Side = { label: string; lines: ComparisonLine[] }

/** The two bodies, line facing line; scrolling one region scrolls the other */
function SideBySide({
  before,
  after,
  hunks,
}: {
  before: Side
  after: Side
  hunks: ComparisonHunk[]
}) {
  const left = useRef<HTMLDivElement>(null)
  const right = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const [one, other] = [left.current, right.current]
    if (!one || !other) return
    const follow = (source: HTMLElement, target: HTMLElement) => () => {
      if (target.scrollTop !== source.scrollTop) target.scrollTop = source.scrollTop
    }
    const [fromLeft, fromRight] = [follow(one, other), follow(other, one)]
    one.addEventListener('scroll', fromLeft)
    other.addEventListener('scroll', fromRight)
    return () => {
      one.removeEventListener('scroll', fromLeft)
      other.removeEventListener('scroll', fromRight)
    }
  }, [])

  /** « Aller à une différence »: its first row at the top of both regions, the focus on the left one */
  const goTo = (row: number) => {
    const region = left.current
    const line = region?.querySelector<HTMLElement>(`[data-row="${row}"]`)
    if (!region || !line) return
    region.scrollTop = line.offsetTop
    region.focus({ preventScroll: true })
  }

  return (
    <>
      {hunks.length > 0 && (
        <Box component="nav" aria-labelledby="json-differences" mb="sm">
          <Text id="json-differences" size="sm" fw={600}>
            Aller à une différence
          </Text>
          <List size="sm" withPadding>
            {hunks.map((hunk) => (
              <List.Item key={hunk.row}>
                <Anchor component="button" type="button" size="sm" onClick={() => goTo(hunk.row)}>
                  {hunk.label}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Box>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <JsonColumn side={before} region={left} mark="removed" />
        <JsonColumn side={after} region={right} mark="added" />
      </SimpleGrid>
    </>
  )
}

function JsonColumn({
  side,
  region,
  mark,
}: {
  side: Side
  region: React.RefObject<HTMLDivElement | null>
  mark: 'added' | 'removed'
}) {
  const id = `json-${mark}`
  return (
    <div>
      <Title order={3} size="h4" id={id} mb={4}>
        {side.label}
      </Title>
      <Box
        ref={region}
        tabIndex={0}
        role="region"
        aria-labelledby={id}
        style={{
          position: 'relative',
          maxHeight: '70vh',
          overflow: 'auto',
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 4,
        }}
      >
        <Box component="pre" m={0} p="xs" fz="xs" style={{ minWidth: 'max-content' }}>
          {side.lines.map((line, index) => (
            <JsonLine key={index} row={index} line={line} />
          ))}
        </Box>
      </Box>
    </div>
  )
}

function JsonLine({ line, row }: { line: ComparisonLine; row: number }) {
  const marker = line.mark === 'added' ? '+' : line.mark === 'removed' ? '−' : ' '
  const content = (
    <>
      <Box component="span" c="dimmed" aria-hidden="true" style={{ userSelect: 'none' }}>
        {line.number === null ? '    ' : String(line.number).padStart(4)}{' '}
      </Box>
      <span aria-hidden={line.number === null}>
        {marker} {line.text}
      </span>
    </>
  )
  const background =
    line.mark === 'added'
      ? 'var(--mantine-color-green-light)'
      : line.mark === 'removed'
        ? 'var(--mantine-color-red-light)'
        : undefined
  const style = { display: 'block', textDecoration: 'none', background }
  if (line.mark === 'added') {
    return (
      <ins style={style} data-row={row}>
        {content}
      </ins>
    )
  }
  if (line.mark === 'removed') {
    return (
      <del style={style} data-row={row}>
        {content}
      </del>
    )
  }
  return (
    <span style={{ display: 'block' }} data-row={row}>
      {content}
    </span>
  )
}
