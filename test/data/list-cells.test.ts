import { afterAll, describe, expect, test } from 'vitest'
import { datasetFromRecords, listCell, listColumn, loadDataset, oneOrListCell } from '../../src/data/index.js'
import { DatasetError } from '../../src/errors.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('list-cells')
afterAll(() => folder.remove())

function thrown(fn: () => unknown): DatasetError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError)
    return error as DatasetError
  }
  throw new Error('expected a DatasetError')
}

describe('list columns', () => {
  test('JSON Lines arrays keep their ids and their types (1 and "1" differ)', async () => {
    const path = folder.write('r.jsonl', '{"q":"a","ids":[1,"1","d3"]}\n{"q":"b","ids":[]}\n')
    const data = await loadDataset(path)
    const ids = listColumn(data, 'ids')
    expect(ids).toEqual([[1, '1', 'd3'], []])
    expect(typeof ids[0][0]).toBe('number')
    expect(typeof ids[0][1]).toBe('string')
  })

  test('a CSV cell holding a JSON array is parsed, types kept', async () => {
    const path = folder.write('r.csv', 'q,ids\na,"[1, ""1"", ""d3""]"\nb,[]\nc,  ["x"]  \n')
    const data = await loadDataset(path)
    expect(listColumn(data, 'ids')).toEqual([[1, '1', 'd3'], [], ['x']])
  })

  test('records carry arrays as they are', () => {
    const data = datasetFromRecords([{ ids: ['a', 2] }, { ids: [] }])
    expect(listColumn(data, 'ids')).toEqual([['a', 2], []])
  })

  test('a cell that is not a list names the column, the row and the value', async () => {
    const path = folder.write('bad.csv', 'q,ids\na,"[""d1""]"\nb,d1;d2\n')
    const data = await loadDataset(path)
    const error = thrown(() => listColumn(data, 'ids'))
    expect(error.code).toBe('DATASET_LIST_CELL')
    expect(error.message).toBe(
      'column "ids", row 2: expected a list, got "d1;d2"; give an array per row (JSON Lines / records), or in a CSV cell a JSON array such as ["doc1", "doc2"]',
    )
    expect(thrown(() => listCell(null, { column: 'relevant', row: 0 })).message).toContain('column "relevant", row 1: expected a list, got null')
    expect(thrown(() => listCell(7, { column: 'relevant', row: 3 })).message).toContain('row 4: expected a list, got 7')
  })

  test('a CSV cell that starts like JSON but is not says why', () => {
    const error = thrown(() => listCell("['d1']", { column: 'ids', row: 9 }))
    expect(error.message).toMatch(/^column "ids", row 10: "\['d1'\]" is not a valid JSON array \(.+\); write the list as JSON/)
  })

  test('one answer or a list of answers', () => {
    expect(oneOrListCell('Paris')).toEqual(['Paris'])
    expect(oneOrListCell(['Paris', 'paris'])).toEqual(['Paris', 'paris'])
    expect(oneOrListCell('["Paris", "the city of Paris"]')).toEqual(['Paris', 'the city of Paris'])
    // not a JSON array of strings: the text itself is the answer
    expect(oneOrListCell('[1, 2]')).toEqual(['[1, 2]'])
    expect(oneOrListCell('[see above]')).toEqual(['[see above]'])
  })
})
