import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as engine from '../../../src/index.js'
import {
  automatedReadabilityIndices,
  cl100kRanksLoaded,
  cmuDictionaryLoaded,
  enUsHyphenationLoaded,
  fleschKincaidGrade,
  tokenCount,
} from '../../../src/metrics/text/index.js'

// Vitest runs each test file in its own process and module graph, so nothing else has loaded them.
const SRC = fileURLToPath(new URL('../../../src/', import.meta.url))

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  )
}

describe('data files load only when the metric that needs them is computed', () => {
  it('importing the engine and the text kernels loads no tokenizer ranks, dictionary or patterns', () => {
    expect(typeof engine.evaluate).toBe('function')
    expect(cl100kRanksLoaded()).toBe(false)
    expect(cmuDictionaryLoaded()).toBe(false)
    expect(enUsHyphenationLoaded()).toBe(false)
  })

  it('no source file imports the ranks or the dictionary statically (a static import would load them with the engine)', () => {
    const eager = sourceFiles(SRC).filter((file) => /(?:from|import\()\s*['"](?:js-tiktoken\/ranks|cmu-pronouncing-dictionary)/.test(readFileSync(file, 'utf8')))
    expect(eager).toEqual([])
  })

  it('token_count loads the cl100k_base ranks, and only them', () => {
    expect(tokenCount('hello world')).toBe(2)
    expect(cl100kRanksLoaded()).toBe(true)
    expect(cmuDictionaryLoaded()).toBe(false)
  })

  it('ARI reads neither the dictionary nor the patterns (it counts no syllables)', () => {
    expect(automatedReadabilityIndices(['The evalgate plugin gates models.'])[0]).toBeCloseTo(4.71 * (29 / 5) + 0.5 * 5 - 21.43, 12) // 29 non-space code points, 5 tokens, 1 sentence
    expect(cmuDictionaryLoaded()).toBe(false)
    expect(enUsHyphenationLoaded()).toBe(false)
  })

  it('readability reads the dictionary, and the hyphenation patterns only for a word the dictionary lacks', () => {
    expect(fleschKincaidGrade('The cat sat on the mat today.')).toBeCloseTo(0.39 * 7 + 11.8 * (8 / 7) - 15.59, 12)
    expect(cmuDictionaryLoaded()).toBe(true)
    expect(enUsHyphenationLoaded()).toBe(false)
    fleschKincaidGrade('The evalgate plugin gates models.')
    expect(enUsHyphenationLoaded()).toBe(true)
  })
})
