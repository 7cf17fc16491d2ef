import { DatasetError } from '../errors.js'

/** Throws DATASET_DUPLICATE_COLUMN when a header names the same column twice. */
export function assertUniqueColumnNames(names: readonly string[], path: string): void {
  const seen = new Map<string, number>()
  names.forEach((name, index) => {
    const first = seen.get(name)
    if (first !== undefined && name === '') {
      throw new DatasetError(
        'DATASET_DUPLICATE_COLUMN',
        `${path}: header fields ${first + 1} and ${index + 1} are empty (columns without a name; Excel writes trailing commas for cells that once held data): name them, or delete those columns`,
      )
    }
    if (first !== undefined) {
      throw new DatasetError(
        'DATASET_DUPLICATE_COLUMN',
        `${path}: the header names column "${name}" twice (columns ${first + 1} and ${index + 1}); rename one of them`,
      )
    }
    seen.set(name, index)
  })
}

/**
 * Throws DATASET_NOT_COMMA_SEPARATED when a one-field header shows another separator: Excel's
 * separator line (`sep=;`), or `;`, a tab or `|` between names (adversarial pass 36: four such
 * files gave four errors, none naming the separator).
 */
export function assertCommaSeparated(names: readonly string[], path: string): void {
  if (names.length !== 1) return
  const name = names[0]
  const sepLine = /^sep=(.)$/i.exec(name)
  const separator = sepLine?.[1] ?? [';', '\t', '|'].find((candidate) => name.includes(candidate))
  if (separator === undefined || separator === ',') return
  throw new DatasetError(
    'DATASET_NOT_COMMA_SEPARATED',
    `${path}: ${sepLine !== null ? `the first line is Excel's separator line ${JSON.stringify(name)}` : `the header ${JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name)} is one column`}: the file is separated by ${otherSeparator(separator)}`,
  )
}

/** What to do about a file separated by `separator` (`;`, a tab, `|`) instead of commas. */
export function otherSeparator(separator: string): string {
  const shown = separator === '\t' ? 'tabs' : `"${separator}"`
  return `${shown}${separator === ';' ? ', as Excel writes CSV where the decimal mark is a comma' : ''}. evalgate reads comma-separated CSV only (RFC 4180): save it as "CSV UTF-8 (Comma delimited)", or convert it (pandas: pd.read_csv(path, sep=${JSON.stringify(separator)}${separator === ';' ? ', decimal=","' : ''}).to_csv(out, index=False))`
}
