/**
 * Text for Markdown that GitHub renders (a pull-request comment, a job summary) in which an
 * `@name` or `@org/team` from the data notifies no one: each `@` is followed by a zero-width space,
 * written as the entity `&#8203;`, as Renovate neutralises mentions in the text it posts. The page
 * still reads `@octocat`. Apply it to data strings after their Markdown escaping (which would
 * escape the entity's `&`), never to evalgate's own text.
 *
 * @example withoutMentions('ping @octocat') // 'ping @&#8203;octocat'
 */
export function withoutMentions(text: string): string {
  return text.replace(/@/g, '@&#8203;')
}
