import { splitSentences } from './sentences.js'

/**
 * The baseline: the first `count` sentences of the post (lead-3 by default), one per line.
 * Hard to beat on news written in the inverted pyramid; weak on posts that open with a scene.
 */
export function leadSummary(text: string, count = 3): string {
  return splitSentences(text).slice(0, count).join('\n')
}
