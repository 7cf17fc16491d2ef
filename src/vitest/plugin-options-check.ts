/**
 * The plugin's options, checked when the config loads. Vitest does not type-check
 * `vitest.config.ts` when it loads it, so a misspelled option (`baselinDir`, or
 * `baseline: { tolerence: 0.02 }`) would be ignored without a word and the gate would run with
 * its defaults. Every unknown key, at any level the plugin reads, is a ConfigError naming it.
 */
import { isAbsolute, normalize, sep } from 'node:path'
import { ConfigError } from '../errors.js'
import type { MlflowExportOptions } from '../reporter/mlflow/mlflow-options.js'
import type { ReporterOptions } from '../reporter/index.js'
import { checkBaselineOptionTypes, checkGateValues } from './matchers/baseline-option-values.js'
import { BASELINE_KEYS, GATE_KEYS } from './matchers/baseline-options.js'
import { checkKeys, type EveryKeyListed } from '../run/option-keys.js'
import type { EvalgatePluginOptions } from './options.js'

const PLUGIN_KEYS = ['baselineDir', 'baseline', 'confidence', 'outputDir', 'reporter', 'runOutputs'] as const satisfies ReadonlyArray<keyof EvalgatePluginOptions>
const REPORTER_KEYS = ['outputDir', 'junit', 'html', 'summary', 'maxMisclassifiedRows', 'maxCurveClasses', 'terminal', 'mlflow'] as const satisfies ReadonlyArray<keyof Omit<ReporterOptions, 'baselineDir'>>
const MLFLOW_KEYS = ['trackingUri', 'experimentName', 'failOnError', 'maxRetries', 'artifacts'] as const satisfies ReadonlyArray<keyof MlflowExportOptions>

// Each list names every option of its interface: a compile error here means one was added there.
const everyPluginKeyListed: EveryKeyListed<EvalgatePluginOptions, typeof PLUGIN_KEYS> = true
const everyReporterKeyListed: EveryKeyListed<Omit<ReporterOptions, 'baselineDir'>, typeof REPORTER_KEYS> = true
const everyMlflowKeyListed: EveryKeyListed<MlflowExportOptions, typeof MLFLOW_KEYS> = true
void [everyPluginKeyListed, everyReporterKeyListed, everyMlflowKeyListed]

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Throws a ConfigError for an option of `evalgate({...})` it does not know, at the top level, in
 * `baseline` (and its `perMetric` entries), in `reporter` and in `reporter.mlflow`, and for a
 * `baseline` value the gate cannot use (NaN, a negative tolerance; `baseline-option-values.ts`).
 *
 * @example checkPluginOptions({ baselinDir: 'b' }) // throws: evalgate(): unknown option "baselinDir" ... did you mean "baselineDir"?
 */
export function checkPluginOptions(options: unknown): void {
  if (!isObject(options)) {
    throw new ConfigError('plugin-invalid-options', `evalgate(options): options must be an object such as { outputDir: 'eval-results' }, got ${JSON.stringify(options)}`)
  }
  const check = (value: unknown, known: readonly string[], where: string): void => {
    checkKeys(value, known, { who: 'evalgate()', where, code: 'plugin-unknown-option' })
  }
  check(options, PLUGIN_KEYS, 'the plugin options')
  const given = options as EvalgatePluginOptions
  checkBaselineDir(given.baselineDir)
  if (isObject(given.baseline)) {
    check(given.baseline, BASELINE_KEYS.filter((key) => key !== 'name'), 'baseline')
    // Values too: the metrics are not known yet, so the ranges wait for toMatchBaseline.
    checkBaselineOptionTypes(given.baseline, 'evalgate()', 'baseline')
    checkGateValues(given.baseline, 'evalgate()', 'baseline', [])
    for (const [metric, gate] of Object.entries(given.baseline.perMetric ?? {})) {
      check(gate, GATE_KEYS, `baseline.perMetric.${metric}`)
      if (isObject(gate)) checkGateValues(gate, 'evalgate()', `baseline.perMetric.${metric}`, [])
    }
  }
  check(given.reporter, REPORTER_KEYS, 'reporter')
  if (isObject(given.reporter)) check(given.reporter.mlflow, MLFLOW_KEYS, 'reporter.mlflow')
}

/**
 * A relative `baselineDir` is a folder beside each test file (`<test folder>/<baselineDir>/<test
 * file>.json`). One that climbs out of the test's folder (`../../baselines`) sends test files of
 * one name in different folders to one baseline file: each run then found the other's entries
 * obsolete, and `-u` removed them (adversarial pass 64); the end-of-run search for obsolete
 * baseline files cannot find such files either. An absolute folder mirrors each test file's path
 * under the root inside it, so no two test files share one.
 *
 * @example checkBaselineDir('../baselines') // throws: evalgate(): baselineDir "../baselines" leaves each test file's folder ...
 */
function checkBaselineDir(dir: unknown): void {
  if (dir === undefined) return
  if (typeof dir !== 'string' || dir.trim() === '') {
    throw new ConfigError('plugin-invalid-options', `evalgate(): baselineDir must be a folder such as '__baselines__', got ${JSON.stringify(dir)}`)
  }
  if (isAbsolute(dir)) return
  const normal = normalize(dir)
  if (normal !== '..' && !normal.startsWith(`..${sep}`)) return
  throw new ConfigError(
    'plugin-baseline-dir-outside',
    `evalgate(): baselineDir ${JSON.stringify(dir)} leaves each test file's folder, so test files of one name in different folders would share one baseline file (each run would find the other's entries obsolete, and -u would remove them). Use a folder inside the test's folder ('__baselines__', the default, or '__baselines__/<project>'), or an absolute folder, inside which each test file's path under the root is mirrored: import { fileURLToPath } from 'node:url', then baselineDir: fileURLToPath(new URL('./baselines', import.meta.url)). Move the baseline files you have to their new place first (git mv baselines/m.test.ts.json baselines/evals/m.test.ts.json for evals/m.test.ts), or their entries are written afresh; an absolute folder has no evalgate history, which reads a folder beside the test files`,
  )
}
