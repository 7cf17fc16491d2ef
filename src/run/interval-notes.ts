/**
 * Which of a run's notes says why a metric has no interval, so that the tables of the CLI and the
 * HTML report can say "none" in the metric's row and point at the note, instead of leaving the
 * cell blank (a blank reads as "not computed" or as a bug). The notes are the engine's own
 * (`src/evaluate/interval-methods.ts`, the model types' scopes, custom metrics): each one that
 * withholds an interval says "no interval" and names every metric it covers, e.g.
 * `mean_squared_error has no interval (nor root_mean_squared_error or r2_score, which follow from
 * it): ...` or `custom metrics (f1_tech, recall_tech) have no interval: ...`.
 */

const NAME_CHAR = /[A-Za-z0-9_]/

/** True when `note` names `name` as a whole word (mean_squared_error is not in root_mean_squared_error). */
function namesMetric(note: string, name: string): boolean {
  for (let at = note.indexOf(name); at >= 0; at = note.indexOf(name, at + 1)) {
    const before = at === 0 ? '' : note[at - 1]
    const after = note[at + name.length] ?? ''
    if (!NAME_CHAR.test(before) && !NAME_CHAR.test(after)) return true
  }
  return false
}

/**
 * The first note that says `name` has no interval (it names the metric and says "no interval"),
 * or undefined.
 *
 * @example
 * withheldIntervalNote(run.notes, 'r2_score') // => 'mean_squared_error has no interval (nor root_mean_squared_error or r2_score, ...'
 */
export function withheldIntervalNote(notes: readonly string[], name: string): string | undefined {
  return notes.find((note) => /\bno interval\b/.test(note) && namesMetric(note, name))
}
