/**
 * The evalgate reporter named in test.reporters beside the plugin becomes the plugin's one
 * reporter (its own options win over the plugin's), by name, as a tuple or as a path to the
 * module; two writing one folder keep the first. (The real-process checks are in
 * plugin-wiring.e2e.test.ts.)
 */
import { join } from 'node:path'
import type { Vitest } from 'vitest/node'
import { describe, expect, test } from 'vitest'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { registerEvalgateReporter } from '../../src/vitest/reporter-registration.js'
import { REPO_ROOT } from './fixture-project.js'

function fakeVitest(reporters: unknown[]): { vitest: Vitest; warnings: string[]; reporters: unknown[] } {
  const warnings: string[] = []
  const vitest = { config: { root: REPO_ROOT, reporters }, logger: { warn: (message: string) => warnings.push(message), log: () => {} } }
  return { vitest: vitest as unknown as Vitest, warnings, reporters }
}

const evalgateReporters = (reporters: unknown[]): EvalgateReporter[] => reporters.filter((r): r is EvalgateReporter => r instanceof EvalgateReporter)

describe('registerEvalgateReporter', () => {
  test.each([
    ['a name', ['evalgate/reporter', {}]],
    ['a tuple with options', ['evalgate/reporter', { outputDir: 'named-results', html: false }]],
    ['a relative path to the module', ['./src/reporter/index.ts', {}]],
    ['an absolute path to the module', [join(REPO_ROOT, 'src/reporter/index.ts'), {}]],
  ])('%s: one reporter, in its place, with the entry options over the plugin options', (_what, entry) => {
    const { vitest, reporters } = fakeVitest([['default', {}], entry])
    registerEvalgateReporter(vitest, 'evals', { outputDir: 'plugin-results', reporter: { junit: false } })
    const made = evalgateReporters(reporters)
    expect(made).toHaveLength(1)
    expect(reporters[1]).toBe(made[0])
    expect(made[0].options).toEqual({ junit: false, outputDir: 'plugin-results', ...(entry[1] as object) })
  })

  test("a test.reporters entry's outputDir over the plugin's: said once for every project, blaming none (adversarial pass 17j)", () => {
    const { vitest, warnings } = fakeVitest([['default', {}], ['evalgate/reporter', { outputDir: 'rep-out' }]])
    for (const project of ['A', 'B']) registerEvalgateReporter(vitest, project, { outputDir: 'eval-results' })
    expect(warnings).toEqual(["evalgate: the evalgate reporter named in test.reporters writes rep-out; the plugin's outputDir eval-results is not used (the entry's own options win)"])
  })

  test('another reporter module, or none named: the plugin adds its own at the end', () => {
    const { vitest, reporters } = fakeVitest([['default', {}], ['./dump-reporter.ts', {}]])
    registerEvalgateReporter(vitest, 'evals', { outputDir: 'plugin-results' })
    expect(reporters).toHaveLength(3)
    expect((reporters[2] as EvalgateReporter).options).toEqual({ outputDir: 'plugin-results' })
  })

  test('two writing one folder keep the first, with a warning; reporter: false adds none', () => {
    const { vitest, reporters, warnings } = fakeVitest([['evalgate/reporter', {}], new EvalgateReporter({ outputDir: 'eval-results' })])
    registerEvalgateReporter(vitest, 'evals', { reporter: false })
    expect(evalgateReporters(reporters)).toHaveLength(1)
    expect(warnings).toEqual(['evalgate: the evalgate reporter was registered twice for eval-results; one writes it (the plugin adds it: test.reporters need not name it too)'])
  })
})
