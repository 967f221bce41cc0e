import { useEffect, useRef } from 'react'
import { useForm, usePage } from '@inertiajs/react'
import { Alert, Button, Fieldset, List, Stack, Text, Title } from '@mantine/core'
import CaptchaField, { type CaptchaChallenge } from '~/components/captcha_field'
import FieldInput, { type FieldValue } from '~/components/workflow/field_input'
import type { ScreenField, ScreenForm } from '#transformers/workflow/screen'
import type { SharedProps } from '~/types'

type Props = {
  form: ScreenForm
  captcha: CaptchaChallenge | null
  lockVersion: number | null
  /** Only one form of the page takes the error summary and its focus */
  primary: boolean
}

/** The initial value of each field: nothing chosen, nothing typed, not ticked */
function initialData(fields: ScreenField[], captcha: CaptchaChallenge | null) {
  const data: Record<string, FieldValue> = {}
  for (const field of fields) {
    if (field.type === 'derived') continue
    if (field.type === 'checkbox') data[field.name] = false
    else if (field.type === 'select' || field.type === 'dependent_select') data[field.name] = null
    else data[field.name] = ''
    if (field.type === 'captcha') data[`${field.name}Id`] = captcha?.id ?? ''
  }
  return data
}

/** Consecutive fields of one group make one block (fieldset with its legend) */
export function blocks(fields: ScreenField[]) {
  const result: Array<{ group: string | null; fields: ScreenField[] }> = []
  for (const field of fields) {
    const last = result[result.length - 1]
    if (last && last.group === field.group) last.fields.push(field)
    else result.push({ group: field.group, fields: [field] })
  }
  return result
}

/**
 * The form of one event of the current state: its fields by type, its
 * button. A refused submission comes back with a message next to each field
 * (and a summary that takes the focus); what was typed is kept, except the
 * captcha, which is new and must be typed again (R4).
 */
export default function EventForm({ form: screenForm, captcha, lockVersion, primary }: Props) {
  const { errors } = usePage<SharedProps>().props
  const form = useForm<Record<string, FieldValue>>({
    ...initialData(screenForm.fields, captcha),
    ...(lockVersion === null ? {} : { expectedLockVersion: String(lockVersion) }),
  })
  const summary = useRef<HTMLDivElement>(null)
  const fieldErrors = screenForm.fields.filter((field) => errors[field.name])
  const hasErrors = primary && fieldErrors.length > 0

  useEffect(() => {
    if (hasErrors) summary.current?.focus()
  }, [errors, hasErrors])

  const setValue = (field: ScreenField, value: FieldValue) => {
    form.setData((data) => {
      const next = { ...data, [field.name]: value }
      /** A new parent choice empties the lists that depend on it */
      for (const child of screenForm.fields) {
        if (child.type === 'dependent_select' && child.dependsOn === field.name) {
          next[child.name] = null
        }
      }
      return next
    })
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post(screenForm.url)
  }

  const formTitleId = `formulaire-${screenForm.event}`
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={screenForm.title ? formTitleId : undefined}
      aria-label={screenForm.title ? undefined : screenForm.submitLabel}
    >
      <Stack gap="md">
        {screenForm.title && (
          <Title order={2} size="h3" id={formTitleId}>
            {screenForm.title}
          </Title>
        )}
        {hasErrors && (
          <Alert
            color="red"
            role="alert"
            ref={summary}
            tabIndex={-1}
            title="Le formulaire contient des erreurs"
          >
            <Text size="sm" mb="xs">
              Corrigez les champs signalés
              {screenForm.fields.some((field) => field.type === 'captcha')
                ? ', puis saisissez les caractères de la nouvelle image.'
                : '.'}
            </Text>
            <List size="sm">
              {fieldErrors.map((field) => (
                <List.Item key={field.name}>{errors[field.name]}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {blocks(screenForm.fields).map((block, index) => {
          const inputs = block.fields.map((field) =>
            field.type === 'captcha' ? (
              captcha && (
                <CaptchaField
                  key={field.name}
                  challenge={captcha}
                  value={
                    typeof form.data[field.name] === 'string'
                      ? (form.data[field.name] as string)
                      : ''
                  }
                  onChange={(value) => form.setData(field.name, value)}
                  onChallenge={(challenge) => form.setData(`${field.name}Id`, challenge.id)}
                  error={errors[field.name]}
                />
              )
            ) : (
              <FieldInput
                key={field.name}
                field={field}
                value={form.data[field.name] ?? null}
                values={form.data}
                error={errors[field.name]}
                onChange={(value) => setValue(field, value)}
              />
            )
          )
          return block.group ? (
            <Fieldset key={`${block.group}-${index}`} legend={block.group}>
              <Stack gap="sm">{inputs}</Stack>
            </Fieldset>
          ) : (
            <Stack key={`bloc-${index}`} gap="sm">
              {inputs}
            </Stack>
          )
        })}
        <div>
          <Button type="submit" loading={form.processing}>
            {screenForm.submitLabel}
          </Button>
        </div>
      </Stack>
    </form>
  )
}
