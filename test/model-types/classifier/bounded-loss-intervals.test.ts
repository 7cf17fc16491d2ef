/**
 * A confident classifier's log losses are two clusters (the right rows near 0, the wrong ones far
 * above), with a gap the heavy-tail check, made for unbounded terms, read as a tail of infinite
 * variance (extreme-value index about 1.3): log_loss had no interval at any size, and above the
 * 50,000-row cap for stored probabilities a re-trained model of equal quality failed its baseline
 * on log_loss, judged on point estimates (adversarial pass 22q). Log losses are bounded (the
 * probabilities are clipped at machine epsilon) and the Brier score's terms lie in [0, 1], so
 * every moment exists and the check is not made. Coverage on such a population:
 * bench/coverage/README.md, "A confident classifier's log losses".
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../../src/baselines/entry.js'
import { compareWithBaseline } from '../../../src/baselines/verdict.js'
import { evaluate } from '../../../src/index.js'
import { createRandom } from '../../../src/stats/index.js'

/** The adversarial pass's model: right with probability 0.8 (else a uniform class), 0.2·U(0,1) per class plus 1.5 on the predicted one. */
function confidentRows(n: number, k: number, seed: number, targetSeed = seed): Array<Record<string, unknown>> {
  const random = createRandom(seed)
  const targets = createRandom(targetSeed)
  return Array.from({ length: n }, (_, i) => {
    const y = Math.floor(targets.uniform() * k)
    const predicted = random.uniform() < 0.8 ? y : Math.floor(random.uniform() * k)
    const p = Array.from({ length: k }, (_, c) => 0.2 * random.uniform() + (c === predicted ? 1.5 : 0))
    const total = p.reduce((a, b) => a + b, 0)
    return { id: i, target: `c${y}`, ...Object.fromEntries(p.map((v, c) => [`p_c${c}`, v / total])) }
  })
}

describe('log_loss and brier_score_loss of a confident classifier', () => {
  test('three classes, 5,000 rows: log_loss has its bootstrap-t interval, not "a tail too heavy"', async () => {
    const rows = confidentRows(5000, 3, 11)
    const run = await evaluate({ data: rows, targets: 'target', modelType: 'classifier', labels: ['c0', 'c1', 'c2'], probabilities: ['p_c0', 'p_c1', 'p_c2'], inputColumns: ['id'] })
    expect(run.notes.join('\n')).not.toContain('tail too heavy')
    expect(run.intervals.log_loss).toMatchObject({ method: 'studentized-bootstrap' })
    expect(run.intervals.log_loss.lower).toBeLessThan(run.metrics.log_loss)
    expect(run.intervals.log_loss.upper).toBeGreaterThan(run.metrics.log_loss)
  })

  test('binary, 2,000 rows: log_loss and brier_score_loss both have intervals', async () => {
    const rows = confidentRows(2000, 2, 12).map(({ p_c1, target, id }) => ({ id, target, score: p_c1 }))
    const run = await evaluate({ data: rows, targets: 'target', modelType: 'classifier', labels: ['c0', 'c1'], posLabel: 'c1', scores: 'score', inputColumns: ['id'] })
    expect(run.notes.join('\n')).not.toContain('tail too heavy')
    expect(run.intervals.log_loss?.method).toBe('studentized-bootstrap')
    expect(run.intervals.brier_score_loss?.method).toBe('studentized-bootstrap')
    expect(run.intervals.brier_score_loss.upper).toBeLessThanOrEqual(1)
  })
})

describe('above the float64 cap for stored probabilities', () => {
  test('a re-trained model of equal quality passes on 60,000 rows: log_loss is tested paired on the float32 probabilities, not judged on point estimates', async () => {
    const classifier = (seed: number) =>
      evaluate({ data: confidentRows(60_000, 3, seed, 5), targets: 'target', modelType: 'classifier', labels: ['c0', 'c1', 'c2'], probabilities: ['p_c0', 'p_c1', 'p_c2'], inputColumns: ['id'], slices: [] })
    const baseline = await classifier(21)
    const entry = createBaselineEntry(baseline)
    // above 50,000 rows the entry keeps its probabilities as float32 (it kept none before, and
    // log_loss was tested unpaired from the stored intervals)
    expect(entry.probabilities?.encoding).toBe('log-float32le-base64')
    expect(entry.metrics.log_loss.method).toBe('normal') // above the row bootstraps' cap
    // re-trains: same targets, other model draws; keep one whose log loss came out higher
    let retrained = await classifier(22)
    for (let seed = 23; retrained.metrics.log_loss <= baseline.metrics.log_loss && seed < 40; seed++) retrained = await classifier(seed)
    expect(retrained.metrics.log_loss).toBeGreaterThan(baseline.metrics.log_loss)
    const verdict = compareWithBaseline(entry, retrained)
    expect(verdict.rows.find((row) => row.metric === 'log_loss')).toMatchObject({ test: 'paired-mean' })
    expect(verdict.status, JSON.stringify(verdict.rows.filter((row) => row.verdict === 'fail'))).toBe('passed')
  }, 60_000)
})
