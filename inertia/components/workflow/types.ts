import type { CaptchaChallenge } from '~/components/captcha_field'

/**
 * Props of the generic workflow pages, as app/services/workflow/screens.ts
 * shapes them (keep both in step).
 */

export type Option = { value: string; label: string }

export type ScreenField = {
  name: string
  label: string
  /** text, textarea, email, phone, siret, postal_code, login, password, select, dependent_select, checkbox, captcha, derived */
  type: string
  required: boolean
  maxLength: number | null
  help: string | null
  group: string | null
  options?: Option[]
  dependsOn?: string
  optionsByParent?: Record<string, Option[]>
}

export type ScreenForm = {
  event: string
  title: string | null
  submitLabel: string
  fields: ScreenField[]
  url: string
}

export type ScreenProps = {
  workflow: { key: string; title: string; version: number }
  instance: { id: number; state: string; done: boolean; lockVersion: number } | null
  screen: { title: string; paragraphs: string[]; display: Array<{ label: string; value: string }> }
  steps: Array<{ state: string; title: string }>
  activeStep: number
  forms: ScreenForm[]
  captcha: CaptchaChallenge | null
}
