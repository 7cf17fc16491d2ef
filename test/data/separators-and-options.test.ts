import { afterAll, describe, expect, test } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { ConfigError, DatasetError } from '../../src/errors.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('separators')
afterAll(() => folder.remove())

async function loadError(name: string, text: string, options?: object): Promise<Error> {
  try {
    await loadDataset(folder.write(name, text), options as never)
  } catch (error) {
    return error as Error
  }
  throw new Error('expected loadDataset to throw')
}

// Adversarial pass 36: four Excel exports from a European locale gave four errors (a quote
// error, a column not found, "columns are: sep=;", a ragged row), none naming the separator.
describe('a CSV separated by something other than commas', () => {
  test('a header with ";" between names names the separator and the fix', async () => {
    const error = await loadError('semi.csv', 'text;y;pred\ngreat;1;1\nbad;0;1\n')
    expect(error).toBeInstanceOf(DatasetError)
    expect((error as DatasetError).code).toBe('DATASET_NOT_COMMA_SEPARATED')
    expect(error.message).toContain('the header "text;y;pred" is one column: the file is separated by ";", as Excel writes CSV where the decimal mark is a comma. evalgate reads comma-separated CSV only (RFC 4180): save it as "CSV UTF-8 (Comma delimited)", or convert it (pandas: pd.read_csv(path, sep=";", decimal=",").to_csv(out, index=False))')
  })

  test("Excel's separator line sep=; and a tab-separated header", async () => {
    const sep = await loadError('sepline.csv', 'sep=;\ntext;y\na;1\n')
    expect(sep.message).toContain(`the first line is Excel's separator line "sep=;": the file is separated by ";"`)
    const tab = await loadError('tabs.csv', 'text\ty\na\t1\n')
    expect(tab.message).toContain('the file is separated by tabs. evalgate reads comma-separated CSV only')
    expect(tab.message).toContain('pd.read_csv(path, sep="\\t")')
  })

  test('quoted names with ";" between them: the quote error says the file may be ";"-separated', async () => {
    const error = await loadError('quoted.csv', '"text";"y"\n"a";1\n')
    expect(error.message).toContain('text follows the closing quote of field 1')
    expect(error.message).toContain('the file may be separated by ";", as Excel writes CSV where the decimal mark is a comma')
  })

  test("Excel's sep=, line over a comma-separated file is skipped, and lines keep their numbers (adversarial pass 37)", async () => {
    const data = await loadDataset(folder.write('sepcomma.csv', 'sep=,\ntext,y\na,1\nb,2\n'))
    expect(data.columnNames).toEqual(['text', 'y'])
    expect(data.rows()).toEqual([{ text: 'a', y: 1 }, { text: 'b', y: 2 }])
    const ragged = await loadError('sepragged.csv', 'sep=,\ntext,y\na,1\nb,x,2\n')
    expect(ragged.message).toContain('line 4 has 3 fields but the header has 2')
  })

  test('a one-column file whose name holds no separator still loads', async () => {
    const data = await loadDataset(folder.write('one.csv', 'text\nhello; world\n'))
    expect(data.columnNames).toEqual(['text'])
  })

  test("trailing empty header fields (Excel's phantom columns) are named as empty", async () => {
    const error = await loadError('phantom.csv', 'text,y,pred,,\na,1,1,,\n')
    expect(error.message).toContain('header fields 4 and 5 are empty (columns without a name; Excel writes trailing commas for cells that once held data): name them, or delete those columns')
    // One unnamed column (pandas' index written by to_csv) still loads.
    const data = await loadDataset(folder.write('index.csv', ',y\n0,1\n1,0\n'))
    expect(data.columnNames).toEqual(['', 'y'])
  })
})

describe('loadDataset options', () => {
  test('an unknown option is an error with the close name (a typo loaded the file as if it were not given)', async () => {
    const error = await loadError('a.csv', 'x\n1\n', { fromat: 'csv' })
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe('loadDataset: unknown option "fromat" in the options; did you mean "format"?')
    const plural = await loadError('b.csv', 'x\n1\n', { number: 'decimal' })
    expect(plural.message).toContain('did you mean "numbers"?')
  })

  test('a separator option says CSV is read comma-separated only', async () => {
    const error = await loadError('c.csv', 'x\n1\n', { delimiter: ';' })
    expect(error.message).toContain('loadDataset: there is no option "delimiter": a file separated by ";", as Excel writes CSV where the decimal mark is a comma. evalgate reads comma-separated CSV only (RFC 4180)')
  })
})
