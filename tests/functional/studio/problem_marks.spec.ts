import { test } from '@japa/runner'
import type { DraftPageProps } from '#transformers/studio/draft'
import type { ProblemAnchor } from '#transformers/studio/problem_anchors'
import { STUDIO_BROKEN, workflowFixture } from '#tests/helpers/studio_broken_fixtures'
import { draftUrl, get, send, withoutDrafts } from './support.js'

/**
 * S4 every broken studio fixture, imported as the draft of « convention »
 * (« Importer »): the draft page's props put each problem of the checks on
 * the state or the transition it concerns, and no problem of the workflow
 * as a whole on any, for the graph to mark them.
 */

/** The marks as paths by element, to compare with the table's anchors */
function marksByPath(marks: DraftPageProps['marks']) {
  return {
    states: marks.states.map(({ state, problems }) => ({
      state,
      paths: problems.map(({ path }) => path),
    })),
    transitions: marks.transitions.map(({ state, event, problems }) => ({
      state,
      event,
      paths: problems.map(({ path }) => path),
    })),
  }
}

function expectedMarks(paths: string[], anchors: ProblemAnchor[]) {
  const expected: ReturnType<typeof marksByPath> = { states: [], transitions: [] }
  paths.forEach((path, index) => {
    const anchor = anchors[index]
    if (anchor.kind === 'state') expected.states.push({ state: anchor.state, paths: [path] })
    if (anchor.kind === 'transition') {
      expected.transitions.push({ state: anchor.state, event: anchor.event, paths: [path] })
    }
  })
  return expected
}

test.group('S4 the draft page marks each problem on its state or transition', (group) => {
  group.each.setup(withoutDrafts)

  test('{feature} {$i} the problem of {kind} is on the graph element it concerns')
    .with(STUDIO_BROKEN)
    .run(async ({ client, assert }, { name, paths, anchors }) => {
      const body = await workflowFixture(`broken/${name}`)
      body.key = 'convention'
      const imported = await send(client, 'post', '/atelier/parcours/convention/import', {
        definition: JSON.stringify(body, null, 2),
      })
      imported.assertStatus(302)
      imported.assertHeader('location', draftUrl('convention'))

      const page = await get(client, draftUrl('convention'))
      page.assertStatus(200)
      const props = page.inertiaProps as DraftPageProps
      assert.deepEqual(
        props.problems.map(({ path }) => path),
        paths
      )
      assert.deepEqual(marksByPath(props.marks), expectedMarks(paths, anchors))
      /** The marks carry the problem as the checks' list shows it: where, in words, and why */
      for (const mark of [...props.marks.states, ...props.marks.transitions]) {
        for (const problem of mark.problems) {
          assert.deepEqual(
            problem,
            props.problems.find(({ path }) => path === problem.path)
          )
        }
      }
    })

  test('S4 a draft without problems has no marks', async ({ client, assert }) => {
    const body = await workflowFixture('valid-studio-draft')
    body.key = 'convention'
    const imported = await send(client, 'post', '/atelier/parcours/convention/import', {
      definition: JSON.stringify(body),
    })
    imported.assertStatus(302)
    const page = await get(client, draftUrl('convention'))
    const props = page.inertiaProps as DraftPageProps
    assert.deepEqual(props.problems, [])
    assert.deepEqual(props.marks, { states: [], transitions: [] })
  })
})
