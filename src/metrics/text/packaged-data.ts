import { readFileSync } from 'node:fs'

/**
 * Where the data files of `src/metrics/text/data/` are found: beside this module when it runs from
 * `src/`, and in the package's `src/` when it runs compiled from `dist/metrics/text/` (the package
 * ships both; tsc does not copy data files into `dist/`).
 */
const DATA_DIRECTORIES = ['./data/', '../../../src/metrics/text/data/']

/**
 * Reads one UTF-8 data file shipped in `src/metrics/text/data/`.
 *
 * @param name file name, e.g. `hyph_en_US.dic`
 * @example
 * readPackagedTextData('hyph_en_US.dic').split('\n')[0] // => 'UTF-8'
 */
export function readPackagedTextData(name: string): string {
  const tried: string[] = []
  for (const directory of DATA_DIRECTORIES) {
    const url = new URL(`${directory}${name}`, import.meta.url)
    try {
      return readFileSync(url, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      tried.push(url.pathname)
    }
  }
  throw new Error(`text metric data file "${name}" not found (looked in ${tried.join(', ')}); reinstall evalgate, whose package ships it in src/metrics/text/data/`)
}
