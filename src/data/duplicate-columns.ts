import { DatasetError } from '../errors.js'

/** Throws DATASET_DUPLICATE_COLUMN when a header names the same column twice. */
export function assertUniqueColumnNames(names: readonly string[], path: string): void {
  const seen = new Map<string, number>()
  names.forEach((name, index) => {
    const first = seen.get(name)
    if (first !== undefined) {
      throw new DatasetError(
        'DATASET_DUPLICATE_COLUMN',
        `${path}: the header names column "${name}" twice (columns ${first + 1} and ${index + 1}); rename one of them`,
      )
    }
    seen.set(name, index)
  })
}
