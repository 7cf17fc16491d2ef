/**
 * Reads the runs `evalgate compare` puts side by side: EvalRun JSON files (the reporter's
 * `run.json`, which wraps the run with its test, or the bare run `evalgate evaluate --json`
 * prints) and results folders (every `run.json` under them). Each file is checked before use;
 * a problem names the file, the field and the fix.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { EvalgateError } from '../../errors.js'
import { EVAL_RUN_VERSION, type EvalRun, type ModelType } from '../../run/types.js'
import type { RunOutputs } from './run-outputs.js'

/** One run to compare: the name shown for it, the file it came from, the run itself. */
export interface NamedRun {
  /** The run's name when that tells the runs apart, else `test name · run name`, else the file. */
  name: string
  /** The test that wrote the run (reporter run.json only). */
  testName?: string
  /** The test file that wrote the run (reporter run.json only). */
  testFile?: string
  /** The Vitest project the test ran in, where the results hold runs of several (reporter run.json only). */
  project?: string
  /**
   * The test's position among its file's tests of its full name, and the run's among the test's
   * runs (reporter run.json of this version on): what tells same-named tests' runs apart.
   */
  position?: { occurrence: number; runIndex: number }
  /** Which input (0-based, in the order given) the run was read from. */
  input?: number
  /** Whether that input was a results folder. */
  fromFolder?: boolean
  /** The run file's path inside its results folder (folder inputs only). */
  pathInFolder?: string
  source: string
  /** The absolute path of the run file (its `outputs.json` sits beside it). */
  path?: string
  run: EvalRun
  /** The run's per-example outputs (paired tests), read by the caller from `outputs.json`. */
  outputs?: RunOutputs
  /** Why there are no outputs. */
  outputsReason?: string
}

/** A compare input that is missing, unreadable or not an EvalRun (exit code 1 in the CLI). */
export class CompareInputError extends EvalgateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('COMPARE_INPUT', message, options)
    this.name = 'CompareInputError'
  }
}

/** Every model type a run can have (`EvalRun['modelType']`): compare reads them all. */
const MODEL_TYPES: ReadonlySet<string> = new Set<ModelType>(['classifier', 'regressor', 'question-answering', 'text-summarization', 'text', 'retriever'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks that `value` has the shape of an EvalRun in every field `compare` reads, and returns it
 * typed; throws a `CompareInputError` naming `source` and the first field that is wrong.
 */
export function checkEvalRun(value: unknown, source: string): EvalRun {
  const fail = (what: string): never => {
    throw new CompareInputError(`${source}: ${what}; expected an EvalRun (run.json from the reporter's results folder, or the output of evalgate evaluate --json)`)
  }
  if (!isRecord(value)) return fail('the file holds no JSON object')
  // another tool's JSON (a package.json) is no run at all, not a run of another version (adversarial pass 56)
  if (!('modelType' in value) && !('metrics' in value)) return fail('it has neither "modelType" nor "metrics", so it is no evalgate run')
  if (value.version !== EVAL_RUN_VERSION) return fail(`"version" is ${JSON.stringify(value.version) ?? 'missing'}, this evalgate reads version ${EVAL_RUN_VERSION}`)
  if (typeof value.modelType !== 'string' || !MODEL_TYPES.has(value.modelType)) return fail(`"modelType" is ${JSON.stringify(value.modelType) ?? 'missing'}, not one of ${[...MODEL_TYPES].join(', ')}`)
  if (!isRecord(value.metrics)) return fail('"metrics" is missing or not an object')
  for (const [name, metric] of Object.entries(value.metrics)) {
    if (typeof metric !== 'number' && metric !== null) return fail(`metric "${name}" is ${JSON.stringify(metric)}, not a number`)
  }
  if (!isRecord(value.intervals)) return fail('"intervals" is missing or not an object')
  for (const [name, interval] of Object.entries(value.intervals)) {
    if (!isRecord(interval) || typeof interval.lower !== 'number' || typeof interval.upper !== 'number' || typeof interval.level !== 'number') {
      return fail(`interval of "${name}" needs numeric lower, upper and level`)
    }
  }
  if (!isRecord(value.greaterIsBetter)) return fail('"greaterIsBetter" is missing or not an object')
  if (!isRecord(value.slices)) return fail('"slices" is missing or not an object')
  for (const [key, slice] of Object.entries(value.slices)) {
    if (!isRecord(slice) || !isRecord(slice.metrics) || !isRecord(slice.intervals)) return fail(`slice "${key}" needs "metrics" and "intervals" objects`)
  }
  if (!isRecord(value.curves)) return fail('"curves" is missing or not an object')
  if (!isRecord(value.dataset) || typeof value.dataset.fingerprint !== 'string') return fail('"dataset.fingerprint" is missing or not a string')
  if (value.confusionMatrix !== undefined) {
    const matrix = value.confusionMatrix
    if (!isRecord(matrix) || !Array.isArray(matrix.labels) || !Array.isArray(matrix.counts) || matrix.counts.length !== matrix.labels.length) {
      return fail('"confusionMatrix" needs "labels" and one row of "counts" per label')
    }
  }
  if (value.perClass !== undefined && !Array.isArray(value.perClass)) return fail('"perClass" is not an array')
  return value as unknown as EvalRun
}

type Unwrapped = Pick<NamedRun, 'run' | 'testName' | 'testFile' | 'project' | 'position'>

/** The run and the test name in one parsed file: the reporter's wrapper or a bare run. */
function unwrap(parsed: unknown, source: string): Unwrapped {
  if (isRecord(parsed) && isRecord(parsed.run) && parsed.version === undefined) {
    const test = isRecord(parsed.test) ? parsed.test : undefined
    const testName = typeof test?.fullName === 'string' ? test.fullName : typeof test?.name === 'string' ? test.name : undefined
    const testFile = typeof test?.file === 'string' ? test.file : undefined
    const project = typeof test?.project === 'string' ? test.project : undefined
    // Written since the reporter recorded them; older run.json files have neither.
    const { occurrence } = test ?? {}
    const { runIndex } = parsed
    const position = Number.isInteger(occurrence) && Number.isInteger(runIndex) ? { occurrence: occurrence as number, runIndex: runIndex as number } : undefined
    return { run: checkEvalRun(parsed.run, source), testName, ...(testFile !== undefined ? { testFile } : {}), ...(project !== undefined ? { project } : {}), ...(position ? { position } : {}) }
  }
  return { run: checkEvalRun(parsed, source) }
}

/** Reads and checks one run file; `source` is how messages and the page name it. */
export async function readRunFile(path: string, source = path): Promise<NamedRun> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new CompareInputError(`${source}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass a run.json file or a results folder`, { cause: error })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CompareInputError(`${source}: not valid JSON (${(error as Error).message}); pass a run.json file or a results folder`, { cause: error })
  }
  const { run, testName, ...test } = unwrap(parsed, source)
  return { name: run.name ?? testName ?? source, testName, ...test, source, path, run }
}

async function runFilesUnder(folder: string): Promise<string[]> {
  const found: string[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile() && entry.name === 'run.json') found.push(full)
    }
  }
  await walk(folder)
  return found
}

/**
 * Reads every input in order: a file is one run; a folder gives every `run.json` under it, in
 * path order. The first run read is the one every other is compared with. Needs two runs or
 * more in all. Relative inputs are read from `cwd` and named as given.
 */
export async function readCompareInputs(inputs: readonly string[], cwd = process.cwd()): Promise<NamedRun[]> {
  const runs: NamedRun[] = []
  for (const [index, input] of inputs.entries()) {
    let isFolder: boolean
    try {
      isFolder = (await stat(resolve(cwd, input))).isDirectory()
    } catch (error) {
      throw new CompareInputError(`${input}: no such file or folder; pass run.json files or results folders (e.g. eval-results)`, { cause: error })
    }
    if (!isFolder) {
      runs.push({ ...(await readRunFile(resolve(cwd, input), input)), input: index, fromFolder: false })
      continue
    }
    const files = await runFilesUnder(resolve(cwd, input))
    if (files.length === 0) throw new CompareInputError(`${input}: no run.json under this folder; run the tests with the evalgate reporter first, or pass run files`)
    for (const file of files) {
      const pathInFolder = relative(resolve(cwd, input), file)
      runs.push({ ...(await readRunFile(file, join(input, pathInFolder))), input: index, fromFolder: true, pathInFolder })
    }
  }
  if (runs.length < 2) throw new CompareInputError(`compare needs two runs or more; got ${runs.length} (${inputs.join(', ')})`)
  return distinctNames(runs)
}

/** Short names (the run's own) when they are distinct; else test and run name; else the file. */
function distinctNames(runs: NamedRun[]): NamedRun[] {
  const unique = (names: string[]): boolean => new Set(names).size === names.length
  const short = runs.map((r) => r.name)
  if (unique(short)) return runs
  const long = runs.map((r) => (r.testName !== undefined && r.run.name !== undefined ? `${r.testName} · ${r.run.name}` : r.testName ?? r.name))
  const names = unique(long) ? long : runs.map((r) => r.source)
  return runs.map((r, i) => ({ ...r, name: names[i] }))
}
