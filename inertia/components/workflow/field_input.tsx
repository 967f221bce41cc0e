import {
  Checkbox,
  PasswordInput,
  Select,
  Textarea,
  TextInput,
  type ComboboxItem,
} from '@mantine/core'
import type { ScreenField } from '#transformers/workflow/screen'

export type FieldValue = string | boolean | null

type Props = {
  field: ScreenField
  value: FieldValue
  /** All values of the form: a dependent list and a derived field read their parent */
  values: Record<string, FieldValue>
  error?: string
  onChange(value: FieldValue): void
}

const AUTOCOMPLETE: Record<string, string> = {
  email: 'email',
  phone: 'tel',
  postal_code: 'postal-code',
  login: 'username',
  password: 'new-password',
}

/**
 * One field of a definition's form, by its catalogue type. Mandatory fields
 * carry the asterisk (Mantine `required`); the server's message for the
 * field is shown under it and tied to it (aria-describedby, aria-invalid).
 */
export default function FieldInput({ field, value, values, error, onChange }: Props) {
  const common = {
    label: field.label,
    name: field.name,
    description: field.help ?? undefined,
    required: field.required,
    error,
  }
  const text = typeof value === 'string' ? value : ''
  const onText = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onChange(event.currentTarget.value)

  switch (field.type) {
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          name={field.name}
          description={field.help ?? undefined}
          required={field.required}
          error={error}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      )
    case 'textarea':
      return (
        <Textarea
          {...common}
          value={text}
          onChange={onText}
          autosize
          minRows={4}
          maxLength={field.maxLength ?? undefined}
        />
      )
    case 'password':
      return (
        <PasswordInput
          {...common}
          value={text}
          onChange={onText}
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': 'Afficher le mot de passe' }}
        />
      )
    case 'select':
    case 'dependent_select': {
      const parent = field.dependsOn ? values[field.dependsOn] : null
      const data: ComboboxItem[] =
        field.type === 'select'
          ? (field.options ?? [])
          : typeof parent === 'string'
            ? (field.optionsByParent?.[parent] ?? [])
            : []
      const parentMissing = field.type === 'dependent_select' && !parent
      return (
        <Select
          {...common}
          data={data}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next)}
          placeholder={parentMissing ? 'Faites d’abord le choix précédent' : 'Choisissez'}
          disabled={parentMissing && !error}
          searchable
          nothingFoundMessage="Aucun choix ne correspond"
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      )
    }
    case 'derived': {
      const source = field.dependsOn ? values[field.dependsOn] : null
      return (
        <TextInput
          label={field.label}
          name={field.name}
          description={field.help ?? undefined}
          value={typeof source === 'string' ? source : ''}
          readOnly
          variant="filled"
        />
      )
    }
    default:
      return (
        <TextInput
          {...common}
          type={field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : 'text'}
          inputMode={field.type === 'siret' || field.type === 'postal_code' ? 'numeric' : undefined}
          autoComplete={AUTOCOMPLETE[field.type]}
          spellCheck={field.type === 'text' || field.type === 'textarea' ? undefined : false}
          value={text}
          onChange={onText}
          maxLength={field.maxLength ?? undefined}
        />
      )
  }
}
