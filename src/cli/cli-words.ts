/**
 * Messages from `evaluate()` (errors, warnings, notes) name an option the way a test file sets
 * it, in backticks: `labels`, or with the shape of its value, `labels: [...]`. A CLI user sets
 * the same option as a flag, so everything the CLI prints from the engine passes through
 * {@link inCliWords}, which rewrites those names into the flags; the message texts themselves
 * are written once, in the engine.
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
  return text.replace(OPTION_NAME, (whole: string, name: string) => {
    const option = Object.hasOwn(FLAGS, name) ? FLAGS[name] : undefined
    if (option === undefined) return whole
    return whole.includes(':') ? `${option.flag} ${option.value}` : option.flag
  })
}
