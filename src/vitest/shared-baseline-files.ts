/**
 * Baseline files two Vitest projects would share: a test file that runs in two projects (a
 * matrix of model sizes, each project one `env`) keeps its baselines in one file unless each
 * project has its own `baselineDir`. Each project's run would then check the same entries with
 * another model (adversarial pass 25: the large model, 6.5 points worse, passed under CI as
 * "better" against the small model's numbers) and find the other project's entries obsolete.
 *
 * Found in the main process at the start of every run, from each project's test files as Vitest
 * globs them, and provided to the workers, where `toMatchBaseline` in such a file fails with the
 * fix (a `baselineDir` per project) rather than share an entry.
 */
import type { Reporter, TestProject, Vitest } from 'vitest/node'
import { baselinePathFor } from './baseline-files.js'
import { PROVIDE_KEY } from './options.js'

/** The projects the plugin configured, with their root and baseline folder. */
const configured = new Map<TestProject, { root: string; baselineDir: string }>()

/** Records a project the plugin configured (`configureProject`). */
export function registerBaselineProject(project: TestProject, root: string, baselineDir: string): void {
  configured.set(project, { root, baselineDir })
}

/**
 * The baseline files more than one of `projects` would write, each with the projects' names,
 * sorted: `testFiles(project)` lists a project's test files.
 * @example sharedBaselineFiles(new Map([[a, { root: '/p', baselineDir: '__baselines__' }], [b, ...]]), ...) // { '/p/__baselines__/m.test.ts.json': ['a', 'b'] }
 */
export async function sharedBaselineFiles(
  projects: ReadonlyMap<TestProject, { root: string; baselineDir: string }>,
  testFiles: (project: TestProject) => Promise<readonly string[]>,
): Promise<SharedFiles> {
  const byPath = new Map<string, { owners: Set<TestProject>; files: Set<string> }>()
  for (const [project, { root, baselineDir }] of projects) {
    for (const file of await testFiles(project)) {
      const path = baselinePathFor(file, root, baselineDir)
      const at = byPath.get(path) ?? { owners: new Set<TestProject>(), files: new Set<string>() }
      at.owners.add(project)
      at.files.add(file)
      byPath.set(path, at)
    }
  }
  const shared: SharedFiles = { projects: {}, testFiles: {} }
  for (const [path, { owners, files }] of byPath) {
    if (owners.size > 1) shared.projects[path] = [...owners].map((project) => project.name || '(unnamed)').sort()
    if (files.size > 1) shared.testFiles[path] = [...files].sort()
  }
  return shared
}

/**
 * The baseline files more than one project would write (their names), and those more than one
 * test file would write (their paths): one absolute folder for a monorepo's packages mirrors
 * `packages/p1/evals/a.test.ts` and `packages/p2/evals/a.test.ts` alike, each under its project's
 * root (adversarial pass 66: the refusal said one test file ran in both projects).
 */
export interface SharedFiles {
  projects: Record<string, string[]>
  testFiles: Record<string, string[]>
}

/**
 * The plugin's reporter that provides the shared baseline files to every project's workers before
 * each run. Only the projects of this Vitest count: after a config change in watch mode Vitest
 * makes new projects, and the registry still holds the old ones.
 */
export class SharedBaselineFiles implements Reporter {
  private vitest: Vitest | undefined

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  async onTestRunStart(): Promise<void> {
    const current = new Set(this.vitest?.projects ?? configured.keys())
    const projects = new Map([...configured].filter(([project]) => current.has(project)))
    if (projects.size < 2) return
    const shared = await sharedBaselineFiles(projects, async (project) => (await project.globTestFiles()).testFiles)
    for (const project of projects.keys()) {
      const options = project.getProvidedContext()[PROVIDE_KEY]
      if (options) project.provide(PROVIDE_KEY, { ...options, sharedBaselineFiles: shared.projects, sharedBaselineTestFiles: shared.testFiles })
    }
  }
}
