/**
 * What the per-example outputs cost one test of the suite benchmark, measured in one process (the
 * whole suite, 100 tests of 10,000 rows, takes tens of minutes on a loaded 2-core machine): one
 * run like the suite's (10,000 rows, 3 classes with probabilities, slices region, channel and
 * their cross, intervals off), then, median of 7 rounds: encoding its outputs (what the worker
 * does at the end of each test, `encodeRunOutputs` + JSON) against the peer, serialising the run
 * itself (JSON of the EvalRun: what task.meta carries already, and run.json), and the sizes of both.
 *
 * Run: npm run build && node bench/suite/outputs-size.mjs
 */
import { performance } from 'node:perf_hooks'
import { evaluate } from '../../dist/evaluate/index.js'
import { encodeRunOutputs } from '../../dist/reporter/run-outputs.js'

const ROWS = 10_000
const LABELS = ['cat', 'dog', 'bird']
const REGIONS = ['north', 'south', 'east', 'west']
const CHANNELS = ['web', 'app', 'phone']
// Seeded rows (a linear congruential generator): the truth, a noisy softmax, two slice columns.
let state = 99
const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)
const rows = Array.from({ length: ROWS }, (_, id) => {
  const truth = Math.floor(uniform() * 3)
  const logits = LABELS.map((_, c) => (c === truth ? 1.6 : 0) + 2 * (uniform() - 0.5))
  const exp = logits.map(Math.exp)
  const sum = exp.reduce((a, b) => a + b, 0)
  return { id, truth: LABELS[truth], region: REGIONS[id % 4], channel: CHANNELS[Math.floor(uniform() * 3)], p_cat: exp[0] / sum, p_dog: exp[1] / sum, p_bird: exp[2] / sum }
})
const run = await evaluate({ data: rows, targets: 'truth', modelType: 'classifier', labels: LABELS, probabilities: ['p_cat', 'p_dog', 'p_bird'], inputColumns: ['id', 'region', 'channel'], slices: ['region', 'channel', ['region', 'channel']], intervals: false })
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const encodeMs = []
const runMs = []
let outputsJson = ''
let runJson = ''
for (let round = 0; round < 7; round++) {
  let start = performance.now()
  outputsJson = JSON.stringify(encodeRunOutputs(run))
  encodeMs.push(performance.now() - start)
  start = performance.now()
  runJson = JSON.stringify(run)
  runMs.push(performance.now() - start)
}
const record = JSON.parse(outputsJson)
const part = (name) => (record[name] ? JSON.stringify(record[name]).length : 0)
console.log(`one run: ${ROWS} rows, 3 classes with probabilities, ${Object.keys(run.slices).length} slices`)
console.log(`outputs.json ${(outputsJson.length / 1e3).toFixed(0)} kB (probabilities ${(part('probabilities') / 1e3).toFixed(0)} kB, predictions ${(part('predictions') / 1e3).toFixed(0)} kB, targets ${(part('targets') / 1e3).toFixed(0)} kB, slice columns ${(part('sliceColumns') / 1e3).toFixed(0)} kB); the run's JSON ${(runJson.length / 1e3).toFixed(0)} kB (${((100 * outputsJson.length) / runJson.length).toFixed(0)}% of it)`)
console.log(`encoding the outputs: median ${median(encodeMs).toFixed(1)} ms; serialising the run (peer): median ${median(runMs).toFixed(1)} ms; ratio ${(median(encodeMs) / median(runMs)).toFixed(2)}`)
console.log(`for the suite's 100 tests: +${((100 * outputsJson.length) / 1e6).toFixed(1)} MB through task.meta and in eval-results/, about ${((100 * median(encodeMs)) / 1000).toFixed(1)} s of encoding spread over the workers`)
