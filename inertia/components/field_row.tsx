import { TextInput, type TextInputProps } from '@mantine/core'

/** The keys of a form's data whose value is text */
type TextFields<Data> = {
  [Name in keyof Data]: Data[Name] extends string ? Name : never
}[keyof Data] &
  string

/** What a row needs of Inertia's useForm: its data, and setData with a callback */
export type FormBinding<Data> = {
  data: Data
  setData: (update: (data: Data) => Data) => void
}

type Common = Omit<TextInputProps, 'name' | 'value' | 'onChange' | 'error' | 'form'> & {
  label: string
  /** The page's field errors: the row shows the one under its name */
  errors: Record<string, string>
}

/** A field the form sends: bounded like its validator */
type EditableRow<Data> = Common & {
  form: FormBinding<Data>
  name: TextFields<Data>
  maxLength: number
}

/** A value shown, never sent (the raison sociale, a login), which may still carry an error */
type ReadOnlyRow = Common & { form?: undefined; name: string; value: string; readOnly: true }

/**
 * One field of a form (administration, studio): its label, the input, and the
 * server's message under it (announced, and tied to the input by
 * aria-describedby and aria-invalid, which Mantine sets).
 */
export default function FieldRow<Data extends Record<string, unknown>>(
  props: EditableRow<Data> | ReadOnlyRow
) {
  if (props.form === undefined) {
    const { errors, name, ...input } = props
    return <TextInput {...input} error={errors[name]} errorProps={{ role: 'alert' }} />
  }
  const { form, errors, name, ...input } = props
  return (
    <TextInput
      {...input}
      name={name}
      value={form.data[name] as string}
      error={errors[name]}
      errorProps={{ role: 'alert' }}
      onChange={(event) => {
        const value = event.currentTarget.value
        form.setData((data) => ({ ...data, [name]: value }))
      }}
    />
  )
}
