import { useEffect, useRef } from 'react'
import { Head, useForm, usePage } from '@inertiajs/react'
import { Alert, Button, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import type { ContactPageProps, ContactValues } from '#transformers/contact/create'
import CaptchaField, { captchaFormData } from '~/components/captcha_field'
import type { SharedProps } from '~/types'

const TITLE = 'Contacter l’assistance fonctionnelle'
const FIELD_ORDER = ['name', 'email', 'subject', 'message', 'captcha'] as const

/**
 * P2: the footer's "contact" form to the functional support. Every answer
 * of the server brings a new captcha: the form starts again from the
 * server's values (what was typed after a refusal, empty after a success).
 */
export default function ContactCreate(props: ContactPageProps) {
  return <ContactForm key={props.captcha.id} {...props} />
}

/**
 * A refused submission comes back with a message next to each field, what
 * was typed kept and a new captcha; the focus goes to the summary of the
 * errors. After a success the confirmation is shown above (flash) and the
 * focus goes to the main content, where it is.
 */
function ContactForm({ captcha, values, limits }: ContactPageProps) {
  const { errors } = usePage<SharedProps>().props
  const form = useForm({ ...values, ...captchaFormData(captcha) })
  const summary = useRef<HTMLDivElement>(null)
  const errorCount = FIELD_ORDER.filter((field) => errors[field]).length
  const hasErrors = errorCount > 0 || Boolean(errors.form)

  useEffect(() => {
    if (hasErrors) summary.current?.focus()
  }, [errors, hasErrors])

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post('/contact', {
      onSuccess: () => document.getElementById('contenu')?.focus(),
    })
  }

  const text = (field: keyof ContactValues) => ({
    name: field,
    value: form.data[field],
    error: errors[field],
    required: true,
    maxLength: limits[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      form.setData(field, event.currentTarget.value),
  })

  return (
    <>
      <Head title={hasErrors ? `Erreur – ${TITLE}` : TITLE} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={640} mx="auto">
        <Title order={1} size="h2" mb="xs">
          {TITLE}
        </Title>
        <Text mb="xs">
          {
            'Une question, un problème de connexion\u00a0? Écrivez à l’assistance fonctionnelle du portail\u00a0: elle vous répondra à l’adresse email indiquée.'
          }
        </Text>
        <Text size="sm" c="dimmed" mb="md">
          Les champs marqués d’un astérisque (*) sont obligatoires.
        </Text>
        {hasErrors && (
          <Alert color="red" mb="md" role="alert" ref={summary} tabIndex={-1}>
            {errors.form ??
              (errorCount > 1
                ? `Le formulaire contient ${errorCount} erreurs\u00a0: corrigez les champs signalés.`
                : 'Le formulaire contient une erreur\u00a0: corrigez le champ signalé.')}
          </Alert>
        )}
        <form onSubmit={submit} noValidate aria-label={TITLE}>
          <Stack>
            <TextInput label="Nom" autoComplete="name" {...text('name')} />
            <TextInput
              label="Adresse email"
              type="email"
              autoComplete="email"
              spellCheck={false}
              {...text('email')}
            />
            <TextInput label="Objet" {...text('subject')} />
            <Textarea
              label="Message"
              description={`${limits.message} caractères au plus.`}
              autosize
              minRows={6}
              maxRows={16}
              {...text('message')}
            />
            <CaptchaField
              challenge={captcha}
              value={form.data.captcha}
              onChange={(value) => form.setData('captcha', value)}
              onChallenge={(challenge) => form.setData('captchaId', challenge.id)}
              error={errors.captcha}
            />
            <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
              Envoyer
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
