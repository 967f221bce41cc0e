import type { WorkflowDefinitionBody } from '#workflow/types'

/**
 * S3 where a problem of the static validator is, in the studio's words:
 * `forms.SUBMIT.fields[3].type` → « Formulaire de l'événement SUBMIT ›
 * champ siret › type ». The validator's JSON paths (ARCHITECTURE « The
 * studio ») name the part of the definition; the body gives the names
 * (a field's name, a button's label) that the indexes stand for.
 */

/** A segment of a path: a property name or an index */
type Segment = string | number

export function pathSegments(path: string): Segment[] {
  const segments: Segment[] = []
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] === undefined ? match[1] : Number(match[2]))
  }
  return segments
}

/** The words of a definition's properties, wherever they appear */
const PROPERTY_WORDS: Record<string, string> = {
  key: 'clé',
  title: 'titre',
  text: 'texte',
  label: 'libellé',
  name: 'nom',
  type: 'type',
  required: 'obligatoire',
  maxLength: 'longueur maximale',
  help: 'aide',
  group: 'groupe',
  source: 'source de données',
  options: 'options',
  dependsOn: 'champ dont il dépend',
  filterKey: 'filtre',
  submitLabel: 'libellé du bouton',
  fields: 'champs',
  destinations: 'où va la valeur',
  role: 'rôle',
  scope: 'portée',
  page: 'page',
  buttons: 'boutons',
  display: 'données affichées',
  event: 'événement',
  subject: 'objet',
  via: 'portes',
  target: 'vers',
  guard: 'condition',
  actions: 'actions',
  params: 'paramètres',
  initial: 'état initial',
  entry: 'actions à l’entrée',
  exit: 'actions à la sortie',
  always: 'transition automatique',
  description: 'description',
  tags: 'étiquettes',
  context: 'contexte initial',
  id: 'identifiant',
}

const TOP_LEVEL: Record<string, string> = {
  key: 'Clé du parcours',
  title: 'Titre du parcours',
  versionLabel: 'Libellé de version',
  description: 'Description du parcours',
  subjectType: 'Type de dossier',
  startPermissions: 'Qui peut commencer un dossier',
  viewers: 'Qui peut consulter un dossier',
  machine: 'Machine',
  forms: 'Formulaires',
  permissions: 'Qui peut envoyer les événements',
  events: 'Événements',
  contextLabels: 'Libellés des données',
  screens: 'Pages des états',
  notifications: 'Modèles de mail',
}

const word = (segment: Segment) =>
  typeof segment === 'number' ? `n° ${segment + 1}` : (PROPERTY_WORDS[segment] ?? segment)

function at(value: unknown, segment: Segment): unknown {
  if (value === null || typeof value !== 'object') return undefined
  return (value as Record<string | number, unknown>)[segment]
}

/** « Formulaire de l'événement SUBMIT › champ siret » and so on; « Définition entière » for '' */
export function problemLocation(path: string, body: WorkflowDefinitionBody | unknown): string {
  const segments = pathSegments(path)
  if (!segments.length) return 'Définition entière'
  const [head, second, ...rest] = segments
  const parts: string[] = []
  const named = typeof second === 'string'

  switch (head) {
    case 'machine':
      return [...machineParts(segments.slice(1))].join(' › ') || 'Machine'
    case 'forms':
      if (!named) break
      parts.push(`Formulaire de l’événement ${second}`)
      return [...parts, ...formParts(rest, at(at(body, 'forms'), second))].join(' › ')
    case 'permissions':
      if (!named) break
      parts.push(`Qui peut envoyer l’événement ${second}`)
      return [...parts, ...ruleParts(rest)].join(' › ')
    case 'startPermissions':
    case 'viewers':
      return [TOP_LEVEL[head], ...ruleParts(segments.slice(1))].join(' › ')
    case 'events':
      if (!named) break
      return [`Événement ${second}`, ...rest.map(word)].join(' › ')
    case 'screens':
      if (!named) break
      return [
        `Page de l’état ${second}`,
        ...screenParts(rest, at(at(body, 'screens'), second)),
      ].join(' › ')
    case 'notifications':
      if (!named) break
      return [`Modèle de mail ${second}`, ...rest.map(word)].join(' › ')
    case 'contextLabels':
      if (!named) break
      return `Libellé de la donnée ${second}`
  }
  const top = typeof head === 'string' ? (TOP_LEVEL[head] ?? head) : word(head)
  return [top, ...segments.slice(1).map(word)].join(' › ')
}

/**
 * S3 S5 where a change of the audit trail is: its keys name a field by its
 * name where the validator gives its index. `forms.SUBMIT.fields.numeroFiness`
 * → « Formulaire « Formulaire de préinscription » › champ « Numéro FINESS » »,
 * `forms.SUBMIT.fields` (a move) → « … › ordre des champs »; any other key
 * as problemLocation says it. `label`: the field's label the row itself
 * keeps, for a field no longer in the body.
 */
export function changeLocation(
  path: string,
  body: WorkflowDefinitionBody | unknown,
  label?: string
): string {
  const [head, event, fields, name, ...rest] = pathSegments(path)
  const fieldByName = typeof event === 'string' && fields === 'fields' && typeof name !== 'number'
  if (head !== 'forms' || !fieldByName) return problemLocation(path, body)
  const form = at(at(body, 'forms'), event)
  const title = at(form, 'title')
  const formWords =
    typeof title === 'string' && title
      ? `Formulaire « ${title} »`
      : `Formulaire de l’événement ${event}`
  if (name === undefined) return `${formWords} › ordre des champs`
  const list = at(form, 'fields')
  const field = Array.isArray(list) ? list.find((one) => at(one, 'name') === name) : undefined
  const known = label ?? at(field, 'label')
  const fieldWords = `champ « ${typeof known === 'string' && known ? known : name} »`
  return [formWords, fieldWords, ...rest.map(word)].join(' › ')
}

/** machine.states.a.states.b.on.EVENT[0].actions[1].type */
function* machineParts(segments: Segment[]): Generator<string> {
  let index = 0
  let first = true
  while (index < segments.length) {
    const segment = segments[index]
    const next = segments[index + 1]
    if (segment === 'states' && typeof next === 'string') {
      yield `${first ? 'État' : 'état'} ${next}`
      index += 2
    } else if (segment === 'on' && typeof next === 'string') {
      yield `transition ${next}`
      index += 2
    } else if (segment === 'after' && typeof next === 'string') {
      yield `transition après ${next}`
      index += 2
    } else if (
      (segment === 'actions' || segment === 'entry' || segment === 'exit') &&
      typeof next === 'number'
    ) {
      yield `${segment === 'actions' ? 'action' : word(segment)} n° ${next + 1}`
      index += 2
    } else {
      yield word(segment)
      index += 1
    }
    first = false
  }
}

/** fields[3].type → « champ siret › type » (the field's name from the body) */
function formParts(segments: Segment[], form: unknown): string[] {
  const [head, index, ...rest] = segments
  if (head === 'fields' && typeof index === 'number') {
    const name = at(at(at(form, 'fields'), index), 'name')
    const field = typeof name === 'string' && name ? `champ ${name}` : `champ n° ${index + 1}`
    return [field, ...rest.map(word)]
  }
  return segments.map(word)
}

/** [0].role → « règle n° 1 › rôle » */
function ruleParts(segments: Segment[]): string[] {
  const [index, ...rest] = segments
  if (typeof index === 'number') return [`règle n° ${index + 1}`, ...rest.map(word)]
  return segments.map(word)
}

/** buttons[0].event → « bouton « Valider » › événement » */
function screenParts(segments: Segment[], screen: unknown): string[] {
  const [head, index, ...rest] = segments
  if (head === 'buttons' && typeof index === 'number') {
    const label = at(at(at(screen, 'buttons'), index), 'label')
    const button =
      typeof label === 'string' && label ? `bouton « ${label} »` : `bouton n° ${index + 1}`
    return [button, ...rest.map(word)]
  }
  if (head === 'display' && typeof index === 'number') {
    const key = at(at(screen, 'display'), index)
    return [typeof key === 'string' ? `donnée affichée ${key}` : `donnée affichée n° ${index + 1}`]
  }
  return segments.map(word)
}
