import { Head, usePage } from '@inertiajs/react'
import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import EventForm from '~/components/workflow/event_form'
import WorkflowProgress from '~/components/workflow/progress'
import type { ScreenProps } from '#transformers/workflow/screen'
import type { SharedProps } from '~/types'

/**
 * W2: the generic page of a workflow state, rendered from its definition:
 * the screen's title and text, the record's data it lists, and the form of
 * each event this visitor or user may send now (fields from the catalogue,
 * mandatory ones marked *). A field added to a definition appears here with
 * no code change (W3).
 */
export default function WorkflowStep(props: ScreenProps) {
  const { errors } = usePage<SharedProps>().props
  const { screen, forms, instance, workflow } = props
  const hasErrors = forms.some((form) => form.fields.some((field) => errors[field.name]))
  const buttonsOnly = forms.length > 1 && forms.every((form) => form.fields.length === 0)
  /** A new state (or a new record) starts its forms afresh; an error keeps them */
  const formsKey = `${instance?.id ?? 'nouveau'}:${instance?.state ?? ''}:${instance?.lockVersion ?? 0}`

  return (
    <>
      <Head title={hasErrors ? `Erreur – ${screen.title}` : screen.title} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={820} mx="auto">
        <WorkflowProgress
          steps={props.steps}
          active={props.activeStep}
          label={`Étapes : ${workflow.title}`}
        />
        <Title order={1} size="h2" mb="md">
          {screen.title}
        </Title>
        <Stack gap="sm" mb="lg">
          {screen.paragraphs.map((paragraph, index) => (
            <Text key={index}>{paragraph}</Text>
          ))}
        </Stack>
        {screen.display.length > 0 && (
          <Table mb="lg" withTableBorder variant="vertical">
            <Table.Tbody>
              {screen.display.map((row) => (
                <Table.Tr key={row.label}>
                  <Table.Th scope="row" w="40%">
                    {row.label}
                  </Table.Th>
                  <Table.Td>{row.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {forms.length === 0 ? (
          <Text c="dimmed">Aucune action n’est possible pour vous à cette étape.</Text>
        ) : buttonsOnly ? (
          <Group key={formsKey}>
            {forms.map((form) => (
              <EventForm
                key={form.event}
                form={form}
                captcha={props.captcha}
                lockVersion={instance?.lockVersion ?? null}
                primary={false}
              />
            ))}
          </Group>
        ) : (
          <Stack key={formsKey} gap="xl">
            {forms.map((form, index) => (
              <EventForm
                key={form.event}
                form={form}
                captcha={props.captcha}
                lockVersion={instance?.lockVersion ?? null}
                primary={index === forms.findIndex((candidate) => candidate.fields.length > 0)}
              />
            ))}
          </Stack>
        )}
      </Paper>
    </>
  )
}
