/**
 * Command-line options and the run header shared by the heavy-tail scripts of bench/coverage
 * (`--name value` pairs and bare `--flag`s).
 */
import os from 'node:os'

/** Options of `args` (default: this process's arguments). */
export function readOptions(args = process.argv.slice(2)) {
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
  }
  return {
    option,
    /** A comma list. */
    list: (name, fallback) => option(name, fallback).split(','),
    /** A comma list of numbers (accepts 2e5). */
    numbers: (name, fallback) => option(name, fallback).split(',').map(Number),
    flag: (name) => args.includes(`--${name}`),
  }
}

/** The load average, as the tables' headers record it. */
export function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(1)).join(' ')
}

/** A share as a percentage, 5 wide ('-' when not finite). */
export function percent(x) {
  return (Number.isFinite(x) ? (100 * x).toFixed(1) : '-').padStart(5)
}

/**
 * The cells a regressor-law script runs (`--n`, `--trials`, `--laws`, `--seed-offset`) and its
 * flags, with the defaults the heavy-tail scripts share.
 */
export function lawCellOptions(args = process.argv.slice(2)) {
  const { option, list, numbers, flag } = readOptions(args)
  return {
    sizes: numbers('n', '100,800'),
    trials: Number(option('trials', '1000')),
    laws: list('laws', 'normal,t5,t3,lognormal'),
    seedOffset: Number(option('seed-offset', '7000')),
    flag,
  }
}

/** Standard error of a share k/m (NaN when m is 0). */
export function shareStandardError(k, m) {
  return m > 0 ? Math.sqrt(((k / m) * (1 - k / m)) / m) : Number.NaN
}

/** One table line per method of a cell (tallies of r2-tail.ts's `tally`): none, cover, SE, below, above (%), median width. */
export function printTallies(cell, truth, tallies) {
  for (const [name, s] of Object.entries(tallies)) {
    s.widths.sort((x, y) => x - y)
    console.log(
      `${cell.padEnd(26)} ${truth.toPrecision(5)} ${name.padEnd(8)} ${percent(1 - s.reported / s.trials)} ${percent(s.covered / s.reported)} ${percent(shareStandardError(s.covered, s.reported))} ${percent(s.below / s.reported)} ${percent(s.above / s.reported)}  ${s.widths[s.widths.length >> 1]?.toPrecision(3)}`,
    )
  }
}
