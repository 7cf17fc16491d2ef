import type { Article, ArticleRetriever } from './article.js'
import { words } from './words.js'

/**
 * The baseline retriever: ranks articles by how many distinct words of the question their
 * body holds (titles not indexed, no term weighting, stop words count like any word, exact
 * words only); ties go to the earlier article. What a first prototype does before anyone
 * installs a search library.
 */
export class TermOverlapRetriever implements ArticleRetriever {
  private readonly bodies: Array<{ id: string; words: Set<string> }>

  constructor(articles: readonly Article[]) {
    this.bodies = articles.map((article) => ({ id: article.id, words: new Set(words(article.body)) }))
  }

  search(question: string, k: number): string[] {
    const asked = new Set(words(question))
    const scored = this.bodies.map((body, order) => {
      let overlap = 0
      for (const word of asked) if (body.words.has(word)) overlap++
      return { id: body.id, overlap, order }
    })
    scored.sort((a, b) => b.overlap - a.overlap || a.order - b.order)
    return scored.slice(0, k).map((entry) => entry.id)
  }
}
