import MiniSearch from 'minisearch'
import type { Article, ArticleRetriever } from './article.js'
import { STOP_WORDS } from './words.js'

/**
 * The real retriever: a MiniSearch full-text index (BM25+ scoring) over the title, the editors'
 * keywords and the body of each article. The title is boosted (it names the model and the
 * topic in few words), the keywords too (they hold the words customers use), stop
 * words are dropped, a query term also matches longer words it is a prefix of (`charge` finds
 * `charges`) and words one or two edits away (`color` finds `colour`, a typo finds the word).
 *
 * Why MiniSearch: no dependencies, types included, kept up to date, a real ranking function
 * with field boosts, prefix and fuzzy search, and an in-memory index that builds in
 * milliseconds: what a team would pick for a help-centre search without a server.
 */
export class MiniSearchRetriever implements ArticleRetriever {
  private readonly index: MiniSearch<Article>

  constructor(articles: readonly Article[], options: { titleBoost?: number; keywordBoost?: number; fuzzy?: number; prefix?: boolean } = {}) {
    this.index = new MiniSearch<Article>({
      fields: ['title', 'keywords', 'body'],
      storeFields: [],
      processTerm: (term) => {
        const word = term.toLowerCase()
        return STOP_WORDS.has(word) ? null : word
      },
      searchOptions: {
        boost: { title: options.titleBoost ?? 3, keywords: options.keywordBoost ?? 2 },
        prefix: options.prefix ?? true,
        fuzzy: options.fuzzy ?? 0.2,
        combineWith: 'OR',
      },
    })
    this.index.addAll(articles)
  }

  search(question: string, k: number): string[] {
    return this.index.search(question).slice(0, k).map((result) => String(result.id))
  }
}
