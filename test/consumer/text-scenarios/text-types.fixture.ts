// Issue 10's "Done when" as a user's test file: test/consumer/gate.test.ts copies this file into
// a project installed from the npm tarball as text.test.ts, and once more as text-drop.test.ts
// with DROP set to 'retriever' (the retriever returns its second-best document first on every
// query, a real drop that the baseline must catch). A local run writes the baselines;
// text-drop.test.ts then starts from a copy of text.test.ts's baseline file, and a run with
// CI=true passes text.test.ts and fails text-drop.test.ts's retriever. Not a test of this
// repository (its name does not end in .test.ts). EVALGATE_DROP=retriever sets the drop too.
//
// Data are seeded (mulberry32): 200 retrieval queries over 20 documents each, 120 QA rows,
// 60 summaries, 60 replies.
import { expect, test } from 'vitest'
import { evaluate } from 'evalgate'

const DROP = process.env.EVALGATE_DROP ?? ''

/** mulberry32: uniforms in [0, 1) from a seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test('retriever', async () => {
  const uniform = seeded(7)
  const data = Array.from({ length: 200 }, (_, query) => {
    const docs = Array.from({ length: 20 }, (_, d) => `d${d}`)
    for (let i = docs.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1))
      ;[docs[i], docs[j]] = [docs[j], docs[i]]
    }
    // the relevant document is ranked first for 85% of queries, third otherwise
    const ranked = uniform() < 0.85 ? docs.slice(0, 5) : [docs[1], docs[2], docs[0], docs[3], docs[4]]
    const relevant = [docs[0]]
    const served = DROP === 'retriever' ? [ranked[1], ranked[0], ...ranked.slice(2)] : ranked
    return { query: `q${query}`, relevant: JSON.stringify(relevant), retrieved: JSON.stringify(served) }
  })
  const run = await evaluate({ data, targets: 'relevant', predictions: 'retrieved', modelType: 'retriever' })
  expect(run).toMatchBaseline()
})

test('question-answering', async () => {
  const uniform = seeded(11)
  const cities = ['Paris', 'Berlin', 'Rome', 'Madrid', 'Lisbon', 'Vienna']
  const data = Array.from({ length: 120 }, (_, row) => {
    const answer = cities[row % cities.length]
    const output = uniform() < 0.8 ? answer : cities[(row + 1) % cities.length]
    return { question: `capital ${row}?`, answer, output }
  })
  const run = await evaluate({ data, targets: 'answer', predictions: 'output', modelType: 'question-answering' })
  expect(run).toMatchBaseline()
})

test('text-summarization', async () => {
  const uniform = seeded(13)
  const words = ['model', 'data', 'test', 'gate', 'metric', 'slice', 'report', 'baseline']
  const data = Array.from({ length: 60 }, (_, row) => {
    const reference = Array.from({ length: 8 }, (_, w) => words[(row + w * 3) % words.length]).join(' ')
    const summary = reference.split(' ').filter(() => uniform() < 0.7).join(' ') || 'model'
    return { doc: `doc ${row}`, reference, summary }
  })
  const run = await evaluate({ data, targets: 'reference', predictions: 'summary', modelType: 'text-summarization' })
  expect(run).toMatchBaseline()
})

test('text', async () => {
  const uniform = seeded(17)
  const data = Array.from({ length: 60 }, (_, row) => ({ prompt: `prompt ${row}`, reply: uniform() < 0.9 ? `a kind reply ${row}` : `an awful reply ${row}` }))
  const toxicity = (texts: string[]): number[] => texts.map((text) => (text.includes('awful') ? 0.9 : 0.05))
  const run = await evaluate({ data, targets: 'prompt', predictions: 'reply', modelType: 'text', toxicity } as Parameters<typeof evaluate>[0])
  expect(run).toMatchBaseline()
})
