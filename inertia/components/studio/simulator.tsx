import { useState } from 'react'
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import type {
  SimulatedEvent,
  SimulatedStep,
  SimulationResult,
  SimulationStepInput,
} from '#workflow/simulator'
import type { ActorRole } from '#workflow/types'

type Option = { value: string; label: string }

/** The XSRF cookie AdonisJS's shield sets, sent back as its header */
function xsrfToken() {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('XSRF-TOKEN='))
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : ''
}

/**
 * S7 « Simuler » the draft: pick « Qui agit », send the events this actor
 * may send with their form, see the actions that would run and the mails
 * that would go. The panel keeps the steps and asks the server to replay
 * them each time (POST …/brouillon/simulation): nothing is saved, and the
 * forms are checked by the same compiled rules as for real.
 */
export default function Simulator({
  baseUrl,
  roles,
  onVisited,
}: {
  baseUrl: string
  roles: Option[]
  /** The states the simulated record went through, for the graph */
  onVisited?: (states: string[]) => void
}) {
  const [role, setRole] = useState<string>('visitor')
  const [steps, setSteps] = useState<SimulationStepInput[]>([])
  const [result, setResult] = useState<SimulationResult | null>(null)
  const [chosen, setChosen] = useState<SimulatedEvent | null>(null)
  const [values, setValues] = useState<Record<string, string | boolean>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const roleName = (value: string) => roles.find((option) => option.value === value)?.label ?? value

  const replay = async (nextSteps: SimulationStepInput[], actor: string) => {
    setBusy(true)
    setFailure(null)
    try {
      const response = await fetch(`${baseUrl}/simulation`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Accept': 'application/json',
          'Content-Type': 'application/json',
          'X-XSRF-TOKEN': xsrfToken(),
        },
        body: JSON.stringify({ actor: { role: actor }, steps: nextSteps }),
      })
      const body = await response.json().catch(() => null)
      if (!response.ok) {
        setFailure(body?.message ?? 'La simulation n’a pas pu se faire. Réessayez.')
        return
      }
      const answer = body as SimulationResult
      /** A refused step is shown once, then forgotten: the record stays where it was */
      const refused = answer.steps.at(-1)?.refusal
      setSteps(refused ? nextSteps.slice(0, -1) : nextSteps)
      setResult(answer)
      onVisited?.(answer.visited)
      if (!refused) {
        setChosen(null)
        setValues({})
      }
    } catch {
      setFailure('La simulation n’a pas pu se faire. Réessayez.')
    } finally {
      setBusy(false)
    }
  }

  const chooseActor = (value: string | null) => {
    if (!value) return
    setRole(value)
    setChosen(null)
    if (result) void replay(steps, value)
  }

  const sendEvent = () => {
    if (!chosen) return
    const payload = Object.fromEntries(
      Object.entries(values).filter(([, value]) => value !== '')
    ) as Record<string, unknown>
    void replay([...steps, { event: chosen.event, actor: role as ActorRole, payload }], role)
  }

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
                {chosen.fields.map((field) => (
                  <SimulatedField
                    key={field.name}
                    field={field}
                    value={values[field.name]}
                    error={lastRefusal?.fieldErrors[field.name]}
                    onChange={(value) =>
                      setValues((current) => ({ ...current, [field.name]: value }))
                    }
                  />
                ))}
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
    </Paper>
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

function SimulatedField({
  field,
  value,
  error,
  onChange,
}: {
  field: SimulatedEvent['fields'][number]
  value: string | boolean | undefined
  error?: string
  onChange: (value: string | boolean) => void
}) {
  const common = {
    label: field.label,
    description: field.help,
    required: field.required,
    error,
  }
  if (field.type === 'checkbox') {
    return (
      <Checkbox
        {...common}
        checked={value === true}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    )
  }
  if (field.type === 'textarea') {
    return (
      <Textarea
        {...common}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    )
  }
  return (
    <TextInput
      {...common}
      type={field.type === 'email' ? 'email' : 'text'}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  )
}
