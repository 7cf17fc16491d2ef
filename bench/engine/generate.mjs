// Generates the engine benchmark's evaluation file once (seeded) and caches it under
// bench/.data/: 1,000,000 rows of a 5-class classifier's stored output, with a string target
// label, a predicted label, five probability columns summing to exactly 1 (ten-thousandths),
// and an 8-valued slice column. Prints the file's path.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const LABELS = ['billing', 'shipping', 'technical', 'account', 'other']
export const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'apac', 'latam', 'africa', 'mena']
export const PROBABILITY_COLUMNS = LABELS.map((label) => `p_${label}`)

const here = dirname(fileURLToPath(import.meta.url))
const dataDir = join(here, '..', '.data')

/** mulberry32: a small seeded generator, so the file is the same on every machine. */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Writes the file if it is not cached yet; resolves to its path. */
export async function generateBenchmarkFile(rows = 1_000_000, seed = 20261128, sliceValues = REGIONS.length) {
  const regions = REGIONS.slice(0, sliceValues)
  const path = join(dataDir, sliceValues === REGIONS.length ? `engine-${rows}-${seed}.csv` : `engine-${rows}-${seed}-${sliceValues}.csv`)
  if (existsSync(path)) return path
  mkdirSync(dataDir, { recursive: true })
  const random = seededRandom(seed)
  const temp = `${path}.tmp`
  const out = createWriteStream(temp)
  const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)))
  await write(['target', 'predicted', ...PROBABILITY_COLUMNS, 'region'].join(',') + '\n')
  const k = LABELS.length
  const weights = new Float64Array(k)
  const units = new Int32Array(k)
  let chunk = ''
  for (let r = 0; r < rows; r++) {
    const target = Math.min(k - 1, Math.floor(random() ** 1.3 * k)) // unbalanced classes
    const r0 = Math.floor(random() * regions.length)
    const region = regions[r0]
    // The model is better in some regions than in others.
    const signal = 1.2 + (r0 % 4) * 0.35
    let total = 0
    for (let c = 0; c < k; c++) {
      weights[c] = Math.exp((c === target ? signal : 0) + 1.1 * gaussian(random))
      total += weights[c]
    }
    // Probabilities in ten-thousandths, each at least 1, summing to exactly 10000.
    let assigned = 0
    let best = 0
    for (let c = 0; c < k; c++) {
      units[c] = Math.max(1, Math.round((weights[c] / total) * (10000 - k)) )
      assigned += units[c]
    }
    units[0] += 10000 - assigned
    if (units[0] < 1) {
      // Rare: move the excess onto the largest class.
      let largest = 1
      for (let c = 2; c < k; c++) if (units[c] > units[largest]) largest = c
      units[largest] -= 1 - units[0]
      units[0] = 1
    }
    for (let c = 1; c < k; c++) if (units[c] > units[best]) best = c
    let line = `${LABELS[target]},${LABELS[best]}`
    for (let c = 0; c < k; c++) line += `,${units[c] / 10000}`
    chunk += `${line},${region}\n`
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
  renameSync(temp, path)
  return path
}

function gaussian(random) {
  let u = 0
  while (u === 0) u = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined
  console.log(await generateBenchmarkFile(rows))
}
