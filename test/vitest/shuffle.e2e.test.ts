// `--sequence.shuffle` in a real Vitest process (the `attempts` fixture's same-name.test.ts): two tests of one name share one count of
// baseline entries, so a shuffled order swaps their entries (as Vitest's snapshots): the failure
// says so in one line, and how to make the entries independent of the order. An unshuffled
// failure of the same entry gets no such line.
import { expect, test } from 'vitest'
import { prepareFixture, removeFixture, runVitest } from './fixture-project.js'

const HINT = '"same 1" may hold another test\'s run: the 2 tests named "same" continue one count of entries and this run shuffles the order of tests (sequence.shuffle), so counted entries follow the order the tests ran in; a distinct name on each test\'s run (evaluate({ name }) or toMatchBaseline({ name })) or distinct test names make them independent of it'

test('a counted entry that fails under a shuffled order says that its count follows the order', async () => {
  const root = prepareFixture('attempts')
  const only = ['same-name.test.ts']
  const written = await runVitest(root, { ci: false, args: only })
  expect(written.exitCode, written.output).toBe(0)

  // seed 3 runs the second test first: it meets the first test's entry
  const shuffled = await runVitest(root, { ci: true, args: [...only, '--sequence.shuffle', '--sequence.seed=3'] })
  expect(shuffled.exitCode, shuffled.output).toBe(1)
  const failed = shuffled.modules[0].tests.filter((test) => test.state === 'failed')
  expect(failed.length, shuffled.output).toBeGreaterThan(0)
  expect(failed[0].errors[0]).toContain('regressed beyond what is allowed against the baseline entry "same 1"')
  expect(failed[0].errors[0]).toContain(HINT)

  // in the written order, the first test's regression fails the same entry, with no such line
  const regressed = await runVitest(root, { ci: true, args: only, env: { FIRST: 'regressed' } })
  expect(regressed.exitCode, regressed.output).toBe(1)
  const first = regressed.modules[0].tests[0]
  expect(first.errors[0]).toContain('regressed beyond what is allowed against the baseline entry "same 1"')
  expect(first.errors[0]).not.toContain('may hold another test')
  removeFixture(root)
}, 180_000)

test('so does one of concurrent tests, whose counted entries follow the order their checks are reached in (adversarial pass 64)', async () => {
  const root = prepareFixture('attempts')
  const only = ['parallel-twins.test.ts']
  const written = await runVitest(root, { ci: false, args: only })
  expect(written.exitCode, written.output).toBe(0)
  const swapped = await runVitest(root, { ci: true, args: [...only, '--sequence.concurrent'], env: { SLOW_FIRST: '1' } })
  expect(swapped.exitCode, swapped.output).toBe(1)
  const failed = swapped.modules[0].tests.filter((test) => test.state === 'failed')
  expect(failed.length, swapped.output).toBe(1)
  expect(failed[0].errors[0]).toContain('regressed beyond what is allowed against the baseline entry "same 1"')
  expect(failed[0].errors[0]).toContain('"same 1" may hold another test\'s run: the 2 tests named "same" continue one count of entries and the tests run concurrently, so counted entries follow the order their checks were reached in;')
  removeFixture(root)
}, 180_000)
