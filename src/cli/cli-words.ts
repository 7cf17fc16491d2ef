/**
 * Messages from `evaluate()` (errors, warnings, notes) name an option the way a test file sets
 * it, in backticks: `labels`, or with the shape of its value, `labels: [...]`. A CLI user sets
 * the same option as a flag, so everything the CLI prints from the engine passes through
 * {@link inCliWords}, which rewrites those names into the flags; the message texts themselves
 * are written once, in the engine. A sentence asking for an option the CLI has no flag for (a
 * toxicity scorer) is replaced whole by the CLI's own.
 */

/** evaluate()'s option names and the `evalgate evaluate` flag of each, with its value's shape. */
const FLAGS: Readonly<Record<string, { flag: string; value: string }>> = {
  targets: { flag: '--targets', value: '<column>' },
  predictions: { flag: '--predictions', value: '<column>' },
  scores: { flag: '--scores', value: '<column>' },
  probabilities: { flag: '--probabilities', value: '<col>,<col>,...' },
  threshold: { flag: '--threshold', value: '<t>' },
  labels: { flag: '--labels', value: '<l1>,<l2>,...' },
  posLabel: { flag: '--pos-label', value: '<label>' },
  average: { flag: '--average', value: '<average>' },
  slices: { flag: '--slice', value: '<column>' },
  minSliceSize: { flag: '--min-slice-size', value: '<n>' },
}

/**
 * Engine sentences that ask for an option the CLI has no flag for, as the CLI says them: the CLI
 * scores stored outputs, so a scorer function is for evaluate() in a test. Known by their start
 * (the engine's TOXICITY_MISSING_NOTE): importing it would load the model types with every
 * command, where the evaluate command bundles them (test/cli/lazy-imports.test.ts).
 */
const CLI_SENTENCES: ReadonlyArray<{ engine: RegExp; cli: string }> = [
  {
    engine: /^toxicity\/v1 left out: no toxicity scorer given\b/,
    cli: 'toxicity/v1 left out: evalgate evaluate takes no toxicity scorer (it reads stored outputs only); for toxicity/v1, run evaluate() in a test with `toxicity: (texts) => scores` or a served classifier adapter; evalgate never downloads a model',
  },
]

/** A backticked option name, alone or followed by `: <value shape>`. */
const OPTION_NAME = /`([A-Za-z]+)(?:: [^`\n]*)?`/g

/**
 * `text` with each backticked evaluate() option name written as the CLI flag that sets it
 * (`` `labels: [...]` `` -> `--labels <l1>,<l2>,...`, `` `labels` `` -> `--labels`); names
 * with no flag (`model`, `intervals`) are left as they are.
 *
 * @example
 * inCliWords('pass `labels: [...]` naming every class') // 'pass --labels <l1>,<l2>,... naming every class'
 * inCliWords('add it to `labels` or fix the data')      // 'add it to --labels or fix the data'
 */
export function inCliWords(text: string): string {
  const sentence = CLI_SENTENCES.find(({ engine }) => engine.test(text))
  if (sentence !== undefined) return sentence.cli
  return text.replace(OPTION_NAME, (whole: string, name: string) => {
    const option = Object.hasOwn(FLAGS, name) ? FLAGS[name] : undefined
    if (option === undefined) return whole
    return whole.includes(':') ? `${option.flag} ${option.value}` : option.flag
  })
}
