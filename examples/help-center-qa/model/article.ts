/** One help-centre article, as `articles.jsonl` holds it. */
export interface Article {
  id: string
  title: string
  family: string
  topic: string
  /** Search keywords chosen by the help centre's editors (comma-separated). */
  keywords: string
  body: string
}

/** Something that ranks articles for a question: the real retriever and the baseline. */
export interface ArticleRetriever {
  /** Ids of the `k` best articles for `question`, best first. */
  search(question: string, k: number): string[]
}
