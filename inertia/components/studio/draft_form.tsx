import { Alert, Button, Group, List } from '@mantine/core'

/**
 * What the S6 editors' forms share (permissions_editor.tsx, mails_editor.tsx):
 * a field bound to its value in an Inertia form, with its error linked to
 * it and read out, and the « Enregistrer » button.
 */
type TextForm<Values extends Record<string, unknown>> = {
  data: Values
  setData(name: keyof Values, value: string): void
}

/** The names of a form's text values */
type TextKeys<Values> = {
  [Key in keyof Values]: Values[Key] extends string ? Key : never
}[keyof Values] &
  string

/** A Mantine Select's error, read out when it appears */
export function fieldError(errors: Record<string, string>, name: string) {
  return { error: errors[name], errorProps: { role: 'alert' } }
}

/** A TextInput or Textarea bound to the form's value of that name */
export function boundText<Values extends Record<string, unknown>>(
  form: TextForm<Values>,
  errors: Record<string, string>,
  name: TextKeys<Values>
) {
  return {
    value: form.data[name] as string,
    onChange: (changed: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      form.setData(name, changed.currentTarget.value),
    ...fieldError(errors, name),
  }
}

export function SaveButton({ processing }: { processing: boolean }) {
  return (
    <Group>
      <Button type="submit" loading={processing}>
        Enregistrer
      </Button>
    </Group>
  )
}

/** S3 S6 the problems of the live checks about one part of the draft, shown next to it */
export function ProblemsHere({
  problems,
  prefix,
  id,
}: {
  problems: Array<{ path: string; message: string }>
  /** notifications.convention_invalidated, permissions.INVALIDATE… */
  prefix: string
  id: string
}) {
  const here = problems.filter(
    ({ path }) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)
  )
  if (!here.length) return null
  return (
    <Alert color="red" mb="sm" id={id} title="À corriger avant de publier">
      <List size="sm" spacing={2}>
        {here.map((problem, index) => (
          <List.Item key={`${problem.path}-${index}`}>{problem.message}</List.Item>
        ))}
      </List>
    </Alert>
  )
}
