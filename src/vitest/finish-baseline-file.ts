/**
 * The end of a test file's baselines (called by the setup file after the file's tests): the
 * session writes its file once, and what it found becomes warnings or, in CI, the error of
 * obsolete entries. Kept apart from the setup file so it can be driven without a Vitest process.
 */
import { BaselineError } from '../errors.js'
import type { BaselineFileSession, FinishedTest } from '../baselines/session.js'

/**
 * Finishes `session` for the file whose tests are `tests` and returns the file's warnings
 * (a repaired malformed file, obsolete entries outside CI, those `-u` removed); undefined when the file was corrupt
 * and a check already reported it. Throws `baseline-obsolete` for obsolete entries when baselines
 * are not written (CI), naming each entry and how to update.
 * @example finishBaselineFile(session, [{ name: 'model', completed: true }]) // []
 */
export function finishBaselineFile(session: BaselineFileSession, tests: readonly FinishedTest[]): string[] | undefined {
  let result
  try {
    result = session.finish(tests)
  } catch (error) {
    if (error instanceof BaselineError && session.loadErrorReported) return undefined
    throw error
  }
  const warnings: string[] = []
  if (result.repaired.length > 0) {
    warnings.push(`repaired the malformed baseline file ${session.displayPath} (malformed entries that no test rewrote were dropped):\n${result.repaired.map((what) => `  - ${what}`).join('\n')}`)
  }
  // `-u` removed entries no test checks any more: said, as the removal of a whole obsolete file is (adversarial pass 60)
  if (result.removed.length > 0) {
    warnings.push(`removed ${result.removed.length} obsolete baseline entr${result.removed.length === 1 ? 'y' : 'ies'} from ${session.displayPath} (no test checks ${result.removed.length === 1 ? 'it' : 'them'} any more):\n${result.removed.map((key) => `  - ${key}`).join('\n')}`)
  }
  if (result.obsolete.length === 0) return warnings
  const list = result.obsolete.map((key) => `  - ${key}`).join('\n')
  const entries = `${result.obsolete.length} obsolete baseline entr${result.obsolete.length === 1 ? 'y' : 'ies'} in ${session.displayPath}`
  if (session.updateState === 'none') {
    // The names on the first line too: the end-of-run table shows an error's first line only (adversarial pass 60)
    const named = result.obsolete.slice(0, 3).map((key) => JSON.stringify(key)).join(', ')
    const more = result.obsolete.length > 3 ? ` and ${result.obsolete.length - 3} more` : ''
    throw new BaselineError('baseline-obsolete', `${entries} (no test checks ${result.obsolete.length === 1 ? 'it' : 'them'} any more): ${named}${more}\n${list}\n${session.updateAdvice()}`)
  }
  warnings.push(`${entries}; run \`vitest -u\` to remove:\n${list}`)
  return warnings
}
