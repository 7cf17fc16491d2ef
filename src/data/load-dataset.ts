import { extname } from 'node:path'
import { ConfigError, DatasetError } from '../errors.js'
import { checkKeys } from '../run/option-keys.js'
import { loadCsv } from './csv-file.js'
import { loadJsonArray } from './json-file.js'
import { loadJsonLines } from './json-lines-file.js'
import { loadParquet } from './parquet-file.js'
import { otherSeparator } from './duplicate-columns.js'
import { assertDataFile } from './source-file.js'
import type { Dataset, DatasetFormat, LoadDatasetOptions, NumberTyping } from './types.js'

const FORMAT_BY_EXTENSION: Record<string, DatasetFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.parquet': 'parquet',
}

const FORMATS: readonly DatasetFormat[] = ['csv', 'jsonl', 'json', 'parquet']
const NUMBER_TYPINGS: readonly NumberTyping[] = ['canonical', 'decimal']

/**
 * Loads an evaluation set from a CSV, JSON Lines, JSON (array of records) or Parquet file into a
 * columnar dataset. The format comes from the extension (`.csv`, `.jsonl`/`.ndjson`, `.json`,
 * `.parquet`) or `options.format`. CSV and JSON Lines are streamed straight into columns.
 *
 * @example
 * const data = await loadDataset('examples/sentiment/feedback.csv')
 * data.rowCount // 1200
 */
export async function loadDataset(path: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  if (typeof path !== 'string' || path === '') {
    throw new DatasetError('DATASET_NO_PATH', `loadDataset needs a file path, got ${JSON.stringify(path)}`)
  }
  checkLoadOptions(options)
  const format = datasetFormat(path, options.format)
  const numbers = numberTyping(options.numbers)
  if (options.numbers !== undefined && format !== 'csv') {
    throw new ConfigError('DATASET_NUMBERS_NOT_CSV', `loadDataset: numbers applies to CSV files only; ${format === 'parquet' ? 'Parquet' : 'JSON'} cells keep the types the file gives them, so leave numbers out for ${path}`)
  }
  await assertDataFile(path)
  switch (format) {
    case 'csv':
      return loadCsv(path, undefined, numbers)
    case 'jsonl':
      return loadJsonLines(path)
    case 'json':
      return loadJsonArray(path)
    case 'parquet':
      return loadParquet(path)
  }
}

/** Refuses an option loadDataset does not have (a typo read nothing and loaded the file as if it were not given). */
function checkLoadOptions(options: LoadDatasetOptions): void {
  const separator = (['delimiter', 'sep', 'separator'] as const).find((key) => typeof options === 'object' && options !== null && Object.hasOwn(options, key))
  if (separator !== undefined) {
    throw new ConfigError(
      'DATASET_UNKNOWN_OPTION',
      `loadDataset: there is no option "${separator}": a file separated by ${otherSeparator(separatorGiven(options, separator))}`,
    )
  }
  checkKeys(options, ['format', 'numbers'], { who: 'loadDataset', where: 'the options', code: 'DATASET_UNKNOWN_OPTION' })
}

/** The separator a `delimiter` / `sep` option named (one character), else `;`, the usual one. */
function separatorGiven(options: LoadDatasetOptions, key: string): string {
  const value = (options as Record<string, unknown>)[key]
  return typeof value === 'string' && value.length === 1 ? value : ';'
}

/** `options.numbers`, checked: `'canonical'` when left out. */
function numberTyping(numbers: NumberTyping | undefined): NumberTyping {
  if (numbers === undefined) return 'canonical'
  if (!NUMBER_TYPINGS.includes(numbers)) {
    throw new ConfigError(
      'DATASET_UNKNOWN_NUMBERS',
      `unknown loadDataset option numbers: ${JSON.stringify(numbers)}; use 'decimal' (a CSV column whose every cell is a decimal number such as 1.0 or 2.50 is read as numbers, as pandas reads it) or 'canonical' (the default: only numbers written as JavaScript prints them, so 1.0 and 007 stay text)`,
    )
  }
  return numbers
}

/** The format of `path`: `explicit` when given, otherwise from the extension. */
export function datasetFormat(path: string, explicit?: DatasetFormat): DatasetFormat {
  if (explicit !== undefined) {
    if (!FORMATS.includes(explicit)) {
      throw new DatasetError(
        'DATASET_UNKNOWN_FORMAT',
        `unknown dataset format "${String(explicit)}"; use one of: ${FORMATS.join(', ')}`,
      )
    }
    return explicit
  }
  const extension = extname(path).toLowerCase()
  const format = FORMAT_BY_EXTENSION[extension]
  if (format === undefined) {
    throw new DatasetError(
      'DATASET_UNKNOWN_FORMAT',
      `cannot tell the format of ${path} from its extension "${extension}"; name it .csv, .jsonl, .ndjson, .json or .parquet (in code, loadDataset(path, { format: 'csv' | 'jsonl' | 'json' | 'parquet' }) reads a file of any name)${extension === '.tsv' || extension === '.tab' ? '; tab-separated files are not read: save it as CSV (comma-separated)' : ''}`,
    )
  }
  return format
}
