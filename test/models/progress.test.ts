import { describe, expect, test, vi } from 'vitest'
import { createProgress, formatProgressLine } from '../../src/models/progress.js'

function fakeClock() {
  let t = 1_000_000
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe('createProgress', () => {
  test('silent for a short evaluation', () => {
    const clock = fakeClock()
    const lines: string[] = []
    const progress = createProgress({ total: 100, label: 'm', stream: { write: (s) => lines.push(s) }, now: clock.now, timer: false })
    for (let i = 1; i <= 100; i++) {
      clock.advance(15) // 1.5 s in all
      progress.update(i, 0)
    }
    progress.finish()
    expect(lines).toEqual([])
  })

  test('after the quiet period, at most one line per interval, then a closing line', () => {
    const clock = fakeClock()
    const lines: string[] = []
    const progress = createProgress({ total: 1000, label: 'mlflow x', stream: { write: (s) => lines.push(s) }, now: clock.now, intervalMs: 5000, timer: false })
    for (let i = 1; i <= 1000; i++) {
      clock.advance(20) // 20 s in all, one update every 20 ms
      progress.update(i, Math.floor(i / 100))
    }
    progress.finish()
    // first line at 2 s, then 7, 12, 17 s, plus the closing line
    expect(lines).toHaveLength(5)
    expect(lines[0]).toBe('[evalgate] mlflow x: 100/1,000 rows (10%), 50.0 rows/s, ~18s left, 1 error\n')
    expect(lines[4]).toBe('[evalgate] mlflow x: 1,000/1,000 rows (100%), 50.0 rows/s, done in 20s, 10 errors\n')
  })

  test('formatProgressLine: minutes and hours left', () => {
    expect(formatProgressLine({ label: 'm', done: 10, failed: 0, total: 10_000, elapsedMs: 10_000, final: false })).toBe(
      '[evalgate] m: 10/10,000 rows (0%), 1.0 rows/s, ~2h46m left, 0 errors',
    )
    expect(formatProgressLine({ label: 'm', done: 500, failed: 0, total: 2000, elapsedMs: 50_000, final: false })).toContain('~2m30s left')
  })
})

test('while no update arrives, the timer still prints after the quiet period, and stops at finish() (fake timers, no real wait)', () => {
  vi.useFakeTimers({ now: 1_000_000 })
  try {
    const lines: string[] = []
    const progress = createProgress({ total: 10, label: 'slow', stream: { write: (s) => lines.push(s) }, quietMs: 0, intervalMs: 1000, now: Date.now })
    vi.setSystemTime(1_000_500) // the clock moves, no timer runs
    progress.update(3, 0)
    expect(lines).toEqual(['[evalgate] slow: 3/10 rows (30%), 6.0 rows/s, ~1s left, 0 errors\n'])
    vi.advanceTimersByTime(500) // the timer ticks every 1000 ms from its start: not yet
    expect(lines).toHaveLength(1)
    vi.advanceTimersByTime(500) // first tick, 1,500 ms after the start: no update arrived, the timer prints
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe('[evalgate] slow: 3/10 rows (30%), 2.0 rows/s, ~4s left, 0 errors\n')
    vi.advanceTimersByTime(2000) // two more ticks, at 2.5 s and 3.5 s
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe('[evalgate] slow: 3/10 rows (30%), 0.9 rows/s, ~8s left, 0 errors\n')
    progress.finish()
    expect(lines).toHaveLength(5)
    expect(lines[4]).toBe('[evalgate] slow: 3/10 rows (30%), 0.9 rows/s, done in 4s, 0 errors\n')
    vi.advanceTimersByTime(10_000)
    expect(lines).toHaveLength(5) // the timer stopped at finish()
    expect(vi.getTimerCount()).toBe(0)
  } finally {
    vi.useRealTimers()
  }
})
