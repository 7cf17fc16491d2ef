#!/usr/bin/env node
/**
 * Generates the customer-feedback data of the sentiment example, deterministically:
 *
 *   node examples/sentiment/generate-data.mjs          # writes feedback.csv and train.csv
 *   node examples/sentiment/generate-data.mjs --check  # exits 1 if the committed files differ
 *
 * The feedback is about a small smart-home company: the Nimbus thermostat (`product_A`), the
 * Lumo camera (`product_B`), its technical support and its billing. Texts are built from
 * templates with per-category vocabulary, negations ("not happy with"), mixed phrasings
 * ("looks nice but ..."), neutral questions and some noise (lower case, missing punctuation,
 * typos, greetings). About 3% of the labels are flipped to a neighbouring class, as annotators
 * disagree. The seed case of the study is real here: technical-support complaints written
 * politely ("Still waiting on a reply from support about the login issue.") use the words of
 * neutral support requests, so models tend to read them as neutral.
 *
 * Some phrasings appear only in the evaluation set (`evalOnly` templates): customers keep
 * writing in new ways, and an evaluation set should show how a model copes with that.
 *
 * `feedback.csv` (the evaluation set) and `train.csv` (the training split) never share a text.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SEED = 20_240_611
const EVAL_ROWS = 1000
const TRAIN_ROWS = 1600
const LABEL_NOISE = 0.03
const TRAIN_POLITE_KEEP = 0.2

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
/** Picks a key of `weights` with probability proportional to its weight. */
function pickWeighted(weights) {
  const entries = Object.entries(weights)
  const total = entries.reduce((sum, [, w]) => sum + w, 0)
  let r = random() * total
  for (const [key, w] of entries) {
    r -= w
    if (r < 0) return key
  }
  return entries[entries.length - 1][0]
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const shared = {
  duration: ['two days', 'a week', 'three weeks', 'a month', 'two months', 'ten days', 'six weeks'],
  day: ['on Monday', 'on Tuesday', 'yesterday', 'this morning', 'last Friday', 'on Thursday', 'today'],
  wait: ['40 minutes', 'an hour', 'two hours', 'five days', 'a week', 'three days'],
  posadj: ['excellent', 'fantastic', 'really good', 'spot on', 'super reliable', 'easy to use', 'brilliant', 'impressive', 'great'],
  negadj: ['useless', 'terrible', 'unreliable', 'a joke', 'awful', 'painfully slow', 'broken', 'really poor'],
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  agent: ['Maria', 'Tom', 'Priya', 'Jonas', 'Aisha', 'Luca', 'Chen', 'Sofia'],
  room: ['living room', 'hallway', 'kitchen', 'bedroom', 'garage', 'office'],
}

const products = {
  product_A: {
    product: ['Nimbus thermostat', 'thermostat', 'Nimbus', 'new thermostat'],
    feature: ['temperature schedule', 'app', 'display', 'eco mode', 'installation guide', 'humidity sensor', 'geofencing', 'touch dial', 'energy report', 'wifi connection', 'firmware update', 'voice control', 'heating schedule', 'away mode'],
    other: ['my boiler', 'Alexa', 'Google Home', 'a heat pump', 'underfloor heating', 'my old wiring'],
    when: ['in the evening', 'on weekends', 'when I travel', 'in winter', 'at night'],
    part: ['display', 'touch dial', 'humidity sensor', 'app', 'temperature sensor', 'wifi connection'],
    addon: ['geofencing', 'eco mode', 'away mode', 'energy report', 'voice control'],
  },
  product_B: {
    product: ['Lumo camera', 'camera', 'Lumo cam', 'outdoor camera'],
    feature: ['night vision', 'motion alerts', 'video quality', 'battery', 'mounting bracket', 'two-way audio', 'cloud recordings', 'app', 'field of view', 'person detection', 'siren', 'wifi range', 'live view', 'sound detection'],
    other: ['my doorbell', 'Alexa', 'Google Home', 'an SD card', 'a solar panel', 'my NAS'],
    when: ['at night', 'when I am away', 'on holiday', 'for the driveway', 'for the back garden'],
    part: ['night vision', 'video quality', 'battery', 'app', 'microphone', 'wifi range'],
    addon: ['person detection', 'sound detection', 'siren', 'two-way audio', 'cloud recordings'],
  },
}

const support = {
  issue: ['login issue', 'password reset', 'pairing problem', 'offline device', 'failed firmware update', 'account lockout', 'app crash', 'missing recordings', 'wifi setup', 'two-factor code', 'sync error', 'device registration'],
  channel: ['chat', 'phone line', 'email team', 'ticket system', 'callback service', 'help center'],
}

const billing = {
  plan: ['premium plan', 'family plan', 'basic plan', 'annual plan', 'cloud storage plan', 'Plus subscription'],
  billingIssue: ['invoice', 'monthly charge', 'refund amount', 'renewal date', 'promo code', 'VAT on my invoice', 'payment reminder', 'direct debit'],
  paymentMethod: ['credit card', 'payment method', 'billing address', 'bank details', 'PayPal account'],
}

// ---------------------------------------------------------------------------------------------
// Templates: (category, sentiment) -> list of { text(v), evalOnly? }
// ---------------------------------------------------------------------------------------------

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1)

/** Templates about a product (used for product_A and product_B). */
const productTemplates = {
  positive: [
    (v) => `Love the ${v.feature}, it just works.`,
    (v) => `The ${v.feature} is ${v.posadj}.`,
    (v) => `Really happy with the ${v.product} so far.`,
    (v) => `${cap(v.feature)} works perfectly since the last update.`,
    (v) => `Five stars, the ${v.feature} exceeded my expectations.`,
    (v) => `No complaints at all about the ${v.feature}.`,
    (v) => `Not a single problem with the ${v.feature} in ${v.duration}.`,
    (v) => `Would recommend the ${v.product} to anyone.`,
    (v) => `Setup took five minutes and the ${v.feature} is ${v.posadj}.`,
    (v) => `The ${v.feature} isn't perfect but I'm pleased overall.`,
    (v) => `Bought a second ${v.product} for the ${v.room}, that says it all.`,
    (v) => `The ${v.part} is so much better than on my old one.`,
    { text: (v) => `Honestly did not expect the ${v.feature} to be this good.`, evalOnly: true },
    { text: (v) => `The ${v.product} paid for itself, the ${v.feature} is a delight.`, evalOnly: true },
  ],
  negative: [
    (v) => `The ${v.feature} stopped working after ${v.duration}.`,
    (v) => `Really disappointed with the ${v.feature}.`,
    (v) => `The ${v.feature} is ${v.negadj}.`,
    (v) => `Not happy with the ${v.feature} at all.`,
    (v) => `The ${v.feature} is not good enough for the price.`,
    (v) => `Returned the ${v.product}, the ${v.part} kept failing.`,
    (v) => `Worst purchase this year, the ${v.feature} never worked.`,
    (v) => `The ${v.feature} looks nice but it is ${v.negadj}.`,
    (v) => `${cap(v.feature)} keeps dropping out every night.`,
    (v) => `Since the update the ${v.feature} no longer works with ${v.other}.`,
    (v) => `The ${v.feature} does not do what the box promised.`,
    (v) => `Great idea, shame the ${v.feature} is ${v.negadj}.`,
    { text: (v) => `Had to reset the ${v.product} four times this week because of the ${v.feature}.`, evalOnly: true },
    { text: (v) => `The ${v.feature} worked for ${v.duration}, now it is dead.`, evalOnly: true },
  ],
  neutral: [
    (v) => `How do I change the ${v.feature} settings?`,
    (v) => `Is the ${v.product} compatible with ${v.other}?`,
    (v) => `Received the ${v.product} ${v.day}.`,
    (v) => `I use the ${v.feature} mostly ${v.when}.`,
    (v) => `Does the ${v.product} work with ${v.other}?`,
    (v) => `The ${v.feature} works as described.`,
    (v) => `Installed the ${v.product} in the ${v.room} ${v.day}.`,
    (v) => `The ${v.feature} is okay, nothing special.`,
    (v) => `Please add an option to export the ${v.feature} data.`,
    (v) => `Where can I find the manual for the ${v.feature}?`,
    (v) => `Not sure whether the ${v.feature} is switched on by default.`,
    (v) => `Replaced my old device with the ${v.product} ${v.day}.`,
    { text: (v) => `Which firmware version added the ${v.addon}?`, evalOnly: true },
    { text: (v) => `Moving house next month, can I take the ${v.product} with me?`, evalOnly: true },
  ],
}

const categoryTemplates = {
  technical_support: {
    positive: [
      (v) => `${v.agent} on the ${v.channel} sorted out my ${v.issue} in minutes. Thank you!`,
      (v) => `Support was quick and friendly about my ${v.issue}.`,
      (v) => `Great help from support, the ${v.issue} is fixed.`,
      (v) => `Thanks to ${v.agent}, my ${v.issue} is resolved.`,
      (v) => `Impressed by how fast the ${v.channel} answered.`,
      (v) => `The help center article solved my ${v.issue} right away.`,
      (v) => `${v.agent} was patient and explained the ${v.issue} clearly.`,
      (v) => `No more ${v.issue}, support did a great job.`,
      { text: (v) => `Kudos to ${v.agent}, the ${v.issue} took one call to fix.`, evalOnly: true },
    ],
    negative: [
      (v) => `Support was rude and did not fix my ${v.issue}.`,
      (v) => `Waited ${v.wait} on the ${v.channel} and got cut off. Terrible.`,
      (v) => `Nobody at support can fix the ${v.issue}, very frustrating.`,
      (v) => `Useless answers from the ${v.channel} about my ${v.issue}.`,
      (v) => `Awful experience with the ${v.channel}, the ${v.issue} is worse now.`,
      // Polite complaints: negative, in the words of a neutral request (the seed case).
      { text: (v) => `Still waiting on a reply from support about the ${v.issue}.`, polite: true },
      { text: (v) => `Opened a ticket about the ${v.issue} ${v.wait} ago and have not heard back.`, polite: true },
      { text: (v) => `This is the third time I am contacting you about the ${v.issue}.`, polite: true },
      { text: (v) => `Any update on my ${v.issue}? It has been ${v.duration}.`, polite: true },
      { text: (v) => `I was told someone would call me back about the ${v.issue}; no call yet.`, polite: true },
      { text: (v) => `The ${v.issue} is still not resolved after two tickets.`, polite: true },
      { text: (v) => `Following up again on the ${v.issue}, still no answer.`, polite: true },
      { text: (v) => `I have followed every step the ${v.channel} suggested and the ${v.issue} is still there.`, polite: true },
      { text: (v) => `Could someone please actually look at my ${v.issue} ticket?`, polite: true, evalOnly: true },
      { text: (v) => `Kindly let me know when the ${v.issue} will be looked at, I asked ${v.duration} ago.`, polite: true, evalOnly: true },
      { text: (v) => `I would appreciate a reply about the ${v.issue} at some point.`, polite: true, evalOnly: true },
      { text: (v) => `Ticket ${v.ref} about the ${v.issue} has been open since ${v.month}.`, polite: true, evalOnly: true },
      { text: (v) => `Just checking whether anyone has seen ticket ${v.ref} about the ${v.issue}.`, polite: true, evalOnly: true },
      { text: (v) => `Sent the logs for the ${v.issue} ${v.wait} ago as the ${v.channel} asked, nothing since.`, polite: true, evalOnly: true },
      { text: (v) => `The technician was scheduled ${v.day} for the ${v.issue}; I am still waiting.`, polite: true, evalOnly: true },
      { text: (v) => `Is anyone working on ticket ${v.ref}? The ${v.issue} is the same as ${v.duration} ago.`, polite: true, evalOnly: true },
    ],
    neutral: [
      (v) => `I contacted support about the ${v.issue} ${v.day}.`,
      (v) => `Opened a ticket about the ${v.issue}, reference ${v.ref}.`,
      (v) => `Waiting for the technician visit ${v.day} as scheduled.`,
      () => `Is there a phone number for support?`,
      (v) => `The ${v.channel} asked me to send logs for the ${v.issue}; sent them.`,
      (v) => `How long does a ${v.issue} request usually take?`,
      () => `Support told me to restart the hub, will try tonight.`,
      (v) => `What are the opening hours of the ${v.channel}?`,
      (v) => `Please reply to ticket ${v.ref} by email rather than phone.`,
      (v) => `${v.agent} from support asked me to check the ${v.issue} again after the update.`,
      { text: (v) => `Forwarding the screenshot of the ${v.issue} that the ${v.channel} requested.`, evalOnly: true },
      { text: (v) => `Is the ${v.channel} available on weekends?`, evalOnly: true },
    ],
  },
  billing: {
    positive: [
      () => `Refund arrived within two days, thanks.`,
      (v) => `The ${v.plan} is good value.`,
      (v) => `Billing team fixed the ${v.billingIssue} quickly.`,
      () => `Clear invoice, easy to understand, thanks.`,
      () => `Happy the promo code was applied without any hassle.`,
      (v) => `Switching to the ${v.plan} was painless and cheaper.`,
      (v) => `Thanks for correcting the ${v.billingIssue} so fast.`,
      { text: (v) => `Pleasantly surprised by the loyalty discount on my ${v.plan}.`, evalOnly: true },
    ],
    negative: [
      (v) => `Charged twice for the ${v.plan} this month.`,
      (v) => `Still no refund after ${v.duration}.`,
      (v) => `The ${v.billingIssue} is wrong again and nobody explains why.`,
      () => `Cancelled my subscription because of the hidden fees.`,
      (v) => `Unacceptable: the ${v.plan} renewed without any notice.`,
      (v) => `I was charged for a ${v.plan} I never ordered; please refund.`,
      (v) => `My ${v.billingIssue} still shows the wrong amount after I reported it.`,
      () => `Price went up again, not worth it anymore.`,
      { text: (v) => `Three emails about the ${v.billingIssue} and I am still being overcharged.`, evalOnly: true },
    ],
    neutral: [
      (v) => `Please send me the invoice for ${v.month}.`,
      (v) => `How do I update my ${v.paymentMethod}?`,
      (v) => `When does my ${v.plan} renew?`,
      () => `I'd like to switch to annual billing.`,
      (v) => `Can I get a receipt for the ${v.month} payment?`,
      (v) => `Moving to the ${v.plan} next month.`,
      (v) => `Is VAT included in the price of the ${v.plan}?`,
      (v) => `Changed my ${v.paymentMethod} ${v.day}.`,
      { text: (v) => `Does the ${v.plan} include more than one home?`, evalOnly: true },
    ],
  },
}

/** Template list for a (category, sentiment), normalised to `{ text, evalOnly, polite }`. */
function templatesFor(category, sentiment) {
  const list = category in products ? productTemplates[sentiment] : categoryTemplates[category][sentiment]
  return list.map((t) => (typeof t === 'function' ? { text: t, evalOnly: false, polite: false } : t))
}

/** A fresh set of slot values for one text of a category. */
function slotValues(category) {
  const v = {}
  for (const [key, values] of Object.entries(shared)) v[key] = pick(values)
  const own = products[category] ?? (category === 'technical_support' ? support : billing)
  for (const [key, values] of Object.entries(own)) v[key] = pick(values)
  // Support texts also mention a product now and then; every category may use a feature.
  if (!v.feature) v.feature = pick(products[pick(['product_A', 'product_B'])].feature)
  if (!v.product) v.product = pick(products[pick(['product_A', 'product_B'])].product)
  v.ref = `#${10000 + Math.floor(random() * 90000)}`
  return v
}

// ---------------------------------------------------------------------------------------------
// Noise
// ---------------------------------------------------------------------------------------------

const openers = ['Hi, ', 'Hello. ', 'Honestly, ', 'FYI: ', 'Update: ', 'Hey team, ', 'Quick note: ']
const closers = [' Thanks.', ' Regards.', ' Cheers', '!!', ' Thanks in advance.', ' :)']

/** Swaps two adjacent letters of one longer word, as a quick typist would. */
function typo(text) {
  const words = text.split(' ')
  const candidates = words.map((w, i) => (/^[a-z]{5,}$/.test(w) ? i : -1)).filter((i) => i >= 0)
  if (candidates.length === 0) return text
  const i = pick(candidates)
  const w = words[i]
  const at = 1 + Math.floor(random() * (w.length - 2))
  words[i] = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2)
  return words.join(' ')
}

function addNoise(text) {
  let out = text
  if (chance(0.12)) out = pick(openers) + out.charAt(0).toLowerCase() + out.slice(1)
  if (chance(0.1)) {
    const closer = pick(closers)
    out = closer.startsWith('!') ? out.replace(/[.!?]$/, '') + closer : out + closer
  }
  if (chance(0.08)) out = typo(out)
  if (chance(0.1)) out = out.replace(/[.!]$/, '')
  if (chance(0.1)) out = out.toLowerCase()
  return out
}

// ---------------------------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------------------------

const categoryWeights = { product_A: 30, product_B: 25, technical_support: 25, billing: 20 }
const sentimentWeights = {
  product_A: { positive: 42, neutral: 28, negative: 30 },
  product_B: { positive: 38, neutral: 28, negative: 34 },
  technical_support: { positive: 25, neutral: 28, negative: 47 },
  billing: { positive: 22, neutral: 38, negative: 40 },
}
const regionWeights = { eu: 40, na: 35, apac: 15, latam: 10 }
const neighbours = { positive: ['neutral'], neutral: ['positive', 'negative'], negative: ['neutral'] }

/**
 * One feedback row; `forEval` allows the eval-only phrasings. The training split was labelled
 * from older feedback, when polite complaints were rarer: there a drawn polite complaint is
 * kept with probability `TRAIN_POLITE_KEEP`, else another template is drawn.
 */
function sampleRow(forEval) {
  const category = pickWeighted(categoryWeights)
  const sentiment = pickWeighted(sentimentWeights[category])
  const templates = templatesFor(category, sentiment).filter((t) => forEval || !t.evalOnly)
  let template = pick(templates)
  while (!forEval && template.polite && !chance(TRAIN_POLITE_KEEP)) template = pick(templates)
  const text = addNoise(template.text(slotValues(category)))
  const label = chance(LABEL_NOISE) ? pick(neighbours[sentiment]) : sentiment
  return { text, true_sentiment: label, category, region: pickWeighted(regionWeights) }
}

/** Draws rows until `count` texts not in `seen` are collected. */
function sampleRows(count, forEval, seen) {
  const rows = []
  let attempts = 0
  while (rows.length < count) {
    if (++attempts > count * 200) throw new Error(`could not draw ${count} distinct texts; add templates`)
    const row = sampleRow(forEval)
    const key = row.text.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    rows.push(row)
  }
  return rows
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const COLUMNS = ['id', 'text', 'true_sentiment', 'category', 'region']

/**
 * RFC 4180 quoting of one field. Written here rather than taking `csv-stringify`: the texts are
 * generated, never start with a formula character, and quoting is one rule.
 */
function csvField(value) {
  const s = String(value)
  if (/^[=+\-@]/.test(s)) throw new Error(`generated text would be read as a formula: ${s}`)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function toCsv(rows, idPrefix) {
  const lines = [COLUMNS.join(',')]
  rows.forEach((row, i) => {
    const record = { ...row, id: `${idPrefix}-${String(i + 1).padStart(4, '0')}` }
    lines.push(COLUMNS.map((c) => csvField(record[c])).join(','))
  })
  return lines.join('\n') + '\n'
}

const seen = new Set()
const evalRows = sampleRows(EVAL_ROWS, true, seen)
const trainRows = sampleRows(TRAIN_ROWS, false, seen)
const outputs = {
  'feedback.csv': toCsv(evalRows, 'fb'),
  'train.csv': toCsv(trainRows, 'tr'),
}

const here = dirname(fileURLToPath(import.meta.url))
const check = process.argv.includes('--check')
let stale = false
for (const [name, content] of Object.entries(outputs)) {
  const path = join(here, name)
  if (check) {
    let current = ''
    try {
      current = readFileSync(path, 'utf8')
    } catch {
      // no file yet: it is out of date
    }
    if (current !== content) {
      console.error(`${name} is out of date: run node examples/sentiment/generate-data.mjs`)
      stale = true
    }
  } else {
    writeFileSync(`${path}.tmp`, content)
    renameSync(`${path}.tmp`, path)
    console.log(`wrote ${path} (${content.split('\n').length - 2} rows)`)
  }
}
if (stale) process.exit(1)
