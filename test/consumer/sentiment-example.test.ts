// The sentiment example (its config, test, model and committed baseline) copied into a project
// made from the npm tarball (test/consumer/packed-install.ts) and run under CI, with the
// reporter's outputs checked; and the installed package itself checked ready to publish.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { consumerWorkspace, vitestIn } from './consumer-projects.js'
import { projectUsing, REPO_ROOT } from './packed-install.js'

const workspace = consumerWorkspace('consumer-example')

test('the sentiment example (config, test, model, committed baseline) runs green against the installed package', async () => {
  const project = projectUsing(workspace.install, workspace.work, 'example')
  const example = join(REPO_ROOT, 'examples/sentiment')
  const exampleTests = existsSync(example) ? readdirSync(example).filter((name) => name.endsWith('.test.ts')) : []
  expect(exampleTests.length, 'examples/sentiment has a test file').toBeGreaterThan(0)
  // The sentiment example and the examples' config only: the other examples need packages
  // (minisearch) this project does not install, and the config picks up whatever is copied.
  cpSync(example, join(project, 'examples', 'sentiment'), { recursive: true })
  cpSync(join(REPO_ROOT, 'examples', 'vitest.config.ts'), join(project, 'examples', 'vitest.config.ts'))
  // Under CI: the committed baseline is compared, nothing is written.
  // --hookTimeout: the example trains its classifier in a beforeAll, which can pass Vitest's 10 s default beside other processes
  const exampleRun = await vitestIn(project, ['--config', 'examples/vitest.config.ts', '--hookTimeout=120000'], true)
  expect(exampleRun.status, exampleRun.output).toBe(0)
  expect(exampleRun.output).toMatch(/Tests\s+\d+ passed/)

  // The reporter's outputs for the example suite: the folder, the HTML, the JUnit, the summary.
  const results = join(project, 'eval-results')
  const html = readFileSync(join(results, 'index.html'), 'utf8')
  expect(html).toContain('technical_support')
  expect(html).toContain('<svg')
  const junit = readFileSync(join(results, 'junit.xml'), 'utf8')
  expect(junit).toMatch(/<property name="[^"]*accuracy_score[^"]*" value="0\.\d+"/)
  expect(junit).toContain('toHaveSliceF1')
  const summary = readFileSync(join(results, 'summary.md'), 'utf8')
  expect(summary).toContain('f1\\_score') // Markdown-escaped
  expect(summary).toContain('category=technical\\_support')
  const runFolders = readdirSync(results, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
  expect(runFolders).toHaveLength(2)
  for (const folder of runFolders) {
    const files = readdirSync(join(results, folder))
    expect(files).toEqual(expect.arrayContaining(['run.json', 'metrics.csv', 'per_class_metrics.csv', 'slices.csv', 'confusion_matrix.svg', 'roc_curve.svg', 'misclassified.csv']))
  }
}, 600_000)

test('the package is ready to publish: MIT LICENSE, and every source a shipped source map names is shipped', () => {
  const installed = join(workspace.install, 'node_modules/evalgate')
  expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n[\s\S]*Permission is hereby granted, free of charge/)
  expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).license).toBe('MIT')
  const maps = (readdirSync(join(installed, 'dist'), { recursive: true }) as string[]).filter((file) => file.endsWith('.map'))
  expect(maps.length).toBeGreaterThan(100)
  const missing: string[] = []
  for (const map of maps) {
    const { sources } = JSON.parse(readFileSync(join(installed, 'dist', map), 'utf8')) as { sources: string[] }
    for (const source of sources) {
      const path = resolve(dirname(join(installed, 'dist', map)), source)
      if (!path.startsWith(join(installed, 'src')) || !existsSync(path)) missing.push(`${map} -> ${source}`)
    }
  }
  expect(missing).toEqual([])
  expect(existsSync(join(installed, 'src/vitest/plugin.ts'))).toBe(true)
})

