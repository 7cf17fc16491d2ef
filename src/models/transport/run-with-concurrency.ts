/**
 * Run tasks with at most `limit` in flight, in order of their index. `shouldContinue` is checked
 * before each task starts, so a fail-fast caller can stop scheduling new work.
 */

/**
 * Call `task(item, index)` for each item, never more than `limit` at once. Resolves when all
 * started tasks have settled; a task's rejection rejects the whole call (after the others settle).
 */
export async function runWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  shouldContinue: () => boolean = () => true,
): Promise<void> {
  let next = 0
  let firstError: { error: unknown } | undefined
  const worker = async (): Promise<void> => {
    while (next < items.length && firstError === undefined && shouldContinue()) {
      const index = next++
      try {
        await task(items[index], index)
      } catch (error) {
        firstError ??= { error }
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  await Promise.all(workers)
  if (firstError !== undefined) throw firstError.error
}
