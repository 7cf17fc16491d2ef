// The matcher types reach a user of the npm tarball (test/consumer/packed-install.ts): the
// installed tsc on the consumer project of test/consumer/consumer-projects.ts, once with its
// vitest.config.ts (the types come with evalgate/vitest), once with the test file alone (they
// must come with evalgate's main entry). Both programs are type-checked by one `tsc -b`
// (`tscBuild`), which parses the declarations they share (evalgate's, Vitest's, Node's) once:
// 4.7 s of CPU against 8.2 s for two `tsc -p` processes; each test reads its own program's errors.
import { expect, test } from 'vitest'
import { consumerProject, consumerWorkspace, tscBuild } from './consumer-projects.js'

const workspace = consumerWorkspace('consumer-types')

let build: ReturnType<typeof tscBuild> | undefined
const typecheck = (config: string) => (build ??= tscBuild(consumerProject(workspace.install, workspace.work, 'types'), ['tsconfig.json', 'tsconfig.test-only.json'])).then((result) => result.of(config))

test('the matcher types reach a project whose tsconfig includes vitest.config.ts (via evalgate/vitest)', async () => {
  const result = await typecheck('tsconfig.json')
  expect(result.errors, result.output).toBe('')
}, 300_000)

test('the matcher types reach a test file that only imports evalgate', async () => {
  const result = await typecheck('tsconfig.test-only.json')
  expect(
    result.errors,
    `${result.output}\nThe package's main entry must load the matcher augmentation: src/index.ts needs\n  export type { EvalgateMatchers } from './vitest/matcher-types.js'`,
  ).toBe('')
}, 300_000)
