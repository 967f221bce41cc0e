import { useEffect, useState } from 'react'
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import type { SimulatedStep, SimulationStepInput } from '#workflow/simulator'
import type { SimulationAnswer } from '#services/studio/simulation'
import type { ScenarioReplayProps, ScenarioSummary } from '#transformers/studio/scenarios'
import type { ActorRole } from '#workflow/types'
import FieldInput, { type FieldValue } from '~/components/workflow/field_input'
import { blocks } from '~/components/workflow/event_form'

type OfferedEvent = SimulationAnswer['next'][number]
type OfferedField = OfferedEvent['fields'][number]

type Option = { value: string; label: string }

/** The XSRF cookie AdonisJS's shield sets, sent back as its header */
function xsrfToken() {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('XSRF-TOKEN='))
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : ''
}

/** One JSON request of the panel: its status and its body (null when it is no JSON) */
async function requestJson(url: string, method: 'GET' | 'POST' | 'DELETE', body?: unknown) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      'Accept': 'application/json',
      'X-XSRF-TOKEN': xsrfToken(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { ok: response.ok, body: await response.json().catch(() => null) }
}

const FAILED = 'La simulation n’a pas pu se faire. Réessayez.'

/** S7 what the graph marks of a run: the states gone through, the transitions taken (state drawn, event) */
export type SimulationTrace = {
  visited: string[]
  taken: Array<{ state: string; event: string }>
}

/** The graph draws the top-level states: a step from a nested state is on its parent's edge */
function traceOf(answer: SimulationAnswer): SimulationTrace {
  return {
    visited: answer.visited,
    taken: answer.steps
      .filter((step) => step.to !== null)
      .map((step) => ({ state: step.from.id.split('.')[0], event: step.event })),
  }
}

/**
 * S7 « Simuler » the draft: pick « Qui agit », send the events this actor
 * may send with their form, see the actions that would run and the mails
 * that would go. The panel keeps the steps and asks the server to replay
 * them each time (POST …/brouillon/simulation): nothing is saved, and the
 * forms are checked by the same compiled rules as for real; a list offers
 * the real form's choices. « Enregistrer le scénario » keeps the run under
 * a name (…/brouillon/scenarios), « Rejouer » replays it on the draft as it
 * is now and says at which step it no longer passes.
 */
export default function Simulator({
  baseUrl,
  roles,
  onTraced,
}: {
  baseUrl: string
  roles: Option[]
  /** The states the simulated record went through and the transitions it took, for the graph */
  onTraced?: (trace: SimulationTrace) => void
}) {
  const [role, setRole] = useState<string>('visitor')
  const [steps, setSteps] = useState<SimulationStepInput[]>([])
  const [result, setResult] = useState<SimulationAnswer | null>(null)
  const [chosen, setChosen] = useState<OfferedEvent | null>(null)
  const [values, setValues] = useState<Record<string, FieldValue>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([])
  /** What the last « Rejouer » said: every step passed, or where it stopped */
  const [replayed, setReplayed] = useState<{ text: string; failed: boolean } | null>(null)
  const roleName = (value: string) => roles.find((option) => option.value === value)?.label ?? value

  useEffect(() => {
    void requestJson(`${baseUrl}/scenarios`, 'GET').then(({ ok, body }) => {
      if (ok) setScenarios(body.scenarios)
    })
  }, [baseUrl])

  /**
   * One request of the panel, one at a time: its refusal (or a network
   * failure) said in the panel's alert, else `onAnswer` takes the answer
   */
  const ask = async <Answer,>(
    url: string,
    method: 'GET' | 'POST' | 'DELETE',
    body: unknown,
    onAnswer: (answer: Answer) => void
  ) => {
    setBusy(true)
    setFailure(null)
    setReplayed(null)
    try {
      const response = await requestJson(url, method, body)
      if (response.ok) onAnswer(response.body as Answer)
      else setFailure(response.body?.message ?? FAILED)
    } catch {
      setFailure(FAILED)
    } finally {
      setBusy(false)
    }
  }

  const showAnswer = (answer: SimulationAnswer) => {
    setResult(answer)
    onTraced?.(traceOf(answer))
  }

  const replay = (nextSteps: SimulationStepInput[], actor: string) =>
    ask(
      `${baseUrl}/simulation`,
      'POST',
      { actor: { role: actor }, steps: nextSteps },
      (answer: SimulationAnswer) => {
        /** A refused step is shown once, then forgotten: the record stays where it was */
        const refused = answer.steps.at(-1)?.refusal
        setSteps(refused ? nextSteps.slice(0, -1) : nextSteps)
        showAnswer(answer)
        if (!refused) {
          setChosen(null)
          setValues({})
        }
      }
    )

  /** « Rejouer »: the panel takes the steps that still pass, and who sent the last one */
  const replayScenario = (scenario: ScenarioSummary) =>
    ask(`${baseUrl}/scenarios/${scenario.id}`, 'GET', undefined, (answer: ScenarioReplayProps) => {
      setRole(answer.role)
      setSteps(answer.steps)
      setChosen(null)
      setValues({})
      showAnswer(answer.result)
      setReplayed(
        answer.failure
          ? {
              failed: true,
              text: `Le scénario « ${scenario.name} » ne passe plus à l’étape ${answer.failure.index + 1} « ${answer.failure.label} » : ${answer.failure.message} La simulation s’arrête juste avant.`,
            }
          : {
              failed: false,
              text: `Scénario « ${scenario.name} » rejoué : ses ${answer.steps.length} étapes passent sur le brouillon.`,
            }
      )
    })

  const deleteScenario = (scenario: ScenarioSummary) =>
    ask(
      `${baseUrl}/scenarios/${scenario.id}`,
      'DELETE',
      undefined,
      (answer: { scenarios: ScenarioSummary[] }) => {
        setScenarios(answer.scenarios)
        setReplayed({ failed: false, text: `Le scénario « ${scenario.name} » est supprimé.` })
      }
    )

  const chooseActor = (value: string | null) => {
    if (!value) return
    setRole(value)
    setChosen(null)
    if (result) void replay(steps, value)
  }

  const sendEvent = () => {
    if (!chosen) return
    const payload = Object.fromEntries(
      Object.entries(values).filter(([, value]) => value !== '' && value !== null)
    ) as Record<string, unknown>
    void replay([...steps, { event: chosen.event, actor: role as ActorRole, payload }], role)
  }

  const setValue = (field: OfferedField, value: FieldValue) =>
    setValues((current) => {
      const next = { ...current, [field.name]: value }
      /** A new parent choice empties the lists that depend on it, as the real form does */
      for (const child of chosen?.fields ?? []) {
        if (child.type === 'dependent_select' && child.dependsOn === field.name) {
          next[child.name] = null
        }
      }
      return next
    })

  const lastRefusal = result?.steps.at(-1)?.refusal ?? null
  const done = result?.steps.filter((step) => step.refusal === null) ?? []

  return (
    <Paper withBorder p="md" mt="xl" component="section" aria-labelledby="simuler-titre">
      <Title order={2} size="h3" id="simuler-titre" mb="xs">
        Simuler
      </Title>
      <Text size="sm" mb="sm">
        Le brouillon tourne comme pour un vrai dossier, mais rien n’est enregistré : aucun dossier,
        aucun email envoyé. Le captcha d’un formulaire accepte tout texte saisi.
      </Text>
      <Group align="flex-end" mb="sm">
        <Select
          label="Qui agit"
          data={roles}
          value={role}
          onChange={chooseActor}
          allowDeselect={false}
          w={320}
        />
        <Button
          variant="default"
          disabled={busy || steps.length === 0 || !result}
          onClick={() => void replay(steps.slice(0, -1), role)}
        >
          Revenir d’une étape
        </Button>
        {result ? (
          <Button variant="default" disabled={busy} onClick={() => void replay([], role)}>
            Recommencer
          </Button>
        ) : (
          <Button loading={busy} onClick={() => void replay([], role)}>
            Simuler
          </Button>
        )}
      </Group>

      {failure && (
        <Alert color="red" role="alert" mb="sm">
          {failure}
        </Alert>
      )}

      {result && (
        <Stack gap="sm">
          <Text aria-live="polite">
            État actuel : <strong>{result.current.title}</strong>
            {result.current.final ? ' (final : le dossier est terminé)' : ''}
          </Text>
          {lastRefusal && (
            <Alert color="red" role="alert" title="Refusé">
              {lastRefusal.message}
              {Object.keys(lastRefusal.fieldErrors).length > 0 && (
                <List size="sm" mt="xs">
                  {Object.entries(lastRefusal.fieldErrors).map(([field, message]) => (
                    <List.Item key={field}>{message}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          {result.next.length === 0 ? (
            <Text size="sm">
              {result.current.final
                ? 'Plus aucune action possible.'
                : `Un ${roleName(role)} ne peut rien envoyer dans cet état : choisissez qui agit.`}
            </Text>
          ) : (
            <Group gap="xs" role="group" aria-label={`Actions possibles pour un ${roleName(role)}`}>
              {result.next.map((event) => (
                <Button
                  key={event.event}
                  variant={chosen?.event === event.event ? 'filled' : 'outline'}
                  aria-pressed={chosen?.event === event.event}
                  onClick={() => {
                    setChosen(event)
                    setValues({})
                  }}
                >
                  {event.label}
                </Button>
              ))}
            </Group>
          )}

          {chosen && (
            <Paper withBorder p="sm">
              <Title order={3} size="h4" mb="xs">
                {chosen.label}
              </Title>
              <Stack gap="xs">
                {blocks(chosen.fields).map((block, index) => {
                  const inputs = block.fields.map((field) => (
                    <SimulatedField
                      key={field.name}
                      field={field}
                      value={values[field.name] ?? null}
                      values={values}
                      error={lastRefusal?.fieldErrors[field.name]}
                      onChange={(value) => setValue(field, value)}
                    />
                  ))
                  /** The real form's groups: « Email » of the partner and of its administrator told apart */
                  return block.group ? (
                    <Fieldset key={`${block.group}-${index}`} legend={block.group}>
                      <Stack gap="xs">{inputs}</Stack>
                    </Fieldset>
                  ) : (
                    <Stack key={`bloc-${index}`} gap="xs">
                      {inputs}
                    </Stack>
                  )
                })}
                <Group>
                  <Button onClick={sendEvent} loading={busy}>
                    Envoyer
                  </Button>
                </Group>
              </Stack>
            </Paper>
          )}

          <Title order={3} size="h4" mt="sm">
            Étapes
          </Title>
          {done.length === 0 ? (
            <Text size="sm">Aucune étape : le dossier est à « {result.initial.title} ».</Text>
          ) : (
            <List type="ordered" spacing="sm">
              {done.map((step, index) => (
                <List.Item key={`${step.event}-${index}`}>
                  <StepSummary step={step} roleName={roleName} />
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}

      {replayed && (
        <Alert
          color={replayed.failed ? 'orange' : 'green'}
          role={replayed.failed ? 'alert' : 'status'}
          mt="sm"
        >
          {replayed.text}
        </Alert>
      )}
      <ScenarioForm
        baseUrl={baseUrl}
        role={role}
        steps={steps}
        disabled={busy || !result}
        onSaved={(saved, list) => {
          setScenarios(list)
          setReplayed({ failed: false, text: `Scénario « ${saved.name} » enregistré.` })
        }}
      />
      <Title order={3} size="h4" mt="md" id="scenarios-titre">
        Scénarios enregistrés
      </Title>
      {scenarios.length === 0 ? (
        <Text size="sm">Aucun scénario enregistré pour ce parcours.</Text>
      ) : (
        <List spacing="xs" listStyleType="none" ml={0} pl={0} aria-labelledby="scenarios-titre">
          {scenarios.map((scenario) => (
            <List.Item key={scenario.id}>
              <Group gap="xs" wrap="wrap">
                <Text>
                  <strong>{scenario.name}</strong> ({scenario.steps}), enregistré par{' '}
                  {scenario.author} le{' '}
                  <time dateTime={scenario.savedAtIso}>{scenario.savedAt}</time>
                </Text>
                <Button
                  size="xs"
                  variant="outline"
                  disabled={busy}
                  aria-label={`Rejouer « ${scenario.name} »`}
                  onClick={() => void replayScenario(scenario)}
                >
                  Rejouer
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  disabled={busy}
                  aria-label={`Supprimer « ${scenario.name} »`}
                  onClick={() => void deleteScenario(scenario)}
                >
                  Supprimer
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  )
}

/**
 * « Enregistrer le scénario »: the steps taken so far under a name; the
 * server's refusal (a name taken, a step refused) is shown at the field
 */
function ScenarioForm({
  baseUrl,
  role,
  steps,
  disabled,
  onSaved,
}: {
  baseUrl: string
  role: string
  steps: SimulationStepInput[]
  disabled: boolean
  onSaved: (saved: ScenarioSummary, scenarios: ScenarioSummary[]) => void
}) {
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  const save = async (event: React.FormEvent) => {
    event.preventDefault()
    setSaving(true)
    try {
      const response = await requestJson(`${baseUrl}/scenarios`, 'POST', {
        name,
        actor: { role },
        steps,
      })
      if (!response.ok) {
        setErrors(
          response.body?.errors ?? { name: 'Le scénario n’a pas pu être enregistré. Réessayez.' }
        )
        return
      }
      setErrors({})
      setName('')
      onSaved(response.body.scenario, response.body.scenarios)
    } catch {
      setErrors({ name: 'Le scénario n’a pas pu être enregistré. Réessayez.' })
    } finally {
      setSaving(false)
    }
  }

  /** A refused step, or the steps themselves, are said under the button */
  const stepsError = Object.entries(errors).find(([field]) => field !== 'name')?.[1]
  return (
    <form onSubmit={save} noValidate aria-label="Enregistrer le scénario">
      <Group align="flex-start" mt="md">
        <TextInput
          label="Nom du scénario"
          description="Unique dans ce parcours, par exemple « Validation après pièces »"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          maxLength={100}
          w={360}
        />
        <Button
          type="submit"
          mt={42}
          loading={saving}
          disabled={disabled || steps.length === 0}
          aria-describedby={stepsError ? 'scenario-etapes-erreur' : undefined}
        >
          Enregistrer le scénario
        </Button>
      </Group>
      {stepsError && (
        <Text id="scenario-etapes-erreur" c="red" size="sm" role="alert">
          {stepsError}
        </Text>
      )}
    </form>
  )
}

function StepSummary({
  step,
  roleName,
}: {
  step: SimulatedStep
  roleName: (role: string) => string
}) {
  return (
    <>
      <Text>
        « {step.label} » par un {roleName(step.actor)} : {step.from.title} → {step.to?.title}
      </Text>
      {step.actions.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            Actions qui seraient faites
          </Text>
          <List size="sm">
            {step.actions.map((action, index) => (
              <List.Item key={`${action.type}-${index}`}>
                <Badge variant="light" mr="xs">
                  {action.type}
                </Badge>
                {action.description}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {step.mails.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            Emails qui seraient envoyés
          </Text>
          <List size="sm">
            {step.mails.map((mail, index) => (
              <List.Item key={`${mail.template}-${index}`}>
                <details>
                  <summary>
                    « {mail.subject} » à {mail.to}
                  </summary>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {mail.text}
                  </Text>
                </details>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </>
  )
}

/**
 * One field of the simulated form as the real form shows it (a list with
 * its choices, a box to tick); the captcha takes any text here, since the
 * simulation never spends a challenge
 */
function SimulatedField({
  field,
  value,
  values,
  error,
  onChange,
}: {
  field: OfferedField
  value: FieldValue
  values: Record<string, FieldValue>
  error?: string
  onChange: (value: FieldValue) => void
}) {
  if (field.type === 'captcha') {
    return (
      <TextInput
        label={field.label}
        description="Simulation : tout texte saisi vaut réponse."
        required={field.required}
        error={error}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    )
  }
  return (
    <FieldInput field={field} value={value} values={values} error={error} onChange={onChange} />
  )
}
