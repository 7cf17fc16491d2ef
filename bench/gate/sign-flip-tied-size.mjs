/**
 * The size of the paired mean's sign-flip test where the per-row differences' sizes repeat (a
 * lattice: 0/1 scores, integer errors, rounded probabilities) and rows x draws is past the work
 * limit, so the test once took the flips' normal limit, which has no continuity correction there.
 * Null samples: every row's sign fair, so every sign pattern is equally likely and an exact test
 * rejects at most alpha. Scenarios (`--scenario`):
 *
 * - `two-sizes`: 100 rows of |d| = 1 and 200 of |d| = 1e-4 (adversarial pass 49's F4);
 * - `integers`: 250 rows of sizes 1, 1, 1, 2 in turn (an integer-valued regressor's MAE terms);
 *
 * alpha 1e-4 (a family of 500 at 0.05): 200,000 draws, past the work limit from 201 rows. Prints
 * the rejection rate at 0.05 to 0.0005 against its standard error, and how often each method ran;
 * `--dist` points at another build's dist for the peer run on the same seeds.
 *
 *   npm run build && node bench/gate/sign-flip-tied-size.mjs [--scenario two-sizes] [--trials 20000] [--seed 7] [--dist dist]
 */
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({ options: { trials: { type: 'string', default: '20000' }, scenario: { type: 'string', default: 'two-sizes' }, seed: { type: 'string', default: '7' }, dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname } } })
const trials = Number(args.trials)
const scenario = args.scenario
const dist = args.dist
const { pairedSignFlipTest, createRandom } = await import(`${dist}/stats/index.js`)
const sizes = { 'two-sizes': Array.from({ length: 300 }, (_, i) => (i < 100 ? 1 : 1e-4)), integers: Array.from({ length: 250 }, (_, i) => (i % 4 === 3 ? 2 : 1)) }[scenario]
if (!sizes) throw new Error(`--scenario: two-sizes or integers, not ${scenario}`)
const random = createRandom(Number(args.seed))
const levels = [0.05, 0.01, 0.005, 0.001, 0.0005]
const rejected = levels.map(() => 0)
const methods = {}
const started = Date.now()
const differences = new Float64Array(sizes.length)
for (let t = 0; t < trials; t++) {
  for (let i = 0; i < sizes.length; i++) differences[i] = random.uniform() < 0.5 ? -sizes[i] : sizes[i]
  const { p, method } = pairedSignFlipTest({ differences, alpha: 0.0001, seed: t + 1 })
  methods[method] = (methods[method] ?? 0) + 1
  levels.forEach((level, k) => {
    if (p <= level) rejected[k]++
  })
}
console.log(`sign-flip size on tied sizes (${scenario}): ${trials} null samples of ${sizes.length} rows (${((Date.now() - started) / 1000).toFixed(0)} s, ${dist}); methods ${JSON.stringify(methods)}`)
levels.forEach((level, k) => {
  const rate = rejected[k] / trials
  console.log(`  at ${level}: rejects ${(100 * rate).toFixed(3)}% = ${(rate / level).toFixed(2)} x alpha (SE ${(Math.sqrt((1 - level) / (level * trials))).toFixed(2)} x alpha)`)
})
