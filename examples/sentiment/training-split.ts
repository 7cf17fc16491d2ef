import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import type { LabelledText } from './model/sentiment-classifier.js'

/** The committed training split, next to this file (disjoint from `feedback.csv`). */
export const TRAIN_CSV = fileURLToPath(new URL('./train.csv', import.meta.url))

/**
 * Reads a feedback CSV (`id,text,true_sentiment,category,...`) as labelled texts.
 * Throws naming the file and the missing column when `text` or `true_sentiment` is absent.
 */
export function readLabelledTexts(path: string = TRAIN_CSV): LabelledText[] {
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>
  const first = records[0] ?? {}
  for (const column of ['text', 'true_sentiment']) {
    if (records.length > 0 && !(column in first)) {
      throw new Error(`${path}: column "${column}" not found; columns are: ${Object.keys(first).join(', ')}`)
    }
  }
  return records.map((r) => ({ text: r.text, label: r.true_sentiment }))
}
