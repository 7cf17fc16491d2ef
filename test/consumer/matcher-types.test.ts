// The matcher types reach a user of the npm tarball (test/consumer/packed-install.ts): `tsc
// --noEmit` on the consumer project of test/consumer/consumer-projects.ts, once with its
// vitest.config.ts (the types come with evalgate/vitest), once with the test file alone (they
// must come with evalgate's main entry).
import { expect, test } from 'vitest'
import { consumerProject, consumerWorkspace, tscIn } from './consumer-projects.js'

const workspace = consumerWorkspace('consumer-types')

test('the matcher types reach a project whose tsconfig includes vitest.config.ts (via evalgate/vitest)', async () => {
  const typecheck = await tscIn(consumerProject(workspace.install, workspace.work, 'types'), 'tsconfig.json')
  expect(typecheck.status, typecheck.output).toBe(0)
}, 300_000)

test('the matcher types reach a test file that only imports evalgate', async () => {
  const typecheck = await tscIn(consumerProject(workspace.install, workspace.work, 'types-test-only'), 'tsconfig.test-only.json')
  expect(
    typecheck.status,
    `${typecheck.output}\nThe package's main entry must load the matcher augmentation: src/index.ts needs\n  export type { EvalgateMatchers } from './vitest/matcher-types.js'`,
  ).toBe(0)
}, 300_000)
