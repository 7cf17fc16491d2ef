import { stat } from 'node:fs/promises'
import { DatasetError } from '../errors.js'

/** Checks that `path` is a readable, non-empty file; throws the DatasetError a person needs. */
export async function assertDataFile(path: string): Promise<void> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      throw new DatasetError(
        'DATASET_FILE_NOT_FOUND',
        `dataset file not found: ${path} (resolved against ${process.cwd()}); check the path`,
        { cause: error },
      )
    }
    throw new DatasetError('DATASET_FILE_UNREADABLE', `cannot read dataset file ${path}: ${(error as Error).message}`, {
      cause: error,
    })
  }
  if (!info.isFile()) {
    throw new DatasetError('DATASET_NOT_A_FILE', `dataset path ${path} is not a file; pass the path of a data file`)
  }
  if (info.size === 0) {
    throw new DatasetError('DATASET_EMPTY', `dataset file ${path} is empty; it needs a header and at least one row`)
  }
}

/** The error for a file that has a header (or nothing parseable) but no data rows. */
export function noRowsError(path: string, what: string): DatasetError {
  return new DatasetError('DATASET_EMPTY', `dataset file ${path} has no data rows (${what}); add at least one row`)
}
