/**
 * Baseline files two projects, or two test files, would write: a test file run in two projects
 * (one folder for both), and one absolute folder for a monorepo's packages, which mirrors
 * `packages/p1/evals/a.test.ts` and `packages/p2/evals/a.test.ts` alike under each project's root
 * (adversarial pass 66: the refusal said one test file ran in both projects).
 */
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { TestProject } from 'vitest/node'
import { sharedBaselineFiles } from '../../src/vitest/shared-baseline-files.js'

const project = (name: string) => ({ name }) as unknown as TestProject

describe('sharedBaselineFiles', () => {
  test('one test file in two projects with one folder: shared by the projects, not by test files', async () => {
    const [small, large] = [project('small'), project('large')]
    const shared = await sharedBaselineFiles(
      new Map([
        [small, { root: '/repo', baselineDir: '__baselines__' }],
        [large, { root: '/repo', baselineDir: '__baselines__' }],
      ]),
      async () => ['/repo/evals/a.test.ts'],
    )
    expect(shared).toEqual({ projects: { [join('/repo/evals/__baselines__/a.test.ts.json')]: ['large', 'small'] }, testFiles: {} })
  })

  test("two packages' test files of one path under their roots, with one absolute folder: shared by the test files", async () => {
    const [p1, p2] = [project('p1'), project('p2')]
    const files = new Map([
      [p1, ['/repo/packages/p1/evals/a.test.ts']],
      [p2, ['/repo/packages/p2/evals/a.test.ts']],
    ])
    const shared = await sharedBaselineFiles(
      new Map([
        [p1, { root: '/repo/packages/p1', baselineDir: '/repo/baselines' }],
        [p2, { root: '/repo/packages/p2', baselineDir: '/repo/baselines' }],
      ]),
      async (p) => files.get(p)!,
    )
    expect(shared.testFiles).toEqual({ [join('/repo/baselines/evals/a.test.ts.json')]: ['/repo/packages/p1/evals/a.test.ts', '/repo/packages/p2/evals/a.test.ts'] })
  })
})
