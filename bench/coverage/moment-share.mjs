#!/usr/bin/env node
/**
 * Issue 8 (branch cov8): how often the moment estimator's γ̂ (moment-tail.mjs) falls below ½ (where
 * r2-moment-run.mjs and the MSE prototype take the sample variance) against how often Hill's α̂ is
 * at least 2 (where the engine does), on the squared errors of run.mjs's rows (seed offset 9000,
 * 1,000 trials). No options; seconds.
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/moment-share.mjs
 */
import { momentTailMean } from './moment-tail.mjs'
import { regressorColumns } from './.tmp/dist/bench/coverage/simulation.js'
import { createRandom, pengTailSize } from './.tmp/dist/src/stats/index.js'
for (const law of ['t3', 'lognormal', 't5']) {
  const { targetValues: y, predictedValues: p } = regressorColumns(law)
  for (const n of [800, 5000]) {
    const rows = createRandom(20_261_202 + 9000)
    const v = new Float64Array(n)
    let low = 0, hillLow = 0
    const T = 1000
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < n; i++) { const r = Math.floor(rows.uniform() * 200000); v[i] = (y[r] - p[r]) ** 2 }
      const m = momentTailMean(v, pengTailSize(n))
      if (m.gamma < 0.5) low++
      if (m.hill >= 2) hillLow++
    }
    console.log(law, n, `moment gamma < 1/2: ${(100 * low / T).toFixed(1)}%`, `Hill alpha >= 2: ${(100 * hillLow / T).toFixed(1)}%`)
  }
}
