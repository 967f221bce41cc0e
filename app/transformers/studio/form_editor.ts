import {
  CATALOGUE_TYPES,
  FIELD_CATALOGUE,
  destinationsOf,
  destinationsOffered,
  type CatalogueType,
} from '#services/studio/form_fields'
import { REFERENCE_LISTS, type ReferenceListKey } from '#services/studio/reference_lists'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import { machineEvents } from '#services/studio/permissions'
import { eventLabelOf } from '#transformers/studio/permissions_editor'
import type { WorkflowDefinitionBody } from '#workflow/types'
import type { Option } from '#transformers/workflow/screen'

/** What « Ajouter un champ » and a field's « Enregistrer » send, as typed */
export type FieldForm = {
  label: string
  name: string
  type: string
  required: boolean
  help: string
  group: string
  maxLength: string
  source: string
  after: string
  /** « Où va la valeur », besides the record: « partner.siret »… */
  destinations: string[]
}

export type EditorField = FieldForm & {
  /** « Texte court », or the type's own name when the catalogue does not offer it */
  typeLabel: string
  /** Its type is in the catalogue: every property can be edited */
  catalogued: boolean
}

export type FormEditorProps = {
  forms: Array<{ event: string; title: string; fields: EditorField[] }>
  catalogue: Option[]
  sources: Option[]
  /** The attributes of the domain objects the draft's actions fill (« le partenaire › SIRET ») */
  destinations: Option[]
  /** The groups the draft's fields already use, to pick from */
  groups: string[]
  /**
   * After a refusal: which form, which field (null: « Ajouter un champ »),
   * what was typed (null: a move was refused, nothing was typed)
   */
  typed: { event: string; name: string | null; values: FieldForm | null } | null
}

/** S5 the form editor's part of the draft page (inertia/components/studio/form_editor.tsx) */
export function formEditorProps(
  body: WorkflowDefinitionBody,
  typed: FormEditorProps['typed'] = null
): FormEditorProps {
  const catalogueLabel = (type: string) =>
    (CATALOGUE_TYPES as string[]).includes(type) ? FIELD_CATALOGUE[type as CatalogueType] : type
  /** An event of the machine without a form yet: its first field makes one */
  const formless = machineEvents(body)
    .filter((event) => !Object.hasOwn(body.forms, event))
    .map((event) => ({
      event,
      title: `${eventLabelOf(body, event)} (sans formulaire)`,
      fields: [],
    }))
  return {
    forms: [
      ...Object.entries(body.forms).map(([event, form]) => ({
        event,
        title: form.title ?? form.submitLabel ?? event,
        fields: form.fields.map((field) => ({
          label: field.label,
          name: field.name,
          type: field.type,
          typeLabel: catalogueLabel(field.type),
          catalogued: (CATALOGUE_TYPES as string[]).includes(field.type),
          required: field.required === true,
          help: field.help ?? '',
          group: field.group ?? '',
          maxLength: field.maxLength ? String(field.maxLength) : '',
          source: field.source ?? '',
          after: '',
          destinations: destinationsOf(body, field.name),
        })),
      })),
      ...formless,
    ],
    catalogue: CATALOGUE_TYPES.map((type) => ({ value: type, label: FIELD_CATALOGUE[type] })),
    destinations: [...destinationsOffered(body)].map(([value, label]) => ({ value, label })),
    sources: Object.keys(REFERENCE_SOURCES).map((source) => ({
      value: source,
      label: REFERENCE_LISTS[source as ReferenceListKey]?.title ?? source,
    })),
    groups: [
      ...new Set(
        Object.values(body.forms).flatMap((form) =>
          form.fields.map((field) => field.group).filter((group): group is string => !!group)
        )
      ),
    ],
    typed,
  }
}
