import type { Article, ArticleRetriever } from './article.js'
import { bestSentence, extractSpan } from './answer-extractor.js'

/** What the pipeline gives for one question: the articles it retrieved and its answer. */
export interface QaAnswer {
  retrieved: string[]
  answer: string
}

/**
 * Retrieve, then read: the `k` best articles for the question, the sentence of the first one
 * that shares the most words with the question, and the span of the question's answer type in
 * that sentence.
 */
export class QaPipeline {
  private readonly byId: Map<string, Article>

  constructor(
    private readonly retriever: ArticleRetriever,
    articles: readonly Article[],
    private readonly k = 3,
  ) {
    this.byId = new Map(articles.map((article) => [article.id, article]))
  }

  /** Answers one question. */
  answer(question: string): QaAnswer {
    const retrieved = this.retriever.search(question, this.k)
    const top = retrieved.length > 0 ? this.byId.get(retrieved[0]) : undefined
    if (top === undefined) return { retrieved, answer: '' }
    return { retrieved, answer: extractSpan(question, bestSentence(question, top.body)) }
  }

  /** Answers many questions, in order. */
  answerAll(questions: readonly string[]): QaAnswer[] {
    return questions.map((question) => this.answer(question))
  }
}
