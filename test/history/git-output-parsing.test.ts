import { expect, test } from 'vitest'
import { parseBaselineLog } from '../../src/history/baseline-log.js'
import { parseCatFileBatch } from '../../src/history/blob-reader.js'
import { readBaselineHistory } from '../../src/history/read-history.js'
import { baselineEntry, baselineFile, createRepository } from './git-repository.js'

test('parseBaselineLog: header fields, added / modified / deleted blobs, C-quoted paths', () => {
  const a = '1'.repeat(40)
  const b = '2'.repeat(40)
  const zero = '0'.repeat(40)
  const text =
    `\x1e${'c'.repeat(40)}\x1f2026-01-01T00:00:00+01:00\x1fAda Lovelace\x1fadd: "x" & <y>\n\n` +
    `:000000 100644 ${zero} ${a} A\tt/__baselines__/a.test.ts.json\n` +
    `:100644 100644 ${a} ${b} M\t"t/__baselines__/q\\"uote\\303\\251.test.ts.json"\n` +
    `:100644 000000 ${b} ${zero} D\tt/__baselines__/gone.json\n`
  expect(parseBaselineLog(text)).toEqual([
    {
      commit: 'c'.repeat(40),
      date: '2026-01-01T00:00:00+01:00',
      author: 'Ada Lovelace',
      message: 'add: "x" & <y>',
      changes: [
        { path: 't/__baselines__/a.test.ts.json', before: undefined, after: a },
        { path: 't/__baselines__/q"uoteé.test.ts.json', before: a, after: b },
        { path: 't/__baselines__/gone.json', before: b, after: undefined },
      ],
    },
  ])
})

test('parseCatFileBatch: contents by object id, missing objects left out, sizes in bytes', () => {
  const blobs = new Map<string, string>()
  const body = Buffer.from('{"é":1}\n')
  parseCatFileBatch(Buffer.concat([Buffer.from(`abc blob ${body.length}\n`), body, Buffer.from('\ndef missing\n')]), blobs)
  expect([...blobs]).toEqual([['abc', '{"é":1}\n']])
})

test('a baseline file whose name git quotes is read under its real name', async () => {
  const repo = createRepository()
  const path = 'src/__baselines__/the "odd" tést.test.ts.json'
  repo.commit({ [path]: baselineFile({ t: baselineEntry(0.5, 0.4) }) }, 'one', 'Ada', '2026-01-01T00:00:00+00:00')
  repo.commit({ [path]: baselineFile({ t: baselineEntry(0.6, 0.4) }) }, 'two', 'Ada', '2026-01-02T00:00:00+00:00')
  const history = await readBaselineHistory({ cwd: repo.root })
  expect(history.entries.map((e) => [e.baselineFile, e.testFile])).toEqual([[path, 'src/the "odd" tést.test.ts']])
  expect(history.entries[0]!.points.map((p) => p.metrics.accuracy_score!.value)).toEqual([0.5, 0.6])
})
