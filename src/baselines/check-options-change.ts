/**
 * What differs between the options of two `toMatchBaseline` checks of one entry. One entry is
 * written with one set of options (the metrics and slices it tracks, the gates it is judged by):
 * a run checked again in its test with other options would share that entry, and the one written
 * was the last check's (adversarial pass 52: `toMatchBaseline()` then `toMatchBaseline({ metrics:
 * ['accuracy'] })` stored accuracy alone, and a log_loss regression passed in CI). The matcher
 * refuses the second check instead; checking again with the same options still checks the one
 * entry.
 */
import { stableStringify } from './stable-json.js'
import type { BaselineOptions } from './types.js'

/** The options' defaults, so that `{ slices: true }` is the same check as `{}`. */
const DEFAULTS: Readonly<Partial<Record<keyof BaselineOptions, unknown>>> = {
  slices: true,
  allowDataChange: false,
  correction: 'holm',
  tolerance: 0,
  significance: 0.05,
}

/** One option's value as it shapes the entry: defaults filled in, the tracked metrics as a set. */
function shaped(options: BaselineOptions, key: keyof BaselineOptions): unknown {
  const value = options[key] ?? DEFAULTS[key]
  if (key === 'metrics' && Array.isArray(value)) return [...new Set(value as string[])].sort()
  return value
}

/** An option's value as a message shows it. */
function shown(value: unknown): string {
  return value === undefined ? 'the default' : JSON.stringify(value)
}

/**
 * The options (all but `name`, which picks the entry) whose values differ between two checks of
 * one entry, each as `metrics: the default, then ["accuracy_score"]`; empty when they are the
 * same check. Both are the options the check compares with (the plugin's overlaid with the call's,
 * metric names resolved).
 *
 * @example differingCheckOptions({}, { metrics: ['accuracy_score'] }) // ['metrics: the default, then ["accuracy_score"]']
 * @example differingCheckOptions({ slices: true }, {}) // []
 */
export function differingCheckOptions(first: BaselineOptions, second: BaselineOptions): string[] {
  const keys = [...new Set([...Object.keys(first), ...Object.keys(second)])].filter((key) => key !== 'name').sort() as Array<keyof BaselineOptions>
  const differing: string[] = []
  for (const key of keys) {
    const a = shaped(first, key)
    const b = shaped(second, key)
    if (stableStringify(a ?? null) !== stableStringify(b ?? null)) differing.push(`${key}: ${shown(a)}, then ${shown(b)}`)
  }
  return differing
}
