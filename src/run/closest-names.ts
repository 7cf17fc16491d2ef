/**
 * "Did you mean" for errors (the matchers', `evaluate()`'s options): the names that exist and
 * lie closest to a name that does not. Written by hand (a dozen lines of Levenshtein distance)
 * rather than taking a dependency for one error message; the candidates are names that exist
 * (the run's metrics and slices, the options), so a suggestion is always something real.
 */

/**
 * Edit distance (insertions, deletions, substitutions, and a swap of two adjacent letters as one
 * edit: the optimal string alignment distance) between two strings, case-insensitive. The swap
 * counted two edits, so `fruad` for `fraud` (one allowed in a name of five) got no suggestion
 * (adversarial pass 37).
 */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  let before: number[] = []
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1)
    }
    before = previous
    previous = current
  }
  return previous[y.length]
}

/**
 * Up to `limit` candidates within a third of the name's length in edits (at least 1), closest
 * first; empty when nothing is close.
 *
 * @example closestNames('billng', ['billing', 'shipping']) // ['billing']
 */
export function closestNames(name: string, candidates: readonly string[], limit = 3): string[] {
  const allowed = Math.max(1, Math.floor(name.length / 3))
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter(({ distance }) => distance <= allowed)
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, limit)
    .map(({ candidate }) => candidate)
}

/** ` did you mean "a" or "b"?` for the close candidates of `name`, or an empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  return suggestionText(closestNames(name, candidates))
}

/** ` did you mean "a" or "b"?` for names already chosen (at most three), or an empty string. */
export function suggestionText(names: readonly string[]): string {
  const quoted = [...new Set(names)].slice(0, 3).map((name) => `"${name}"`)
  if (quoted.length === 0) return ''
  return ` did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`}?`
}
