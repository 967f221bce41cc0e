import { Stepper, VisuallyHidden } from '@mantine/core'

type Props = {
  steps: Array<{ state: string; title: string }>
  active: number
  label: string
}

/**
 * The steps of a journey and where the record is (Mantine Stepper). The
 * steps are not links: the record moves only through its forms. Screen
 * readers get the position in words.
 */
export default function WorkflowProgress({ steps, active, label }: Props) {
  if (steps.length < 2) return null
  const current = Math.min(active, steps.length - 1)
  return (
    <nav aria-label={label}>
      <VisuallyHidden>
        <p>
          Étape {current + 1} sur {steps.length} : {steps[current].title}
        </p>
      </VisuallyHidden>
      <div aria-hidden="true">
        <Stepper active={active} size="sm" allowNextStepsSelect={false} mb="lg" wrap>
          {steps.map((step) => (
            <Stepper.Step key={step.state} label={step.title} allowStepSelect={false} />
          ))}
        </Stepper>
      </div>
    </nav>
  )
}
