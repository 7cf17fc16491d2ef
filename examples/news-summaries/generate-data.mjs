#!/usr/bin/env node
/**
 * Generates the company-news data of the summarization example, deterministically:
 *
 *   node examples/news-summaries/generate-data.mjs          # writes articles.jsonl
 *   node examples/news-summaries/generate-data.mjs --check  # exits 1 if the committed files differ
 *
 * Posts from the smart-home company's news page: outages, firmware releases and price
 * changes, each with a reference summary written the way an editor would (the key facts in
 * other words, one sentence per line, as `rougeLsum` expects). Many posts open with a scene
 * or a general remark before the news (`lede: true`), as blog posts do, so the first three
 * sentences (lead-3) often miss the facts; others open with the news. Between the facts come
 * quotes and background that a summary leaves out.
 *
 * Columns: `id`, `kind` (`outage`, `release`, `pricing`), `lede` (whether the post opens with a
 * scene), `title`, `text` (the post, sentences separated by spaces), `summary` (the reference,
 * sentences separated by newlines).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SEED = 20_261_203
const ARTICLE_COUNT = 150

/** Mulberry32: a small, seeded, well-distributed 32-bit generator. */
function createRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = createRandom(SEED)
const pick = (items) => items[Math.floor(random() * items.length)]
const chance = (p) => random() < p
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1))

const PRODUCTS = [
  { name: 'Nimbus', plural: 'Nimbus thermostats', thing: 'thermostat' },
  { name: 'Lumo', plural: 'Lumo cameras', thing: 'camera' },
  { name: 'Aura', plural: 'Aura speakers', thing: 'speaker' },
  { name: 'Brio', plural: 'Brio smart plugs', thing: 'plug' },
]
const REGIONS = ['Europe', 'North America', 'Australia', 'Japan', 'Brazil', 'the Nordics']
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const CAUSES = [
  ['an expired security certificate', 'a certificate had expired'],
  ['a faulty database migration', 'a database change went wrong'],
  ['a misconfigured load balancer', 'a load balancer was set up wrongly'],
  ['a failed storage node', 'a storage server failed'],
]
const FEATURES = [
  ['adaptive scheduling', 'schedules that adapt to the household'],
  ['local voice control', 'voice commands that work without the cloud'],
  ['energy reports by room', 'energy use shown room by room'],
  ['faster motion alerts', 'quicker alerts when motion is seen'],
  ['a redesigned setup flow', 'an easier first setup'],
]
const PLANS = ['Home Basic', 'Home Plus', 'Home Premium']

const LEDES = [
  () => [`Few things are as annoying as a smart home that suddenly stops listening.`, `Most days nobody thinks about the servers behind the app.`],
  () => [`It was an ordinary morning for the support team in Lisbon.`, `Coffee was brewing and the queue was short.`],
  () => [`Our customers tell us every week what they want next.`, `We read every message, even the long ones.`],
  (p) => [`A lot has happened in the last few months.`, `The team grew, and so did the list of ideas for the ${p.name} range.`],
  () => [`Winter is the busiest season of the year for us.`, `Homes get colder, and people rely on their devices more.`],
]
const FILLERS = [
  () => `"We know how much people depend on their homes working," said Mara Lindqvist, head of support.`,
  () => `The team thanks everyone who wrote in for their patience.`,
  (p) => `The ${p.name} range has been on sale since 2021.`,
  () => `Questions can be sent to the support team through the app.`,
  () => `More posts about how the service runs will follow.`,
  () => `Several customers shared their experience on social media.`,
]

function outage(p) {
  const region = pick(REGIONS)
  const hours = between(2, 9)
  const devices = `${between(3, 40)},${pick(['000', '500'])}`
  const [cause, causePlain] = pick(CAUSES)
  const day = pick(DAYS)
  const fixed = `${String(between(6, 22)).padStart(2, '0')}:${pick(['05', '20', '40', '55'])} UTC`
  return {
    title: `${p.name} outage in ${region} on ${day}`,
    facts: [
      `On ${day}, ${p.plural} in ${region} could not reach the cloud for ${hours} hours because of ${cause}.`,
      `The ${p.name} outage affected about ${devices} devices in ${region}.`,
      `Engineers deployed a fix at ${fixed}, and no ${p.name} settings or schedules were lost.`,
    ],
    summary: [
      `${p.plural} in ${region} lost their cloud connection for ${hours} hours on ${day} after ${causePlain}.`,
      `About ${devices} devices were affected.`,
      `A fix went out at ${fixed} and no settings were lost.`,
    ],
  }
}

function release(p) {
  const version = `${between(3, 6)}.${between(0, 9)}`
  const [feature, featurePlain] = pick(FEATURES)
  const share = between(10, 60)
  const date = `${pick(['March', 'May', 'June', 'September', 'October'])} ${between(2, 28)}`
  return {
    title: `${p.name} firmware ${version} brings ${feature}`,
    facts: [
      `${p.name} firmware ${version} adds ${feature} to every ${p.name} ${p.thing}.`,
      `The ${p.name} ${version} update also cuts standby power use by ${share} percent.`,
      `Firmware ${version} rolls out to all ${p.plural} from ${date}, installed automatically overnight.`,
    ],
    summary: [
      `Firmware ${version} gives ${p.plural} ${featurePlain}.`,
      `It also lowers standby power by ${share} percent.`,
      `The update installs automatically from ${date}.`,
    ],
  }
}

function pricing(p) {
  const plan = pick(PLANS)
  const oldPrice = between(3, 12)
  const newPrice = oldPrice + between(1, 3)
  const month = pick(['January', 'April', 'July', 'November'])
  const days = pick([30, 60, 90])
  return {
    title: `${plan} plan price for ${p.name} changes in ${month}`,
    facts: [
      `The ${plan} plan for ${p.plural} will cost $${newPrice} a month instead of $${oldPrice} from ${month}.`,
      `Current ${plan} subscribers keep the old ${plan} price for ${days} days after the change.`,
      `The ${plan} plan now also includes ${days} days of event history for ${p.plural}.`,
    ],
    summary: [
      `From ${month} the ${plan} plan costs $${newPrice} a month, up from $${oldPrice}.`,
      `Existing subscribers keep the old price for ${days} days.`,
      `The plan now includes ${days} days of event history.`,
    ],
  }
}

const KINDS = { outage, release, pricing }

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}

const records = []
for (let n = 0; n < ARTICLE_COUNT; n++) {
  const kind = pick(Object.keys(KINDS))
  const product = pick(PRODUCTS)
  const story = KINDS[kind](product)
  const lede = chance(0.6)
  const fillers = shuffle(FILLERS.slice()).slice(0, between(2, 4)).map((fill) => fill(product))
  // The facts stay in order; the fillers fall between and after them.
  const body = [...story.facts.map((fact) => [fact])]
  for (const filler of fillers) body[between(lede ? 0 : 1, body.length - 1)].push(filler)
  const sentences = [...(lede ? pick(LEDES)(product) : []), ...body.flat()]
  records.push({
    id: `news-${String(n + 1).padStart(3, '0')}`,
    kind,
    lede,
    title: story.title,
    text: sentences.join(' '),
    summary: story.summary.join('\n'),
  })
}

const content = records.map((record) => JSON.stringify(record)).join('\n') + '\n'
const here = dirname(fileURLToPath(import.meta.url))
const path = join(here, 'articles.jsonl')
if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(path, 'utf8')
  } catch {
    // no file yet: it is out of date
  }
  if (current !== content) {
    console.error('articles.jsonl is out of date: run node examples/news-summaries/generate-data.mjs')
    process.exit(1)
  }
} else {
  writeFileSync(`${path}.tmp`, content)
  renameSync(`${path}.tmp`, path)
  console.log(`wrote ${path} (${records.length} articles)`)
}
