/**
 * The key of each `toMatchBaseline()` call in its baseline file, counted as Vitest counts
 * snapshot keys (`SnapshotState`: a counter per full test name within the file, `<name> <n>`,
 * given back when a test is retried):
 * - a run without a name: `<full test name> <n>`, where `n` counts the unnamed checks of that
 *   test name in the file (`sentiment 1`, `sentiment 2`; a second test of the same full name
 *   continues the count, so it gets its own entries);
 * - a named run (`evaluate({ name })` or `toMatchBaseline({ name })`): `<full test name> > <name>`,
 *   and `<full test name> > <name> <n>` for the n-th test of that full name checking that name.
 * One test checking the same name twice, a key already used by another test (names that
 * collide with a counter), or a test whose same-named predecessor in the file does not run this
 * time (its checks, and so the count, are unknown) is an error: two checks never share an entry.
 */
import { ConfigError } from '../errors.js'

/** Who asks for a key: the test (id, full name, attempt) and the run's name. */
export interface BaselineKeyRequest {
  /** Vitest's task id: stable within a run, distinct for two tests of the same name. */
  testId: string
  /** Full test name (suites and test joined with ` > `). */
  testName: string
  /** Changes when the test runs again (retry, repeat): its keys are given back first. */
  attempt: string
  runName?: string
  /**
   * Tests of the same full name earlier in the file that do not run this time (skipped, filtered
   * out, todo). The count of their checks is unknown, so this test's counted keys would shift
   * onto theirs: an error, never a shared entry.
   */
  earlierSameNameNotRun?: number
  /**
   * Task ids of tests of the same full name earlier in the file that failed. One that claimed no
   * key (it failed before its check: a model that did not load) is counted as not run: its
   * checks are unknown, and under `-u` the next test of the name took its key and overwrote its
   * entry (adversarial pass 64).
   */
  earlierSameNameFailed?: readonly string[]
}

/** The key of one check, and (first unnamed check of a test) the key earlier versions used. */
export interface BaselineKey {
  key: string
  /** The plain test name, as evalgate stored an unnamed entry before counters: read when `key` is absent. */
  legacyKey?: string
}

/** A key a test's check claimed: the key, the count it continues and its place in that count. */
interface Claim {
  key: string
  counter: string
  count: number
}

interface TestKeys {
  attempt: string
  claimed: Claim[]
}

/**
 * Whether `key` belongs to the test called `testName`: its counted entries (`name 1`), its
 * named runs (`name > run`, `name > run 2`), or the plain name earlier versions stored.
 * @example keyBelongsToTest('suite > test 2', 'suite > test') // true
 */
export function keyBelongsToTest(key: string, testName: string): boolean {
  if (key === testName || key.startsWith(`${testName} > `)) return true
  return key.startsWith(testName) && /^ \d+$/.test(key.slice(testName.length))
}

/** The keys handed out in one baseline file during one run (see the module comment). */
export class BaselineEntryKeys {
  private readonly counters = new Map<string, number>()
  private readonly tests = new Map<string, TestKeys>()
  private readonly owners = new Map<string, string>()
  /**
   * Keys an earlier attempt of a test claimed that other tests' keys have followed since (tests of
   * one name run concurrently): its retry takes them again, in order, rather than a count that
   * is now another test's (adversarial pass 66: the retry was refused "same 2", the other's key).
   */
  private readonly reserved = new Map<string, Claim[]>()

  /**
   * The key of the next check of `request`'s test; keys of an earlier attempt of the same test
   * are given back first (returned in `released`).
   * @example new BaselineEntryKeys().claim({ testId: 't1', testName: 'model', attempt: '0' }).key // 'model 1'
   */
  claim(request: BaselineKeyRequest): BaselineKey & { released: string[] } {
    const released = this.releaseEarlierAttempt(request)
    const { testId, testName, runName } = request
    const failedUnchecked = (request.earlierSameNameFailed ?? []).some((id) => id !== testId && !this.tests.has(id))
    if ((request.earlierSameNameNotRun ?? 0) > 0 || failedUnchecked) {
      const why = (request.earlierSameNameNotRun ?? 0) > 0 ? 'does not run this time (skipped, todo, or left out by .only)' : 'failed before checking its baseline'
      throw new ConfigError(
        'baseline-ambiguous-key',
        `test "${testName}" has the same full name as an earlier test in this file that ${why}, so its baseline entries cannot be told from that test's: their keys are counted per name and would shift onto its entries; give the two tests different names`,
      )
    }
    let test = this.tests.get(testId)
    if (!test) {
      test = { attempt: request.attempt, claimed: [] }
      this.tests.set(testId, test)
    }
    const counter = runName === undefined ? testName : `${testName} > ${runName}`
    if (runName !== undefined && test.claimed.some((claim) => claim.counter === counter)) {
      throw new ConfigError(
        'baseline-duplicate-name',
        `test "${testName}" checks two runs named "${runName}" against the baseline: each toMatchBaseline() needs its own entry; give the runs different names (evaluate({ name }) or toMatchBaseline({ name })), or leave the names out to have them counted`,
      )
    }
    const kept = this.reserved.get(testId)
    const again = kept?.findIndex((claim) => claim.counter === counter) ?? -1
    const count = again >= 0 ? kept![again].count : (this.counters.get(counter) ?? 0) + 1
    if (again >= 0) kept!.splice(again, 1)
    const key = runName === undefined ? `${testName} ${count}` : count === 1 ? counter : `${counter} ${count}`
    const owner = this.owners.get(key)
    if (owner !== undefined && owner !== testId) {
      throw new ConfigError(
        'baseline-ambiguous-key',
        `the baseline entry "${key}" of test "${testName}"${runName === undefined ? '' : ` (run "${runName}")`} is already used by another check in this file: rename the test or the run so that the two keys differ`,
      )
    }
    if (count > (this.counters.get(counter) ?? 0)) this.counters.set(counter, count)
    this.owners.set(key, testId)
    test.claimed.push({ key, counter, count })
    return { key, ...(runName === undefined && count === 1 ? { legacyKey: testName } : {}), released }
  }

  private releaseEarlierAttempt(request: BaselineKeyRequest): string[] {
    const test = this.tests.get(request.testId)
    if (!test || test.attempt === request.attempt) return []
    return this.release(request.testId)
  }

  /**
   * Gives back every key the test `testId` claimed (the checks of an attempt that a retry or a
   * repeat replaces), and returns them.
   * @example keys.release('t1') // ['model 1']
   */
  release(testId: string): string[] {
    const test = this.tests.get(testId)
    if (!test) return []
    // The last keys of their count are handed out again by counting; one that another test's key
    // has followed since is kept for this test's next attempt.
    const kept: Claim[] = []
    for (const claim of [...test.claimed].reverse()) {
      if (this.counters.get(claim.counter) === claim.count) this.counters.set(claim.counter, claim.count - 1)
      else kept.unshift(claim)
      this.owners.delete(claim.key)
    }
    if (kept.length > 0) {
      this.reserved.set(testId, kept)
      for (const claim of kept) this.owners.set(claim.key, testId)
    } else this.reserved.delete(testId)
    this.tests.delete(testId)
    return test.claimed.map((claim) => claim.key)
  }
}
