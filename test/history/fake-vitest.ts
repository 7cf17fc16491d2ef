/** The parts of Vitest's TestModule / TestCase and Vitest that EvalgateReporter reads, for driving it in tests. */
import type { TestModule, Vitest } from 'vitest/node'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'

/** Test modules holding `tests`, as Vitest hands them to `onTestRunEnd`. */
export function fakeTestModules(tests: readonly ReportedTest[]): TestModule[] {
  return [...new Set(tests.map((t) => t.file))].map((file) => {
    const module = { type: 'module' }
    const cases = tests
      .filter((t) => t.file === file)
      .map((t) => ({
        name: t.name,
        fullName: t.fullName,
        parent: t.suitePath.length > 0 ? { type: 'suite', name: t.suitePath[0], parent: module } : module,
        result: () => ({ state: t.state, errors: t.errors.map((message) => ({ message })) }),
        diagnostic: () => ({ duration: t.durationMs }),
        meta: () => (t.meta ? { evalgate: t.meta } : {}),
      }))
    return Object.assign(module, { relativeModuleId: file, children: { *allTests() { yield* cases } } }) as unknown as TestModule
  })
}

/** A Vitest whose root is `root` and whose logger appends to `lines`. */
export function fakeVitest(lines: string[], root: string): Vitest {
  return { config: { root }, logger: { log: (text: string) => lines.push(text) } } as unknown as Vitest
}
