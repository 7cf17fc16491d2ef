#!/usr/bin/env node
/**
 * Merges coverage tables printed by run.mjs for one population and n, measured in shards with
 * distinct seed offsets (e.g. `--seed-offset 2000`, `2100`, ... with `--trials-at 5000=100`, so
 * the shards' trials use disjoint seeds), into one table over all their trials:
 *
 *   node bench/coverage/merge-tables.mjs shard-a.txt shard-b.txt ...
 *
 * Each table's covered / below / above counts are recovered exactly from its percentages and
 * trial count (a table of t trials prints multiples of 100/t, to 0.1 point; t must divide 1000;
 * a metric withheld in some trials has fewer, and the one whole count that prints as its
 * percentage is taken),
 * summed over the tables, and printed in run.mjs's format with the standard error of the merged
 * coverage; the mean width is the trial-weighted mean. Tables of another population or n than the
 * first are refused.
 */
import { readFileSync } from 'node:fs'

const files = process.argv.slice(2)
if (files.length === 0 || files.includes('--help')) {
  console.log('usage: node bench/coverage/merge-tables.mjs FILE... (run.mjs outputs of one population and n)')
  process.exit(files.length === 0 ? 1 : 0)
}

const merged = new Map()
const headers = []
let population
let size
for (const file of files) {
  let current
  let count = 0
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const title = /^## (\S+):/.exec(line)
    if (title) {
      current = title[1]
      if (population === undefined) population = current
      if (current !== population) throw new Error(`${file}: population ${current}, not ${population}`)
      continue
    }
    const header = /^n = (\d+), (\d+) trials .*seed offset (-?\d+).*load average ([\d. ]+), (\S+); nominal/.exec(line)
    if (header) {
      const n = Number(header[1])
      if (size === undefined) size = n
      if (n !== size) throw new Error(`${file}: n = ${n}, not ${size}`)
      count = Number(header[2])
      if (1000 % count !== 0) throw new Error(`${file}: ${count} trials do not give exact counts from 0.1-point percentages`)
      headers.push({ offset: Number(header[3]), trials: count, load: header[4].trim(), date: header[5] })
      continue
    }
    if (count === 0 || line.startsWith('metric ') || line.trim() === '') continue
    const metric = line.slice(0, 32).trim()
    const fields = line.slice(33).trim().split(/\s+/)
    const entry = merged.get(metric) ?? { metric, method: '', truth: '', trials: 0, covered: 0, below: 0, above: 0, missing: 0, widthSum: 0 }
    merged.set(metric, entry)
    const missing = Number(/\((\d+)\)$/.exec(line)?.[1] ?? Number.NaN)
    entry.missing += missing
    if (fields[0] === '(no' || fields[0] === 'interval)') continue
    const [method, truth, cover, , below, above, width] = fields
    const trials = count - missing
    // The one whole count that prints as `pct` over `trials` (at most 1,000 trials with an interval,
    // so 0.1 point is at most one count: unique, also when withheld trials leave an odd number).
    const exact = (pct) => {
      const value = (Number(pct) * trials) / 100
      const counts = [-1, 0, 1].map((d) => Math.round(value) + d).filter((k) => k >= 0 && k <= trials && ((100 * k) / trials).toFixed(1) === Number(pct).toFixed(1))
      if (counts.length !== 1) throw new Error(`${file}: ${metric} ${pct}% of ${trials} trials is not one whole count`)
      return counts[0]
    }
    entry.method = method
    entry.truth = truth
    entry.trials += trials
    entry.covered += exact(cover)
    entry.below += exact(below)
    entry.above += exact(above)
    entry.widthSum += Number(width) * trials
  }
}

const total = headers.reduce((sum, h) => sum + h.trials, 0)
const pct = (x) => (100 * x).toFixed(1).padStart(5)
console.log(`## ${population}, n = ${size}: ${total} trials merged from ${headers.length} tables`)
console.log(`seed offsets ${headers.map((h) => `${h.offset} (${h.trials})`).join(', ')}; load averages ${headers.map((h) => h.load).join(' | ')}; ${headers.map((h) => h.date).sort()[0]} to ${headers.map((h) => h.date).sort().at(-1)}`)
console.log('metric                           method                      truth   cover    SE  below  above  width   withheld')
for (const e of merged.values()) {
  const withheld = `${pct(e.missing / (e.trials + e.missing))}% (${e.missing})`
  if (e.trials === 0) {
    console.log(`${e.metric.padEnd(32)} (no interval)${' '.repeat(46)}${withheld}`)
    continue
  }
  const share = e.covered / e.trials
  const se = Math.sqrt((share * (1 - share)) / e.trials)
  console.log(`${e.metric.padEnd(32)} ${e.method.padEnd(26)} ${e.truth.padStart(7)} ${pct(share)} ${pct(se)} ${pct(e.below / e.trials)}  ${pct(e.above / e.trials)}  ${(e.widthSum / e.trials).toPrecision(3).padEnd(7)} ${withheld}`)
}
