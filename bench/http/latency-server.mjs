// The benchmark's model server, run in a worker thread so its work does not share the client's
// event loop (a real model server is another process): MLflow protocol, LATENCY_MS added to
// every request, counts requests and the peak number in flight.
import { createServer } from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

const latencyMs = workerData.latencyMs
let inFlight = 0
let peakInFlight = 0
let requests = 0

const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (chunk) => chunks.push(chunk))
  req.on('end', () => {
    requests++
    inFlight++
    peakInFlight = Math.max(peakInFlight, inFlight)
    const { dataframe_split: split } = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const xIndex = split.columns.indexOf('x')
    const body = JSON.stringify({ predictions: split.data.map((row) => (row[xIndex] >= 0.5 ? 'pos' : 'neg')) })
    setTimeout(() => {
      inFlight--
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(body)
    }, latencyMs)
  })
})

parentPort.on('message', (message) => {
  if (message === 'counters') parentPort.postMessage({ requests, peakInFlight })
  if (message === 'close') {
    server.closeAllConnections()
    server.close(() => parentPort.close())
  }
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }))
