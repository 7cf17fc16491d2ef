/**
 * The size of the paired mean's sign-flip test where a few rows dominate a large sum (their signs
 * enumerated or drawn, the rest's sum by its normal limit: `exact-and-normal-limit`,
 * `monte-carlo-and-normal-limit` in src/stats/paired-sign-flip-test.ts). Null samples: `--rows`
 * per-row differences with a symmetric heavy-tailed body (0.1 x Student t(3), signs fair) and 1 to
 * 8 rows 1 to 4 units off, their signs fair too, so every sign pattern is equally likely and an
 * exact test rejects at most alpha. 100,000 draws per test (so rows x draws is past the work limit
 * and the normal limit applies to the rest). Prints the rejection rate at 0.05, 0.005 and 0.0005
 * with its standard error, and how often each method ran.
 *
 *   npm run build && node bench/gate/sign-flip-hybrid-size.mjs [--trials 4000] [--rows 2000] [--seed 3] [--dist dist]
 */
const option = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at < 0 ? fallback : process.argv[at + 1]
}
const trials = Number(option('--trials', '4000'))
const rows = Number(option('--rows', '2000'))
const dist = option('--dist', new URL('../../dist', import.meta.url).pathname)
const { pairedSignFlipTest, createRandom } = await import(`${dist}/stats/index.js`)
const random = createRandom(Number(option('--seed', '3')))
const levels = [0.05, 0.005, 0.0005]
const rejected = levels.map(() => 0)
const methods = {}
const started = Date.now()
for (let t = 0; t < trials; t++) {
  const differences = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    const chi = (random.normal() ** 2 + random.normal() ** 2 + random.normal() ** 2) / 3
    differences[i] = (random.uniform() < 0.5 ? 1 : -1) * Math.abs((0.1 * random.normal()) / Math.sqrt(chi))
  }
  const dominant = 1 + Math.floor(random.uniform() * 8)
  for (let j = 0; j < dominant; j++) differences[j] = (random.uniform() < 0.5 ? 1 : -1) * (1 + 3 * random.uniform())
  const { p, method } = pairedSignFlipTest({ differences, draws: 100_000, seed: t })
  methods[method] = (methods[method] ?? 0) + 1
  levels.forEach((level, k) => {
    if (p <= level) rejected[k]++
  })
}
console.log(`sign-flip size with a few dominant rows: ${trials} null samples of ${rows} rows (${((Date.now() - started) / 1000).toFixed(0)} s); methods ${JSON.stringify(methods)}`)
levels.forEach((level, k) => {
  const rate = rejected[k] / trials
  console.log(`  at ${level}: rejects ${(100 * rate).toFixed(3)}% (SE ${(100 * Math.sqrt((level * (1 - level)) / trials)).toFixed(3)} pt at the nominal rate)`)
})
