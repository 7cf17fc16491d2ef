import { describe, expect, test } from 'vitest'
import { formatRowRanges } from '../../src/models/row-ranges.js'
import { backoffDelay } from '../../src/models/transport/backoff.js'
import { responseBodyMessage } from '../../src/models/transport/response-message.js'
import { parseRetryAfter } from '../../src/models/transport/retry-after.js'
import { runWithConcurrency } from '../../src/models/transport/run-with-concurrency.js'

describe('parseRetryAfter', () => {
  test('seconds, HTTP dates, past dates and garbage', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:27:58 GMT')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('1.5', now)).toBe(1500)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(2000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('backoffDelay', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 }
  test('full jitter under a doubling cap; Retry-After wins but is capped', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy))).toEqual([99, 199, 399, 799, 999, 999])
    expect(backoffDelay(0, policy, 700)).toBe(700)
    expect(backoffDelay(0, policy, 5000)).toBe(1000)
  })
})

describe('responseBodyMessage', () => {
  test('MLflow, KServe, OpenAI, FastAPI and text bodies', () => {
    expect(responseBodyMessage('{"error_code":"BAD_REQUEST","message":"no column x"}')).toBe('BAD_REQUEST: no column x')
    expect(responseBodyMessage('{"error":"Model m not found"}')).toBe('Model m not found')
    expect(responseBodyMessage('{"error":{"message":"Invalid model","type":"invalid_request_error"}}')).toBe('Invalid model')
    expect(responseBodyMessage('{"detail":[{"msg":"field required"}]}')).toBe('field required')
    expect(responseBodyMessage('<html>\n Bad\n</html>')).toBe('<html> Bad </html>')
    expect(responseBodyMessage('')).toBe('(empty body)')
  })
})

describe('runWithConcurrency', () => {
  test('never runs more than the limit at once and runs every item', async () => {
    let inFlight = 0
    let peak = 0
    const seen: number[] = []
    await runWithConcurrency([...Array(20).keys()], 3, async (item) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise((resolve) => setImmediate(resolve))
      seen.push(item)
      inFlight--
    })
    expect(peak).toBe(3)
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()])
  })

  test('stops starting new items once shouldContinue says no', async () => {
    const started: number[] = []
    await runWithConcurrency([1, 2, 3, 4, 5], 1, async (item) => void started.push(item), () => started.length < 2)
    expect(started).toEqual([1, 2])
  })
})

describe('formatRowRanges', () => {
  test('compact ranges with a count', () => {
    // Indexes from 0 in, row numbers from 1 out, as every other evalgate message counts rows.
    expect(formatRowRanges([5, 0, 1, 2, 7, 8])).toBe('rows 1-3, 6, 8-9 (6 rows)')
    expect(formatRowRanges([4])).toBe('row 5')
    expect(formatRowRanges([0, 2, 4, 6], 2)).toBe('rows 1, 3, … 2 more ranges (4 rows)')
  })
})
