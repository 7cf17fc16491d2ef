// evalgate history over many versions of a baseline file that stores large outputs (a 10k-row
// classifier's predictions and probabilities are ~344 KB per entry): the reader keeps only what
// a point needs, so a heap far smaller than all the versions together is enough. Adversarial
// pass 22: every version was read and parsed at once, and 321 commits of a 36-file suite ran a
// 1 GB heap out of memory. Runs dist/ (as test/cli/lazy-imports.test.ts does) in a Node process
// with a small heap: whether it runs out of memory, not how long it takes, is what is asserted.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { baselineEntry, baselineFile, createRepository, type TestRepository } from './git-repository.js'

const FILE = 'src/__baselines__/model.eval.test.ts.json'
const VERSIONS = 60
/** Bytes of stored predictions per version: VERSIONS of them are ~90 MB, the heap is 40 MB. */
const STORED_BYTES = 1_500_000
const HEAP_MB = 40
const CLI = resolve('dist/cli/main.js')

let repo: TestRepository

beforeAll(() => {
  repo = createRepository('evalgate-history-memory-')
  // One stream of commits through git fast-import (seconds), each changing the accuracy and the stored predictions.
  const stream: string[] = []
  for (let i = 0; i < VERSIONS; i++) {
    const values = String.fromCharCode(65 + (i % 26)).repeat(STORED_BYTES)
    const entry = { ...(baselineEntry(0.8 + i / 1000, 0.7) as object), predictions: { encoding: 'uint8-base64', length: STORED_BYTES, labels: ['a', 'b'], values } }
    const content = Buffer.from(baselineFile({ 'model > big': entry }))
    const message = `version ${i}`
    stream.push(`commit refs/heads/main\ncommitter Ada <ada@example.com> ${1767225600 + i * 3600} +0000\ndata ${message.length}\n${message}\n`)
    stream.push(`M 100644 inline ${FILE}\ndata ${content.length}\n`, content.toString('utf8'), '\n')
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.root, input: stream.join(''), maxBuffer: 1 << 30 })
  repo.git('reset', '-q', '--hard', 'main')
}, 120_000)

test(`evalgate history reads ${VERSIONS} versions of ~${STORED_BYTES / 1e6} MB each with a ${HEAP_MB} MB heap: one point per version, stored outputs never held together`, () => {
  const out = join(repo.root, 'history-out')
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'history', '--out', out], { cwd: repo.root, encoding: 'utf8' })
  // Out of memory is exit code 134 (SIGABRT) with "heap out of memory" on stderr.
  expect(result.stderr).not.toMatch(/heap out of memory/i)
  expect(result.status).toBe(0)
  const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as { entries: { points: { metrics: { accuracy_score: { value: number } } }[] }[] }
  expect(history.entries).toHaveLength(1)
  const points = history.entries[0]!.points
  expect(points).toHaveLength(VERSIONS)
  expect(points[VERSIONS - 1]!.metrics.accuracy_score.value).toBeCloseTo(0.8 + (VERSIONS - 1) / 1000, 12)
  // A point holds the metric values, not the stored outputs.
  expect(JSON.stringify(points[0])).not.toContain('AAAA')
}, 120_000)
