/**
 * What the other configured tools of a Vitest run write, read from its resolved config: which
 * reporter prints a machine-readable document on stdout (evalgate's lines then go to stderr, so
 * `vitest run --reporter=json > out.json` stays one JSON document), and which files or folders
 * other reporters and the coverage report put into evalgate's results folder (kept there).
 */
import { isAbsolute, join, relative, resolve } from 'node:path'
import { ConfigError } from '../errors.js'

/** Vitest's reporters whose whole output is one document (JSON, JUnit XML, TAP). */
const DOCUMENT_REPORTERS = ['json', 'junit', 'tap', 'tap-flat'] as const

/** Vitest's reporters that write files, with their default output file (`undefined`: stdout). */
const FILE_REPORTERS: Readonly<Record<string, string | undefined>> = { json: undefined, junit: undefined, html: 'html/index.html' }

/** Vitest's reporter classes by the name they are configured with. */
const REPORTER_CLASSES: Readonly<Record<string, string>> = { JsonReporter: 'json', JUnitReporter: 'junit', TapReporter: 'tap', TapFlatReporter: 'tap-flat', HTMLReporter: 'html' }

/** The parts of Vitest's resolved config read here. */
export interface OutputsConfig {
  root: string
  reporters?: readonly unknown[]
  outputFile?: string | Record<string, string | undefined>
  coverage?: { enabled?: boolean; reportsDirectory?: string }
}

interface ConfiguredReporter {
  name: string
  outputFile?: string
}

/**
 * The first configured reporter that prints a machine-readable document on stdout (json, junit,
 * tap, tap-flat without an output file), or undefined.
 *
 * @example stdoutDocumentReporter({ root: '.', reporters: [['json', {}]] }) // 'json'
 */
export function stdoutDocumentReporter(config: OutputsConfig): string | undefined {
  return configuredReporters(config).find((r) => (DOCUMENT_REPORTERS as readonly string[]).includes(r.name) && (r.name.startsWith('tap') || r.outputFile === undefined))?.name
}

/**
 * The top-level entries of `outputDir` that other tools of the run write (reporters' output
 * files, the coverage report), each with a description of who writes it.
 *
 * @example otherToolOutputs({ root: '/p', outputFile: { json: 'eval-results/vitest.json' }, reporters: [['json', {}]] }, '/p/eval-results') // Map { 'vitest.json' => "Vitest's json reporter (outputFile eval-results/vitest.json)" }
 */
export function otherToolOutputs(config: OutputsConfig, outputDir: string): Map<string, string> {
  const outputs = new Map<string, string>()
  const add = (path: string, who: string): void => {
    const full = resolve(config.root, path)
    const rel = relative(outputDir, full)
    if (outside(rel)) return
    const fromRoot = relative(config.root, full)
    outputs.set(rel.split(/[\\/]/)[0], `${who} (${outside(fromRoot) ? full : fromRoot})`)
  }
  for (const reporter of configuredReporters(config)) {
    if (reporter.name in FILE_REPORTERS && reporter.outputFile !== undefined) add(reporter.outputFile, `Vitest's ${reporter.name} reporter, outputFile`)
  }
  if (config.coverage?.enabled && config.coverage.reportsDirectory) add(config.coverage.reportsDirectory, 'the coverage report, coverage.reportsDirectory')
  return outputs
}

/**
 * Refuses a coverage report written into the results folder itself (`coverage.reportsDirectory`
 * equal to evalgate's `outputDir`): the coverage provider empties that folder when the run starts
 * and keeps its `.tmp` there during the run, both write an `index.html`, and evalgate replaces
 * the folder as a whole at the end; no run could keep both reports. Said when the run starts,
 * before any test, rather than as "refusing to replace" after a green run. A coverage folder
 * inside the results folder (`eval-results/coverage`) is fine and kept.
 *
 * @example assertOwnResultsFolder({ root: '/p', coverage: { enabled: true, reportsDirectory: 'eval-results' } }, '/p/eval-results') // throws ConfigError
 */
export function assertOwnResultsFolder(config: OutputsConfig, outputDir: string): void {
  const coverage = config.coverage
  if (!coverage?.enabled || !coverage.reportsDirectory) return
  const folder = resolve(config.root, coverage.reportsDirectory)
  if (relative(resolve(outputDir), folder) !== '') return
  const fromRoot = relative(config.root, folder)
  const shown = outside(fromRoot) ? folder : fromRoot
  throw new ConfigError(
    'results-folder-shared-with-coverage',
    `evalgate: coverage.reportsDirectory and evalgate's outputDir are one folder (${shown}): the coverage report empties it when the run starts and evalgate replaces it at the end, so one of the two reports would be lost. Give one of them another folder: --coverage.reportsDirectory=coverage (or ${join(shown, 'coverage')}, which evalgate keeps inside its results folder), or another outputDir in evalgate({ outputDir: … }).`,
  )
}

/** Whether a relative path leaves its base (or is the base itself). */
function outside(rel: string): boolean {
  return rel === '' || rel.startsWith('..') || isAbsolute(rel)
}

/** Vitest's own reporters of the config (by name or instance), with their output file. */
function configuredReporters(config: OutputsConfig): ConfiguredReporter[] {
  const found: ConfiguredReporter[] = []
  for (const entry of config.reporters ?? []) {
    const [reporter, options] = Array.isArray(entry) ? entry : [entry, undefined]
    const name = typeof reporter === 'string' ? reporter : reporterClassName(reporter)
    if (name === undefined) continue
    const own = optionOutputFile(options) ?? (typeof reporter === 'object' ? optionOutputFile((reporter as { options?: unknown }).options) : undefined)
    const shared = typeof config.outputFile === 'string' ? config.outputFile : config.outputFile?.[name]
    found.push({ name, outputFile: own ?? shared ?? (name in FILE_REPORTERS ? FILE_REPORTERS[name] : undefined) })
  }
  return found
}

function reporterClassName(reporter: unknown): string | undefined {
  if (typeof reporter !== 'object' || reporter === null) return undefined
  return REPORTER_CLASSES[reporter.constructor.name]
}

function optionOutputFile(options: unknown): string | undefined {
  const value = typeof options === 'object' && options !== null ? (options as { outputFile?: unknown }).outputFile : undefined
  return typeof value === 'string' ? value : undefined
}
