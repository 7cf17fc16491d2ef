// HTTP adapter benchmark: a loopback MLflow-protocol server that adds 20 ms to every request;
// 2,000 rows in batches of 50 with concurrency 8 (40 requests). The ideal time is
// requests / concurrency x latency = 40 / 8 x 20 ms = 100 ms; the target is a ratio <= 1.5.
// Also measures bare fetch (the baseline, same run) and a fully cached re-run (no requests).
// Bounded: a fixed number of repetitions, then exits.
// The server runs in a worker thread (latency-server.mjs). Run with `npm run bench:http`
// (compiles src/models to bench/http/.tmp first).
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'

const { mlflowModel } = await import('./.tmp/dist/models/index.js')

const ROWS = 2000
const BATCH_SIZE = 50
const CONCURRENCY = 8
const LATENCY_MS = 20
const REPETITIONS = 9
const TARGET_RATIO = 1.5

const server = new Worker(new URL('./latency-server.mjs', import.meta.url), { workerData: { latencyMs: LATENCY_MS } })
const nextMessage = () => new Promise((resolve) => server.once('message', resolve))
const { port } = await nextMessage()
const counters = async () => {
  server.postMessage('counters')
  return nextMessage()
}
const url = `http://127.0.0.1:${port}`

const rows = Array.from({ length: ROWS }, (_, i) => ({ id: i, x: ((i * 7919) % 1000) / 1000, text: `row ${i}` }))
const requestCount = Math.ceil(ROWS / BATCH_SIZE)
const idealMs = (requestCount / CONCURRENCY) * LATENCY_MS

async function timeRun(options) {
  const model = mlflowModel(url, { inputColumns: ['x', 'text'], batchSize: BATCH_SIZE, concurrency: CONCURRENCY, ...options })
  const before = (await counters()).requests
  const start = performance.now()
  const predictions = await model.predict(rows, () => {})
  const ms = performance.now() - start
  if (predictions.length !== ROWS) throw new Error(`expected ${ROWS} predictions, got ${predictions.length}`)
  return { ms, requests: (await counters()).requests - before, stats: model.stats() }
}

/**
 * The baseline implementation, measured in the same run: bare global fetch with the same batches
 * and concurrency, no evalgate code (no retries, cache, redaction or decoding). It shows how much
 * of the gap to the ideal is the machine and the HTTP client rather than the adapter.
 */
async function timeBareFetch() {
  const columns = ['x', 'text']
  const start = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requestCount) {
        const batch = rows.slice(next * BATCH_SIZE, ++next * BATCH_SIZE)
        const body = JSON.stringify({ dataframe_split: { columns, data: batch.map((row) => [row.x, row.text]) } })
        const response = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        JSON.parse(await response.text())
      }
    }),
  )
  return performance.now() - start
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

try {
  // Warm-up (connections, JIT), not counted; then adapter and baseline runs interleaved so a
  // change in machine load affects both alike.
  await timeRun({ cache: false })
  await timeBareFetch()
  const times = []
  const bareTimes = []
  const cpu = { adapter: 0, bare: 0 }
  const cpuMs = (since) => {
    const used = process.cpuUsage(since)
    return (used.user + used.system) / 1000
  }
  for (let i = 0; i < REPETITIONS; i++) {
    let since = process.cpuUsage()
    times.push((await timeRun({ cache: false })).ms)
    cpu.adapter += cpuMs(since)
    since = process.cpuUsage()
    bareTimes.push(await timeBareFetch())
    cpu.bare += cpuMs(since)
  }
  const medianMs = median(times)
  const bareMedianMs = median(bareTimes)
  const ratio = medianMs / idealMs

  const cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-bench-http-'))
  let cold
  let warm
  try {
    cold = await timeRun({ cache: true, cacheDir })
    warm = await timeRun({ cache: true, cacheDir })
  } finally {
    await rm(cacheDir, { recursive: true, force: true })
  }

  console.log(`evalgate HTTP adapter benchmark (node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`)
  console.log(`  ${ROWS} rows, batch ${BATCH_SIZE}, concurrency ${CONCURRENCY}, server latency ${LATENCY_MS} ms -> ${requestCount} requests`)
  console.log(`  ideal (requests / concurrency x latency): ${idealMs.toFixed(1)} ms`)
  console.log(`  measured, ${REPETITIONS} runs after a warm-up: ${times.map((t) => t.toFixed(1)).join(', ')} ms`)
  console.log(`  median ${medianMs.toFixed(1)} ms, best ${Math.min(...times).toFixed(1)} ms; peak requests in flight at the server: ${(await counters()).peakInFlight}`)
  console.log(`  baseline (bare fetch, same batches and concurrency): median ${bareMedianMs.toFixed(1)} ms -> adapter / baseline ${(medianMs / bareMedianMs).toFixed(2)}x`)
  console.log(
    `  CPU per run (client and server threads; less sensitive to machine load): adapter ${(cpu.adapter / REPETITIONS).toFixed(1)} ms, bare fetch ${(cpu.bare / REPETITIONS).toFixed(1)} ms`,
  )
  console.log(`  ratio median / ideal: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x) ${ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}; best / ideal ${(Math.min(...times) / idealMs).toFixed(2)}x`)
  console.log(`  with the cache: first run ${cold.ms.toFixed(1)} ms (${cold.requests} requests, writes ${cold.stats.cacheMisses} entries),`)
  console.log(`                  re-run ${warm.ms.toFixed(1)} ms (${warm.requests} requests, ${warm.stats.cacheHits} hits)`)
  if (ratio > TARGET_RATIO || warm.requests !== 0) process.exitCode = 1
} finally {
  server.postMessage('close')
  await new Promise((resolve) => server.once('exit', resolve))
}
