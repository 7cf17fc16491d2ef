import { createRequire } from 'node:module'
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite'

/**
 * The cl100k_base encoder and its pre-tokenizer, built on first use. Its ranks (1 MB of base64
 * inside js-tiktoken: no download) are required here, not imported at the top, so that importing
 * the engine or the text kernels does not parse them: only computing `token_count` does.
 */
let encoder: { tiktoken: Tiktoken; pieces: RegExp } | undefined

/** Module id of the ranks, for {@link cl100kRanksLoaded}. */
const RANKS_MODULE = 'js-tiktoken/ranks/cl100k_base'

function cl100k(): { tiktoken: Tiktoken; pieces: RegExp } {
  if (encoder === undefined) {
    const ranks = createRequire(import.meta.url)(RANKS_MODULE) as TiktokenBPE
    // cl100k_base's pre-tokenizer: the text is cut into pieces and each piece is encoded alone
    encoder = { tiktoken: new Tiktoken(ranks), pieces: new RegExp(ranks.pat_str, 'gu') }
  }
  return encoder
}

/**
 * Whether the cl100k_base ranks are loaded in this process (by {@link tokenCount} or anything
 * else that required them): false until a token count is computed.
 *
 * @example
 * cl100kRanksLoaded() // => false right after `import 'evalgate'`
 */
export function cl100kRanksLoaded(): boolean {
  const require = createRequire(import.meta.url)
  return require.resolve(RANKS_MODULE) in require.cache
}

/** Token count of each piece seen (natural text repeats its pieces), bounded. */
const pieceCounts = new Map<string, number>()
const PIECE_CACHE_LIMIT = 200_000

/**
 * Tokens of one piece. Encoding a piece alone cuts it into that same single piece again (every
 * alternative of the pattern but one has no lookahead, and that one, `\s+(?!\S)`, only takes over
 * a lone whitespace piece), so the sum over pieces is the count of the whole text (checked
 * against whole-text encoding in test/metrics/text/token-count.test.ts).
 */
function pieceCount(piece: string): number {
  let count = pieceCounts.get(piece)
  if (count === undefined) {
    count = cl100k().tiktoken.encode(piece, [], []).length
    if (pieceCounts.size >= PIECE_CACHE_LIMIT) pieceCounts.clear()
    pieceCounts.set(piece, count)
  }
  return count
}

/**
 * MLflow's `token_count` of one text: the number of `cl100k_base` tokens (tiktoken's encoding,
 * through js-tiktoken). Text that spells a special token such as `<|endoftext|>` is counted as
 * ordinary text, as tiktoken's `encode_ordinary` does; MLflow's plain `encode` would raise there
 * and stop the run.
 *
 * @param text one text
 * @example
 * tokenCount('hello world')         // => 2
 * tokenCount('hello <|endoftext|>') // => 7 (the special token's text, not token 100257)
 */
export function tokenCount(text: string): number {
  let count = 0
  for (const match of text.matchAll(cl100k().pieces)) count += pieceCount(match[0])
  return count
}

/**
 * The same count by encoding the whole text at once with js-tiktoken (no piece cache): the
 * reference {@link tokenCount} is checked against.
 *
 * @example
 * tokenCountUncached('hello world') // => 2
 */
export function tokenCountUncached(text: string): number {
  return cl100k().tiktoken.encode(text, [], []).length
}

/**
 * {@link tokenCount} per row. A row that is not a string counts as NaN (MLflow records None).
 *
 * @example
 * tokenCounts(['hello world', null]) // => Float64Array [2, NaN]
 */
export function tokenCounts(texts: readonly unknown[]): Float64Array {
  const out = new Float64Array(texts.length)
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]
    out[i] = typeof text === 'string' ? tokenCount(text) : Number.NaN
  }
  return out
}
