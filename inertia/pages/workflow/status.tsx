import { Head, Link } from '@inertiajs/react'
import { Alert, Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core'
import WorkflowProgress from '~/components/workflow/progress'
import type { ScreenProps } from '#transformers/workflow/screen'

/**
 * W2: a state with nothing to do for this visitor or user: its message and
 * the record's data it lists (R5: the confirmation after "Enregistrer").
 */
export default function WorkflowStatus(props: ScreenProps) {
  const { screen, workflow } = props
  return (
    <>
      <Head title={screen.title} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={820} mx="auto">
        <WorkflowProgress
          steps={props.steps}
          active={props.activeStep}
          label={`Étapes : ${workflow.title}`}
        />
        <Title order={1} size="h2" mb="md">
          {screen.title}
        </Title>
        {screen.paragraphs.length > 0 && (
          <Alert color="green" mb="lg" role="status">
            <Stack gap="xs">
              {screen.paragraphs.map((paragraph, index) => (
                <Text key={index} size="sm">
                  {paragraph}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {screen.display.length > 0 && (
          <Table mb="lg" withTableBorder variant="vertical" captionSide="top">
            <Table.Caption>Récapitulatif</Table.Caption>
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
        <Anchor component={Link} href="/">
          Retour à l’accueil
        </Anchor>
      </Paper>
    </>
  )
}
