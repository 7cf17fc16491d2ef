import { readFile } from 'node:fs/promises'
import type { Article } from './model/article.js'

/** Reads `articles.jsonl` (the corpus the retrievers index). */
export async function readArticles(): Promise<Article[]> {
  const text = await readFile(new URL('./articles.jsonl', import.meta.url), 'utf8')
  return text.split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as Article)
}
