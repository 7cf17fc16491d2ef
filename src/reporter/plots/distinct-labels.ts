/**
 * Axis labels that fit and stay distinct. Vega's `labelLimit` cuts a long label at its end, so
 * labels that differ only after the cut (`very_long_label_name_for_category_10_…`,
 * `store=Supermarché Großstadt Nord` / `… Süd`) all read the same. Here each long label keeps its
 * start and end and, when those are shared with another label, the part that tells it apart,
 * with `…` where text was left out; if labels still collide, each gets its position (`#3 …`).
 * The full label stays in the data (tooltips, `aria-label`) and in the report's tables.
 */

const ELLIPSIS = '…'

/**
 * Characters of a label that fit in `pixels` at `fontSize`, as Vega estimates text without a
 * canvas (0.8 em per character), one fewer so that Vega's `labelLimit` (which cuts a label as wide
 * as the limit) never cuts it again.
 * @example charactersThatFit(180, 9) // 24
 */
export function charactersThatFit(pixels: number, fontSize: number): number {
  return Math.max(6, Math.ceil(pixels / (0.8 * fontSize)) - 1)
}

/**
 * `text` cut to `max` characters: about two thirds of them from its start, a third from its end,
 * around `…`. Counted in UTF-16 units, as Vega measures a label for its `labelLimit`, and cut
 * between code points: an emoji counted as one character made the label too long, and Vega's own
 * cut split its surrogate pair into U+FFFD (adversarial pass 65).
 */
function cutMiddle(text: string, max: number): string {
  if (text.length <= max) return text
  const chars = [...text]
  const tailRoom = Math.floor((max - 1) / 3)
  const headRoom = max - 1 - tailRoom
  let head = 0
  for (let used = 0; head < chars.length && used + chars[head].length <= headRoom; head++) used += chars[head].length
  let tail = 0
  for (let used = 0; tail < chars.length - head && used + chars[chars.length - 1 - tail].length <= tailRoom; tail++) used += chars[chars.length - 1 - tail].length
  return chars.slice(0, head).join('') + ELLIPSIS + chars.slice(chars.length - tail).join('')
}

/** Length (in code points) of the prefix every label of `group` shares, and of the suffix. */
function sharedEnds(group: readonly string[][]): { prefix: number; suffix: number } {
  const shortest = Math.min(...group.map((chars) => chars.length))
  let prefix = 0
  while (prefix < shortest && group.every((chars) => chars[prefix] === group[0][prefix])) prefix++
  let suffix = 0
  while (suffix < shortest - prefix && group.every((chars) => chars[chars.length - 1 - suffix] === group[0][group[0].length - 1 - suffix])) suffix++
  return { prefix, suffix }
}

/**
 * A long label of a group that shares `prefix` and `suffix` characters: a little of its start,
 * the part that differs within the group, a little of its end, at most `max` characters.
 */
function keepDifference(chars: readonly string[], prefix: number, suffix: number, max: number): string {
  const core = chars.slice(prefix, chars.length - suffix)
  // Room left for the shared start and end, each shown with a `…` where it is cut.
  const room = max - core.length
  if (room < 4) return ELLIPSIS + cutMiddle(core.join(''), max - 2) + ELLIPSIS
  const endRoom = Math.floor(room / 2)
  const startRoom = room - endRoom
  const start = prefix <= startRoom ? chars.slice(0, prefix).join('') : chars.slice(0, startRoom - 1).join('') + ELLIPSIS
  const end = suffix <= endRoom ? chars.slice(chars.length - suffix).join('') : ELLIPSIS + chars.slice(chars.length - (endRoom - 1)).join('')
  return start + core.join('') + end
}

/**
 * Short forms of `labels`, at most `max` characters each and all distinct (for distinct labels):
 * a label that fits is kept; a longer one is cut in the middle, and where two cut forms would
 * read the same, the part that tells them apart is kept instead; as a last resort the label's
 * position is put in front. Returned in the order of `labels`.
 * @example distinctShortLabels(['region=north-east-coastal', 'region=north-west-coastal'], 16) // ['region…east-co…', 'region…west-co…'] (or similar)
 */
export function distinctShortLabels(labels: readonly string[], max: number): string[] {
  const short = labels.map((label) => cutMiddle(label, max))
  const groups = new Map<string, number[]>()
  short.forEach((text, index) => groups.set(text, [...(groups.get(text) ?? []), index]))
  for (const indices of groups.values()) {
    if (indices.length < 2) continue
    const group = indices.map((index) => [...labels[index]])
    const { prefix, suffix } = sharedEnds(group)
    indices.forEach((index, k) => (short[index] = group[k].length <= max ? labels[index] : keepDifference(group[k], prefix, suffix, max)))
  }
  // (a kept difference counts code points: cut again where its UTF-16 length is over)
  for (let i = 0; i < short.length; i++) if (short[i].length > max) short[i] = cutMiddle(short[i], max)
  if (new Set(short).size === new Set(labels).size) return short
  // Still colliding (labels that differ in many places): number them, 1-based as read.
  return labels.map((label, index) => cutMiddle(`#${index + 1} ${label}`, max))
}

/**
 * The note under a plot whose labels were shortened, saying where the full ones are; undefined
 * when every label fits in `max` characters.
 * @example shortenedLabelsNote(['a_very_long_class_name'], 10, 'class names', 'the Per class table') // 'Long class names are shortened (… marks a cut); the full ones are in the Per class table.'
 */
export function shortenedLabelsNote(labels: readonly string[], max: number, what: string, where: string): string | undefined {
  return labels.some((label) => [...label].length > max) ? `Long ${what} are shortened (… marks a cut); the full ones are in ${where}.` : undefined
}
