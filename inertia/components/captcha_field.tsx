/**
 * The portal's captcha widget (R3–R4), for every form with a captcha.
 *
 * Form data keys: a form sends the challenge id as `captchaId` and the typed
 * characters as `captcha`. With Inertia's useForm:
 *
 *   const form = useForm({ ...otherFields, ...captchaFormData(props.captcha) })
 *   <CaptchaField
 *     challenge={props.captcha}
 *     value={form.data.captcha}
 *     onChange={(value) => form.setData('captcha', value)}
 *     onChallenge={(challenge) => form.setData('captchaId', challenge.id)}
 *     error={form.errors.captcha}
 *   />
 *
 * The server (CaptchaService) checks them: `captchas.verify(captchaId, captcha)`.
 *
 * The arrow button fetches GET /captcha (JSON { id, image, question }) and
 * shows the new image and question; the typed value is cleared (onChange(''))
 * and onChallenge gets the new challenge, whose id the form must send. The
 * same happens when the page receives a new `challenge` prop (the server
 * shows a new one after a failed submission). Focus stays on the arrow.
 *
 * RGAA 1.5: for people who cannot read the image, the question below it
 * (in text) is an alternative; its answer is accepted in the same field.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { ActionIcon, Group, Stack, Text, TextInput } from '@mantine/core'
import type { CaptchaChallenge } from '#services/captcha/captcha'

export type { CaptchaChallenge }

/** The useForm keys of the captcha: `captchaId` (challenge id) and `captcha` (typed value) */
export type CaptchaFormData = { captchaId: string; captcha: string }

/** Initial useForm data of the captcha for a challenge: its id, nothing typed */
export function captchaFormData(challenge: CaptchaChallenge): CaptchaFormData {
  return { captchaId: challenge.id, captcha: '' }
}

export const CAPTCHA_LABEL =
  'Recopiez les caractères de l’image (majuscules et minuscules distinguées)'
export const CAPTCHA_RENEW_LABEL = 'Afficher d’autres caractères'
const RENEWED = 'De nouveaux caractères sont affichés.'
const RENEW_FAILED = 'Impossible d’afficher d’autres caractères pour le moment. Réessayez.'

type Props = {
  challenge: CaptchaChallenge
  value: string
  onChange(value: string): void
  error?: string
  /** Called with the challenge shown whenever it is renewed: the form must send its id as `captchaId` */
  onChallenge?(challenge: CaptchaChallenge): void
}

function RenewIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M20 11a8.1 8.1 0 0 0 -15.5 -2m-.5 -4v4h4" />
      <path d="M4 13a8.1 8.1 0 0 0 15.5 2m.5 4v-4h-4" />
    </svg>
  )
}

function isChallenge(value: unknown): value is CaptchaChallenge {
  const candidate = value as Partial<CaptchaChallenge> | null
  return (
    typeof candidate?.id === 'string' &&
    typeof candidate.image === 'string' &&
    typeof candidate.question === 'string'
  )
}

export default function CaptchaField({ challenge, value, onChange, error, onChallenge }: Props) {
  const inputId = useId()
  /** A challenge fetched with the arrow, until the server sends another one */
  const [renewed, setRenewed] = useState<CaptchaChallenge | null>(null)
  const [fromServer, setFromServer] = useState(challenge.id)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')
  if (fromServer !== challenge.id) {
    setFromServer(challenge.id)
    setRenewed(null)
    setNotice('')
  }
  const shown = renewed ?? challenge

  /** A new challenge from the server: the typed value no longer applies */
  const notified = useRef(challenge.id)
  useEffect(() => {
    if (notified.current === challenge.id) return
    notified.current = challenge.id
    onChange('')
    onChallenge?.(challenge)
  }, [challenge, onChange, onChallenge])

  const renew = async () => {
    if (busy) return
    setBusy(true)
    setNotice('')
    try {
      const response = await fetch('/captcha', {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      })
      const body: unknown = await response.json().catch(() => null)
      if (!response.ok || !isChallenge(body)) {
        const message = (body as { errors?: Array<{ message?: string }> } | null)?.errors?.[0]
          ?.message
        setNotice(message ?? RENEW_FAILED)
        return
      }
      setRenewed(body)
      onChange('')
      onChallenge?.(body)
      setNotice(RENEWED)
    } catch {
      setNotice(RENEW_FAILED)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="xs">
      <Group gap="sm" align="center" wrap="nowrap">
        <img
          src={shown.image}
          alt="Caractères à recopier"
          width={180}
          height={60}
          data-captcha-id={shown.id}
          style={{ background: '#fff', border: '1px solid #929292', borderRadius: 4 }}
        />
        {/* Never disabled while loading: a disabled button would lose the focus */}
        <ActionIcon
          type="button"
          variant="default"
          size="xl"
          aria-label={CAPTCHA_RENEW_LABEL}
          title={CAPTCHA_RENEW_LABEL}
          aria-controls={inputId}
          aria-busy={busy || undefined}
          onClick={renew}
        >
          <RenewIcon />
        </ActionIcon>
      </Group>
      <Text size="sm" role="status" aria-live="polite" c={notice === RENEWED ? undefined : 'red.8'}>
        {notice}
      </Text>
      <TextInput
        id={inputId}
        label={CAPTCHA_LABEL}
        description={`Vous ne pouvez pas lire l’image\u00a0? Répondez plutôt à cette question\u00a0: ${shown.question}`}
        name="captcha"
        required
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={20}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
      />
    </Stack>
  )
}
