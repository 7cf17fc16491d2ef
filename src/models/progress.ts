/**
 * Progress lines for long evaluations. Silent while an evaluation is short (the first line is
 * printed only after `quietMs`, ~2 s), then at most one line every `intervalMs` to stderr, which
 * Vitest forwards from its workers. Each line says rows done/total, rate, time left and errors.
 */

export interface ProgressOptions {
  /** Number of rows the evaluation will process. */
  total: number
  /** What is running, e.g. the test or model name. */
  label: string
  /** Where lines go; defaults to `process.stderr`. */
  stream?: { write(text: string): unknown }
  /** Minimum time between two lines (default 5000 ms). */
  intervalMs?: number
  /** Nothing is printed before this much time has passed (default 2000 ms). */
  quietMs?: number
  /** Clock, injectable for tests (default `Date.now`). */
  now?: () => number
  /** `false`: print only from `update()` calls, never from a background timer (default on). */
  timer?: boolean
}

export interface Progress {
  /** Record that `done` rows have finished so far, `failed` of them failed. */
  update(done: number, failed: number): void
  /** Print a final line if any line was printed before (so a started report is closed). */
  finish(): void
}

/**
 * Create a progress reporter for an evaluation of `total` rows.
 *
 * @example
 * const progress = createProgress({ total: rows.length, label: 'mlflow http://127.0.0.1:5000' })
 * progress.update(100, 0)
 * progress.finish()
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now
  const intervalMs = options.intervalMs ?? 5000
  const quietMs = options.quietMs ?? 2000
  const stream = options.stream ?? process.stderr
  const total = Math.max(0, options.total)
  const startedAt = now()
  let lastPrintedAt: number | undefined
  let done = 0
  let failed = 0
  let finished = false

  const print = (at: number, final: boolean): void => {
    lastPrintedAt = at
    stream.write(formatProgressLine({ label: options.label, done, failed, total, elapsedMs: at - startedAt, final }) + '\n')
  }
  const maybePrint = (): void => {
    const at = now()
    if (at - startedAt < quietMs) return
    if (lastPrintedAt !== undefined && at - lastPrintedAt < intervalMs) return
    if (done >= total) return // finish() prints the closing line
    print(at, false)
  }
  // Also print while no update arrives (one slow batch), so a long wait never looks like a hang.
  // unref: the timer never keeps the process alive.
  const timer = options.timer === false ? undefined : setInterval(maybePrint, Math.max(1000, Math.min(intervalMs, quietMs || intervalMs)))
  timer?.unref()

  return {
    update(doneNow: number, failedNow: number): void {
      if (finished) return
      done = doneNow
      failed = failedNow
      maybePrint()
    },
    finish(): void {
      if (finished) return
      finished = true
      if (timer !== undefined) clearInterval(timer)
      if (lastPrintedAt !== undefined) print(now(), true)
    },
  }
}

/** One progress line: `[evalgate] label: 1,200/2,000 rows (60%), 85.3 rows/s, ~9s left, 2 errors`. */
export function formatProgressLine(state: {
  label: string
  done: number
  failed: number
  total: number
  elapsedMs: number
  final: boolean
}): string {
  const { label, done, failed, total, elapsedMs, final } = state
  const seconds = Math.max(elapsedMs, 1) / 1000
  const rate = done / seconds
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100
  const parts = [`${formatCount(done)}/${formatCount(total)} rows (${percent}%)`, `${formatRate(rate)} rows/s`]
  if (final) parts.push(`done in ${formatDuration(elapsedMs)}`)
  else parts.push(rate > 0 ? `~${formatDuration(((total - done) / rate) * 1000)} left` : 'time left unknown')
  parts.push(`${formatCount(failed)} ${failed === 1 ? 'error' : 'errors'}`)
  return `[evalgate] ${label}: ${parts.join(', ')}`
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

function formatRate(rate: number): string {
  return rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)
}

function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000))
  if (totalSeconds < 60) return `${totalSeconds}s`
  const minutes = Math.floor(totalSeconds / 60)
  const secs = totalSeconds % 60
  if (minutes < 60) return `${minutes}m${String(secs).padStart(2, '0')}s`
  const hours = Math.floor(minutes / 60)
  return `${hours}h${String(minutes % 60).padStart(2, '0')}m`
}
