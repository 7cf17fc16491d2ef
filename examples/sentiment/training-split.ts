import { fileURLToPath } from 'node:url'
import { loadDataset } from 'evalgate'
import type { LabelledText } from './model/sentiment-classifier.js'

/** The committed training split, next to this file (disjoint from `feedback.csv`). */
export const TRAIN_CSV = fileURLToPath(new URL('./train.csv', import.meta.url))

/**
 * Reads a feedback CSV (`id,text,true_sentiment,category,...`) as labelled texts, with
 * evalgate's own `loadDataset`. A missing `text` or `true_sentiment` column is a DatasetError
 * naming the column and listing the columns the file has.
 */
export async function readLabelledTexts(path: string = TRAIN_CSV): Promise<LabelledText[]> {
  const data = await loadDataset(path)
  const texts = data.column('text')
  const labels = data.column('true_sentiment')
  return Array.from({ length: data.rowCount }, (_, row) => ({ text: String(texts.values[row]), label: String(labels.values[row]) }))
}
