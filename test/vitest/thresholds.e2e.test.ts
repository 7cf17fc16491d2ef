// Threshold matchers in real Vitest processes on the `thresholds` fixture project, run as CI runs
// it split in two: `--shard=1/2` and `--shard=2/2` with the blob reporter, then
// `--merge-reports`, whose reporters see every test's state, errors, annotations and task.meta.
// Every assertion is on what the merged run reported per test, so each check also proves that
// what the matchers record survives sharding (three spawns, the merge running no test). The
// merged run's evalgate reporter also writes the results folder: the per-example outputs' way
// (the worker encodes them into task.meta, the reporter writes outputs.json beside run.json,
// evalgate compare reads them back and pairs the runs) is checked on it, at the end. Needs
// `npm run build` first, as the other e2e tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { decodeRunOutputs } from '../../src/reporter/run-outputs.js'
import { formatMetric } from '../../src/run/format-metric.js'
import { wrongRows } from '../fixtures/projects/shared/feedback-fixture.js'
import { prepareFixture, removeFixture, runVitest, type FixtureRun } from './fixture-project.js'

const accuracyOf = (model: string): number => {
  const wrong = wrongRows(model)
  let right = 0
  for (let id = 0; id < 600; id++) if (!wrong(id)) right++
  return right / 600
}

describe('threshold matchers (real Vitest process)', () => {
  let run: FixtureRun
  let root: string
  let shardOutputs: string[] = []
  let shardsWroteResults = true
  beforeAll(async () => {
    root = prepareFixture('thresholds')
    // the two shards are independent: both at once, then the merge
    const parts = await Promise.all(['1/2', '2/2'].map((shard) => runVitest(root, { ci: true, args: [`--shard=${shard}`, '--reporter=blob', `--outputFile=.vitest-reports/blob-${shard.replace('/', '-')}.json`] })))
    for (const part of parts) expect(part.output).not.toContain('Startup Error')
    shardOutputs = parts.map((part) => part.output)
    shardsWroteResults = existsSync(join(root, 'eval-results'))
    run = await runVitest(root, { ci: true, args: ['--merge-reports=.vitest-reports'] })
  }, 300_000)
  afterAll(() => removeFixture(root))

  test('blob shards leave the results folder to --merge-reports, and say so', () => {
    // Two shards writing eval-results/ in one root would race for the folder (and export twice).
    expect(shardsWroteResults).toBe(false)
    for (const output of shardOutputs) expect(output).toContain('evalgate: the blob reporter is on, so eval-results/ is written by `vitest --merge-reports`, not by this run')
    expect(readdirSync(join(root, 'eval-results'))).toContain('index.html')
  })

  test('a passing threshold passes and is recorded as a gate with its value', () => {
    const passing = run.test('passing threshold')
    expect(passing.state, run.output).toBe('passed')
    expect(passing.meta?.runs.map((r) => r.name)).toEqual(['good'])
    expect(passing.meta?.gates.map((g) => [g.matcher, g.title, g.pass])).toEqual([
      ['toHaveMetric', 'accuracy_score >= 0.85', true],
      ['toHaveMetric', 'accuracy_score between 0.8 and 0.95', true],
      ['toHaveSliceF1', 'f1_score[category=technical_support] >= 0.8', true],
      ['toHaveClassMetric', 'recall[class=negative] >= 0.8', true],
      ['toHaveConfusionRate', 'confusion_rate[negative->neutral] <= 0.2', true],
      ['toHaveSliceGap', 'accuracy_score gap over category <= 0.2', true],
      ['toHaveSliceAccuracy', 'accuracy_score[channel=email] >= 0.8', true],
    ])
    expect(passing.meta?.gates[0].value).toBeCloseTo(accuracyOf('good'), 12)
  })

  test('a failing threshold names the value, the threshold, the interval and the example count', () => {
    const failing = run.test('failing threshold')
    expect(failing.state).toBe('failed')
    const message = failing.errors[0]
    expect(message).toContain('expect(run).toHaveMetric(name, threshold)')
    expect(message).toContain('accuracy_score should be >= 0.95')
    expect(message).toContain(`Received: ${formatMetric(accuracyOf('good'))}\n`)
    expect(message).toMatch(/Interval: 95% interval \[0\.\d+, 0\.\d+\] \(multinomial-bootstrap-bca\)/)
    expect(message).toContain('Examples: 600 examples')
  })

  test('a failing slice assertion names the slice and its size', () => {
    const failing = run.test('failing slice')
    expect(failing.state).toBe('failed')
    expect(failing.errors[0]).toContain('f1_score[category=technical_support] should be >= 0.99')
    expect(failing.errors[0]).toContain('150 examples in slice category=technical_support (of 600)')
    expect(failing.meta?.gates[0]).toMatchObject({ kind: 'slice', slice: 'category=technical_support', pass: false })
  })

  test('.not passes when the threshold is not met and fails, saying "should not", when it is', () => {
    expect(run.test('negated passes').state).toBe('passed')
    expect(run.test('negated passes').meta?.gates[0]).toMatchObject({ negated: true, pass: true })
    const failing = run.test('negated fails')
    expect(failing.state).toBe('failed')
    expect(failing.errors[0]).toContain('expect(run).not.toHaveMetric(name, threshold)')
    expect(failing.errors[0]).toContain('accuracy_score should not be >= 0.5')
  })

  test('a point verdict with the threshold inside the interval passes with a warning annotation', () => {
    const noisy = run.test('within noise')
    expect(noisy.state).toBe('passed')
    expect(noisy.annotations).toHaveLength(1)
    expect(noisy.annotations[0].type).toBe('warning')
    expect(noisy.annotations[0].message).toContain('within noise')
    expect(noisy.meta?.gates[0].withinNoise).toBe(true)
    expect(noisy.meta?.warnings).toEqual([noisy.annotations[0].message])
  })

  test("confidence 'lower' asserts the interval's lower bound", () => {
    const lower = run.test('lower bound fails')
    expect(lower.state).toBe('failed')
    expect(lower.errors[0]).toContain('the lower bound of accuracy_score should be >=')
    expect(lower.errors[0]).toContain(`(point value ${Number(accuracyOf('good').toFixed(4))})`)
  })

  test('a slice too small to decide says so', () => {
    const small = run.test('slice too small')
    expect(small.state).toBe('failed')
    expect(small.errors[0]).toContain('slice channel=fax is too small to decide accuracy_score: 12 examples, below the run\'s minSliceSize of 30')
  })

  test('toOutperform uses a paired test: a clearly better model passes, a near-identical one fails', () => {
    const better = run.test('outperforms the lexicon baseline')
    expect(better.state, better.errors.join('\n')).toBe('passed')
    expect(better.meta?.gates.map((g) => g.title)).toEqual([
      'good vs regressed: accuracy_score better by > 0',
      'good vs regressed: f1_score better by > 0',
      'regressed vs good: accuracy_score not better by > 0',
    ])
    const same = run.test('does not outperform a near-identical model')
    expect(same.state).toBe('failed')
    expect(same.errors[0]).toContain('one-sided mcnemar-exact')
    expect(same.errors[0]).toContain('3 examples right only for the candidate, 2 right only for the other model')
  })

  test('runs of concurrent tests land on their own test', () => {
    expect(run.test('concurrent run a').meta?.runs.map((r) => r.name)).toEqual(['run-a'])
    expect(run.test('concurrent run b').meta?.runs.map((r) => r.name)).toEqual(['run-b'])
  })

  test('a run evaluated in beforeAll is attached to every test that asserts on it', () => {
    expect(run.test('shared run first test').meta?.runs.map((r) => r.name)).toEqual(['noise'])
    expect(run.test('shared run second test').meta?.runs.map((r) => r.name)).toEqual(['noise'])
    expect(run.test('shared run second test').meta?.gates[0].title).toBe('accuracy_score[category=billing] >= 0.8')
  })

  test('task.meta reaches the reporter after --shard and --merge-reports: both files, passing and failing tests', () => {
    expect(run.modules.map((module) => module.file).sort()).toEqual(['second.test.ts', 'thresholds.test.ts'])
    const second = run.test('second file threshold')
    expect(second.state).toBe('passed')
    expect(second.meta?.runs.map((r) => r.name)).toEqual(['second'])
    expect(second.meta?.gates[0]).toMatchObject({ matcher: 'toHaveMetric', title: 'accuracy_score >= 0.75', pass: true })
    const failing = run.test('failing slice')
    expect(failing.state).toBe('failed')
    expect(failing.meta?.gates[0]).toMatchObject({ slice: 'category=technical_support', pass: false })
    expect(run.test('within noise').meta?.warnings[0]).toContain('within noise')
  })

  // Moved from test/reporter/run-outputs-e2e.test.ts, which ran second.test.ts in a Vitest process of its own.
  describe('outputs.json from the merged run', () => {
    test('the worker put the outputs into task.meta; the reporter wrote them beside run.json', () => {
      const meta = run.test('second file threshold').meta!
      expect(meta.outputs?.length).toBe(1)
      expect(meta.outputs![0]).toMatchObject({ evalgateRunOutputs: 1, exampleCount: 600, fingerprint: meta.runs[0].dataset.fingerprint })
      const folder = readdirSync(join(root, 'eval-results')).find((name) => name.startsWith('second'))!
      const written = JSON.parse(readFileSync(join(root, 'eval-results', folder, 'outputs.json'), 'utf8'))
      expect(written).toEqual(meta.outputs![0])
      const decoded = decodeRunOutputs(written, 'outputs.json')
      const right = decoded.predictedIndex!.filter((p, i) => p === decoded.targetIndex![i]).length
      expect(right / 600).toBe(meta.runs[0].metrics.accuracy_score)
    })

    test('evalgate compare pairs the run with itself: every change 0, paired, no clear change', async () => {
      const folder = readdirSync(join(root, 'eval-results')).find((name) => name.startsWith('second'))!
      const file = join(root, 'eval-results', folder, 'run.json')
      let stdout = ''
      const code = await runCli(['node', 'evalgate', 'compare', file, file, '--out', join(root, 'cmp'), '--markdown'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stdout += t) })
      expect(code).toBe(0)
      expect(stdout).toContain('> **Paired tests.** Run 2 shares the first run')
      expect(stdout).toMatch(/\| overall \| accuracy\\_score \| [^|]+ \| [^|]+ \| ±0 \(p 1\.0000, no clear change, mcnemar-exact\) \|/)
    })
  })
})
