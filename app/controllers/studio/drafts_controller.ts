import type { HttpContext } from '@adonisjs/core/http'
import { StudioRuleError } from '#services/studio/errors'
import { MAX_DRAFT_BYTES, createDraft } from '#services/studio/drafts'
import {
  abandonDraft,
  assertWorkflowExists,
  importDraft,
  publishDraft,
} from '#services/studio/publication'
import { workflowVersions } from '#services/studio/workflows'
import { draftPageOf } from '#transformers/studio/draft'
import { workflowsPageProps } from '#transformers/studio/workflows'

export const WORKFLOWS_PATH = '/atelier/parcours'

const draftPath = (key: string) => `${WORKFLOWS_PATH}/${encodeURIComponent(key)}/brouillon`

/**
 * S3 S9 a workflow's draft: « Nouvelle version » and « Importer » make it,
 * its page shows the live checks, « Publier » makes it the published
 * version, « Abandonner le brouillon » deletes it. A refusal answers 422
 * with the page it came from and the French message next to the button or
 * field; nothing is written. Behind the studio middleware.
 */
export default class DraftsController {
  async show({ params, inertia }: HttpContext) {
    const key = String(params.key)
    await assertWorkflowExists(key)
    return inertia.render('studio/draft', await draftPageOf(key))
  }

  /** « Nouvelle version » */
  async store(ctx: HttpContext) {
    const key = String(ctx.params.key)
    await assertWorkflowExists(key)
    try {
      const draft = await createDraft(key, ctx.auth.getUserOrFail())
      ctx.session.flash(
        'success',
        `La version ${draft.version} de « ${draft.body.title} » est un brouillon : modifiez-le puis publiez-le.`
      )
    } catch (error) {
      if (error instanceof StudioRuleError) return workflowsRefusal(ctx, key, error.fieldErrors)
      throw error
    }
    return ctx.response.redirect().toPath(draftPath(key))
  }

  /** « Abandonner le brouillon » (after its confirmation) */
  async destroy(ctx: HttpContext) {
    const key = String(ctx.params.key)
    try {
      const draft = await abandonDraft(key, ctx.auth.getUserOrFail())
      ctx.session.flash(
        'success',
        `Le brouillon (version ${draft.version}) est abandonné : la version publiée ne change pas.`
      )
    } catch (error) {
      if (error instanceof StudioRuleError) return workflowsRefusal(ctx, key, error.fieldErrors)
      throw error
    }
    return ctx.response.redirect().toPath(WORKFLOWS_PATH)
  }

  /** S9 « Publier » */
  async publish(ctx: HttpContext) {
    const key = String(ctx.params.key)
    try {
      const { definition, retired } = await publishDraft(key, ctx.auth.getUserOrFail())
      ctx.session.flash(
        'success',
        `La version ${definition.version} de « ${definition.body.title} » est publiée : les nouveaux dossiers la suivent` +
          (retired
            ? `, ceux commencés avec la version ${retired.version} la gardent jusqu’au bout.`
            : '.')
      )
    } catch (error) {
      if (!(error instanceof StudioRuleError)) throw error
      /** Problems left: the draft's page with them; no draft at all: the list */
      if (!error.fieldErrors.publish) return workflowsRefusal(ctx, key, error.fieldErrors)
      ctx.response.status(422)
      return ctx.inertia.render('studio/draft', {
        ...(await draftPageOf(key)),
        errors: error.fieldErrors,
      })
    }
    return ctx.response.redirect().toPath(WORKFLOWS_PATH)
  }

  /** S9 « Importer »: a JSON file (multipart « fichier ») or the JSON pasted (« definition ») */
  async import(ctx: HttpContext) {
    const key = String(ctx.params.key)
    await assertWorkflowExists(key)
    const { text, field } = await importedText(ctx)
    try {
      await importDraft(key, ctx.auth.getUserOrFail(), text, field)
    } catch (error) {
      if (!(error instanceof StudioRuleError)) throw error
      const pasted = field === 'definition' && text.length <= MAX_DRAFT_BYTES ? text : ''
      return workflowsRefusal(ctx, key, error.fieldErrors, pasted)
    }
    ctx.session.flash(
      'success',
      'Le fichier importé est le brouillon de ce parcours : vérifiez-le puis publiez-le.'
    )
    return ctx.response.redirect().toPath(draftPath(key))
  }
}

/**
 * What « Importer » sent: the file's text, read as it streams in and cut at
 * the size limit (the rest is only counted), or the text of the field
 */
async function importedText({ request }: HttpContext) {
  const multipart = request.multipart
  if (multipart && request.is(['multipart'])) {
    const chunks: Buffer[] = []
    let size = 0
    multipart.onFile('fichier', {}, async (part) => {
      for await (const chunk of part as AsyncIterable<Buffer>) {
        /** Past the limit, enough is kept for the refusal to say so */
        if (size <= MAX_DRAFT_BYTES) chunks.push(chunk)
        size += chunk.length
      }
    })
    await multipart.process()
    if (size > 0) return { text: Buffer.concat(chunks).toString('utf8'), field: 'fichier' }
  }
  const pasted = request.input('definition')
  return { text: typeof pasted === 'string' ? pasted : '', field: 'definition' }
}

async function workflowsRefusal(
  { response, inertia }: HttpContext,
  key: string,
  errors: Record<string, string>,
  definition = ''
) {
  response.status(422)
  return inertia.render('studio/workflows', {
    ...workflowsPageProps(await workflowVersions(), { key, definition }),
    errors,
  })
}
