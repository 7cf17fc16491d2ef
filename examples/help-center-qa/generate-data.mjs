#!/usr/bin/env node
/**
 * Generates the help-centre data of the question-answering example, deterministically:
 *
 *   node examples/help-center-qa/generate-data.mjs          # writes articles.jsonl and questions.jsonl
 *   node examples/help-center-qa/generate-data.mjs --check  # exits 1 if the committed files differ
 *
 * The help centre belongs to the smart-home company of the sentiment example. It sells four
 * families of devices, three models each (the Nimbus, Nimbus Mini and Nimbus Pro thermostats,
 * ...). Every model has one article per topic (factory reset, Wi-Fi band, battery life, ...),
 * each stating one fact that differs between models, among sentences that do not answer
 * anything; the families also have articles that answer no question (billing, privacy,
 * shipping). Articles of one topic use the same words for every model, so a retriever has to
 * find the model's name, and questions use other words than the articles ("colour" / "color",
 * "factory reset" / "restore factory settings"), some with a typo or in lower case. As in most
 * help centres, each article has a few search `keywords` its editors chose.
 *
 * `questions.jsonl`: one question per line with `answer` (the exact span the article states),
 * `answers` (the span and its other spellings, for the SQuAD metrics), `relevant_doc_ids`
 * (the articles that answer it: one, or the three models' articles for family-wide policies),
 * `family`, `topic` and `style` (`plain`, `paraphrase`, `noisy`).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SEED = 20_261_202
const QUESTION_COUNT = 400

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

const FAMILIES = [
  { family: 'Nimbus', kind: 'thermostat', models: ['Nimbus', 'Nimbus Mini', 'Nimbus Pro'], button: 'dial', part: 'wall plate' },
  { family: 'Lumo', kind: 'camera', models: ['Lumo Indoor', 'Lumo Outdoor', 'Lumo Doorbell'], button: 'sync', part: 'mounting bracket' },
  { family: 'Aura', kind: 'speaker', models: ['Aura One', 'Aura Max', 'Aura Go'], button: 'action', part: 'fabric cover' },
  { family: 'Brio', kind: 'smart plug', models: ['Brio Plug', 'Brio Duo', 'Brio Strip'], button: 'power', part: 'surge fuse' },
]

const seconds = () => `${pick([5, 8, 10, 12, 15, 20, 25, 30])} seconds`
const COLOURS = ['blue', 'amber', 'white', 'green', 'purple', 'cyan']
const MENUS = ['Settings > Privacy', 'Settings > Devices', 'Home > Automations', 'Settings > Notifications', 'Device > Advanced', 'Home > Schedules']
const FEATURES = ['away mode', 'night vision', 'energy reports', 'guest access', 'do not disturb', 'motion zones']

/**
 * Topics: `fact` states the answer in an article; `questions` ask for it (`plain` in the
 * article's words, `paraphrase` in others); `answer()` draws a model's value, `alternatives`
 * its other spellings; `familyWide` facts are the same for every model of a family.
 */
const TOPICS = [
  {
    topic: 'factory-reset', keywords: 'factory reset, wipe, start over', title: (m) => `${m.model}: restore factory settings`,
    answer: seconds,
    fact: (m, a) => `To restore factory settings on the ${m.model}, press and hold the ${m.button} button for ${a}.`,
    questions: {
      plain: (m) => `How long do I press and hold the ${m.button} button to restore factory settings on the ${m.model}?`,
      paraphrase: (m) => `How long should I hold ${m.button} to factory reset my ${m.model}?`,
    },
    alternatives: (a) => [a.replace(' seconds', ' s')],
  },
  {
    topic: 'wifi-band', keywords: 'wireless, band, router, network', title: (m) => `${m.model}: Wi-Fi networks it can join`,
    answer: () => pick(['2.4 GHz', '5 GHz']),
    fact: (m, a) => `The ${m.model} joins ${a} Wi-Fi networks only.`,
    questions: {
      plain: (m) => `Which Wi-Fi networks can the ${m.model} join?`,
      paraphrase: (m) => `What wireless band does my ${m.model} need?`,
    },
    alternatives: (a) => [a.replace(' GHz', 'GHz')],
  },
  {
    topic: 'battery-life', keywords: 'battery, recharge, lasts', title: (m) => `${m.model}: battery life`,
    answer: () => `${pick([6, 8, 10, 12, 14, 18])} months`,
    fact: (m, a) => `With default settings, the ${m.model} battery lasts about ${a} between charges.`,
    questions: {
      plain: (m) => `How long does the ${m.model} battery last between charges?`,
      paraphrase: (m) => `How often will I have to recharge the ${m.model}?`,
    },
    alternatives: (a) => [a.replace(/^(\d+)/, 'about $1')],
  },
  {
    topic: 'update-light', keywords: 'colour, color, LED, update', title: (m) => `${m.model}: status light during updates`,
    answer: () => pick(COLOURS),
    fact: (m, a) => `While new firmware installs, the status light of the ${m.model} glows ${a}.`,
    questions: {
      plain: (m) => `What colour is the status light of the ${m.model} while new firmware installs?`,
      paraphrase: (m) => `Which color does the light on the ${m.model} show during an update?`,
    },
    alternatives: (a) => [`${a} light`],
  },
  {
    topic: 'pairing-code', keywords: 'pair, pairing, code, digits', title: (m) => `${m.model}: pairing code`,
    answer: () => String(pick([4, 6, 8])),
    fact: (m, a) => `The pairing code printed under the ${m.model} has ${a} digits.`,
    questions: {
      plain: (m) => `How many digits does the pairing code of the ${m.model} have?`,
      paraphrase: (m) => `How long is the code I type to pair the ${m.model}?`,
    },
    alternatives: (a) => [`${a} digits`],
  },
  {
    topic: 'spare-part', keywords: 'price, buy, spare part, replacement', title: (m) => `${m.model}: replacement ${m.part}`,
    answer: () => `$${pick([9, 12, 14, 19, 24, 29])}.${pick(['00', '49', '99'])}`,
    fact: (m, a) => `A replacement ${m.part} for the ${m.model} costs ${a} in the online store.`,
    questions: {
      plain: (m) => `How much does a replacement ${m.part} for the ${m.model} cost?`,
      paraphrase: (m) => `What is the price of a new ${m.part} for my ${m.model}?`,
    },
    alternatives: (a) => [a.replace('$', '') + ' dollars'],
  },
  {
    topic: 'feature-menu', keywords: 'menu, enable, switch on, app', title: (m) => `${m.model}: turning on ${m.feature}`,
    answer: () => pick(MENUS),
    fact: (m, a) => `You can turn on ${m.feature} for the ${m.model} under ${a} in the Evalhome app.`,
    questions: {
      plain: (m) => `Where do I turn on ${m.feature} for the ${m.model}?`,
      paraphrase: (m) => `Which menu in the app enables ${m.feature} on my ${m.model}?`,
    },
    alternatives: (a) => [a.replace(' > ', ' / ')],
  },
  {
    topic: 'max-temperature', keywords: 'heat, hot, temperature, overheating', title: (m) => `${m.model}: operating temperature`,
    answer: () => `${pick([35, 40, 45, 50, 55])} °C`,
    fact: (m, a) => `The ${m.model} is rated for ambient temperatures up to ${a}.`,
    questions: {
      plain: (m) => `What is the highest ambient temperature the ${m.model} is rated for?`,
      paraphrase: (m) => `How hot can it get before the ${m.model} stops working?`,
    },
    alternatives: (a) => [a.replace(' °C', '°C'), a.replace(' °C', ' degrees')],
  },
  {
    topic: 'history', keywords: 'events, look back, recordings, clips', title: (m) => `${m.model}: how long history is kept`,
    answer: () => `${pick([7, 14, 30, 60, 90])} days`,
    fact: (m, a) => `Event history from the ${m.model} is kept in the cloud for ${a}.`,
    questions: {
      plain: (m) => `How long is event history from the ${m.model} kept in the cloud?`,
      paraphrase: (m) => `For how many days can I look back at ${m.model} events?`,
    },
    alternatives: (a) => [a.replace(' days', '')],
  },
  {
    topic: 'weight', keywords: 'weight, heavy, size', title: (m) => `${m.model}: size and weight`,
    answer: () => `${pick([120, 180, 240, 310, 450, 620])} g`,
    fact: (m, a) => `The ${m.model} weighs ${a} and fits in one hand.`,
    questions: {
      plain: (m) => `How much does the ${m.model} weigh?`,
      paraphrase: (m) => `What is the weight of the ${m.model}?`,
    },
    alternatives: (a) => [a.replace(' g', ' grams')],
  },
  {
    topic: 'users', keywords: 'family, household, members, share', title: (m) => `${m.model}: sharing with your household`,
    answer: () => String(pick([2, 4, 5, 6, 8, 10])),
    fact: (m, a) => `Up to ${a} people can share control of one ${m.model}.`,
    questions: {
      plain: (m) => `How many people can share control of one ${m.model}?`,
      paraphrase: (m) => `How many family members can use the same ${m.model}?`,
    },
    alternatives: (a) => [`up to ${a}`],
  },
  {
    topic: 'firmware', keywords: 'software, release, version, update', title: (m) => `${m.model}: latest firmware`,
    answer: () => `${pick([2, 3, 4])}.${pick([0, 1, 2, 5])}.${pick([1, 3, 7])}`,
    fact: (m, a) => `The latest firmware for the ${m.model} is version ${a}.`,
    questions: {
      plain: (m) => `What is the latest firmware version for the ${m.model}?`,
      paraphrase: (m) => `Which software release is newest on the ${m.model}?`,
    },
    alternatives: (a) => [`v${a}`],
  },
  {
    topic: 'charge-time', keywords: 'charging time, charged, hours, cable', title: (m) => `${m.model}: charging`,
    answer: () => `${pick([2, 3, 4, 5])} hours`,
    fact: (m, a) => `A full charge of the ${m.model} takes ${a} with the supplied cable.`,
    questions: {
      plain: (m) => `How long does a full charge of the ${m.model} take?`,
      paraphrase: (m) => `How many hours until my ${m.model} is charged?`,
    },
    alternatives: (a) => [a.replace(' hours', ' h')],
  },
  {
    topic: 'warranty', keywords: 'warranty, covered, broken, repair', familyWide: true, title: (m) => `${m.model}: warranty`,
    answer: () => pick(['1 year', '2 years', '3 years']),
    fact: (m, a) => `Every ${m.family} ${m.kind}, the ${m.model} included, has a limited warranty of ${a}.`,
    questions: {
      plain: (m) => `How long is the limited warranty of the ${m.model}?`,
      paraphrase: (m) => `For how many years is my ${m.model} covered if it breaks?`,
    },
    alternatives: (a) => [a.replace(/ years?$/, '-year')],
  },
  {
    topic: 'returns', keywords: 'return, send back, refund', familyWide: true, title: (m) => `${m.model}: returns`,
    answer: () => `${pick([14, 30, 45, 60])} days`,
    fact: (m, a) => `A ${m.family} ${m.kind} such as the ${m.model} can be returned within ${a} of delivery.`,
    questions: {
      plain: (m) => `Within how many days of delivery can the ${m.model} be returned?`,
      paraphrase: (m) => `How long do I have to send back a ${m.model} I do not want?`,
    },
    alternatives: (a) => [a.replace(' days', '')],
  },
]

/** Sentences that answer no question; `{m}` fields are filled per model. */
const FILLERS = [
  (m) => `This article applies to the ${m.model} only; other ${m.family} models have their own articles.`,
  (m) => `Keep the ${m.model} updated so that it gets the latest fixes.`,
  (m) => `If the problem persists, contact Evalhome support from the app and mention the ${m.model}.`,
  (m) => `The ${m.button} button of the ${m.model} is on its side.`,
  (m) => `Most ${m.family} owners never need to change this.`,
  (m) => `The Evalhome app shows the ${m.model} under Devices once it is set up.`,
  (m) => `Settings you change in the app take effect on the ${m.model} within a minute.`,
]

/** Articles per family that answer none of the questions. */
const EXTRA_ARTICLES = [
  ['billing', (f) => `${f.family}: billing and invoices`, (f) => `Invoices for ${f.family} subscriptions are sent by email every month. You can change the card on file in the app. Refunds go back to the original payment method.`],
  ['privacy', (f) => `${f.family}: privacy`, (f) => `${f.family} devices send only the data their features need. You can download or delete your data from the app. Recordings are encrypted in transit and at rest.`],
  ['shipping', (f) => `${f.family}: shipping`, (f) => `Orders of ${f.family} devices ship within two working days. Tracking links arrive by email. Shipping is free above a small order value.`],
  ['setup', (f) => `${f.family}: first setup`, (f) => `Unbox the ${f.family} ${f.kind} and open the Evalhome app. Tap Add device and follow the steps. Setup takes a few minutes on a good network.`],
  ['troubleshooting', (f) => `${f.family}: it will not connect`, (f) => `Move the ${f.family} ${f.kind} closer to the router and restart both. Check that the network name and password are right. Firmware updates and factory resets are covered in the model articles.`],
]

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}

const articles = []
/** Per topic and model: the article id and the answer it states. */
const facts = []
let nextId = 1
const articleId = () => `kb-${String(nextId++).padStart(3, '0')}`
for (const f of FAMILIES) {
  const familyAnswers = new Map(TOPICS.filter((t) => t.familyWide).map((t) => [t.topic, t.answer()]))
  f.models.forEach((model, index) => {
    const m = { ...f, model, feature: FEATURES[(FAMILIES.indexOf(f) * 3 + index) % FEATURES.length] }
    for (const topic of TOPICS) {
      const answer = topic.familyWide ? familyAnswers.get(topic.topic) : topic.answer()
      const fillers = shuffle(FILLERS.slice()).slice(0, 2 + Math.floor(random() * 2)).map((fill) => fill(m))
      const at = Math.floor(random() * (fillers.length + 1))
      const sentences = [...fillers.slice(0, at), topic.fact(m, answer), ...fillers.slice(at)]
      const id = articleId()
      articles.push({ id, title: topic.title(m), family: f.family, topic: topic.topic, keywords: topic.keywords, body: sentences.join(' ') })
      facts.push({ id, m, topic, answer })
    }
  })
  for (const [topic, title, body] of EXTRA_ARTICLES) {
    articles.push({ id: articleId(), title: title(f), family: f.family, topic, keywords: topic, body: body(f) })
  }
}

/** A typo: two neighbouring letters of one longer word swapped. */
function withTypo(text) {
  const words = text.split(' ')
  const candidates = words.map((w, i) => [w, i]).filter(([w]) => /^[a-z]{6,}$/.test(w))
  if (candidates.length === 0) return text
  const [word, i] = pick(candidates)
  const at = 1 + Math.floor(random() * (word.length - 3))
  words[i] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
  return words.join(' ')
}

const questions = []
for (let n = 0; n < QUESTION_COUNT; n++) {
  const fact = pick(facts)
  const style = pick(['plain', 'paraphrase', 'paraphrase', 'noisy'])
  let question = fact.topic.questions[style === 'plain' ? 'plain' : 'paraphrase'](fact.m)
  if (style === 'noisy') {
    question = withTypo(question.toLowerCase())
    if (chance(0.5)) question = question.replace(/\?$/, '')
  }
  const relevant = fact.topic.familyWide
    ? facts.filter((other) => other.topic === fact.topic && other.m.family === fact.m.family).map((other) => other.id)
    : [fact.id]
  questions.push({
    id: `q-${String(n + 1).padStart(3, '0')}`,
    question,
    answer: fact.answer,
    answers: [fact.answer, ...fact.topic.alternatives(fact.answer).filter((alt) => alt !== fact.answer)],
    relevant_doc_ids: relevant,
    family: fact.m.family,
    topic: fact.topic.topic,
    style,
  })
}

const toJsonLines = (records) => records.map((record) => JSON.stringify(record)).join('\n') + '\n'
const outputs = {
  'articles.jsonl': toJsonLines(articles),
  'questions.jsonl': toJsonLines(questions),
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
      console.error(`${name} is out of date: run node examples/help-center-qa/generate-data.mjs`)
      stale = true
    }
  } else {
    writeFileSync(`${path}.tmp`, content)
    renameSync(`${path}.tmp`, path)
    console.log(`wrote ${path} (${content.split('\n').length - 1} lines)`)
  }
}
if (stale) process.exit(1)
