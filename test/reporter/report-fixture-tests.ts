import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { binaryMeta, manyClassMeta, regressorMeta, threeClassMeta } from '../fixtures/reporter/eval-runs.js'

/** Reported tests built from the hand-made fixtures, as `collectReportedTests` would return them. */
export function fixtureReportedTests(): ReportedTest[] {
  return [
    { file: 'test/sentiment.eval.ts', suitePath: ['sentiment'], name: 'classifies feedback', fullName: 'sentiment > classifies feedback', state: 'failed', durationMs: 812, errors: ['expected f1_score of slice category=technical_support to be >= 0.8'], meta: threeClassMeta() },
    { file: 'test/sentiment.eval.ts', suitePath: ['sentiment'], name: 'plain unit test', fullName: 'sentiment > plain unit test', state: 'passed', durationMs: 2, errors: [] },
    { file: 'test/churn.eval.ts', suitePath: [], name: 'binary churn model', fullName: 'binary churn model', state: 'passed', durationMs: 300, errors: [], meta: binaryMeta() },
    { file: 'test/prices.eval.ts', suitePath: [], name: 'house price regressor', fullName: 'house price regressor', state: 'passed', durationMs: 150, errors: [], meta: regressorMeta() },
    { file: 'test/intents.eval.ts', suitePath: [], name: '25 intents', fullName: '25 intents', state: 'passed', durationMs: 420, errors: [], meta: manyClassMeta() },
  ]
}
