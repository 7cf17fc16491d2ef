/**
 * docs/custom-metrics.md, docs/predictions.md and docs/datasets.md stay true to src/: their member
 * tables list exactly the members the TypeScript interfaces declare (read with the compiler's
 * parser), and every `// example:` block type-checks against the sources and runs, with its own
 * checks, against them.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, test } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const TMP = join(ROOT, 'test/docs/.tmp')
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

const doc = (name: string): string => readFileSync(join(ROOT, 'docs', name), 'utf8')

/** Property and method names of the interfaces `names` declared in `file`. */
function interfaceMembers(file: string, names: string[]): Record<string, string[]> {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true)
  const out: Record<string, string[]> = {}
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && names.includes(node.name.text)) {
      out[node.name.text] = node.members.flatMap((member) => (member.name !== undefined && ts.isIdentifier(member.name) ? [member.name.text] : []))
    }
  })
  expect(Object.keys(out).sort()).toEqual([...names].sort())
  return out
}

/** The `kind` literals of the union type alias `name` in `file`. */
function unionKinds(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true)
  const kinds: string[] = []
  source.forEachChild((node) => {
    if (!ts.isTypeAliasDeclaration(node) || node.name.text !== name || !ts.isUnionTypeNode(node.type)) return
    for (const member of node.type.types) {
      if (!ts.isTypeLiteralNode(member)) continue
      for (const property of member.members) {
        if (property.name !== undefined && ts.isIdentifier(property.name) && property.name.text === 'kind' && ts.isPropertySignature(property) && property.type !== undefined) {
          kinds.push(property.type.getText(source).replace(/'/g, ''))
        }
      }
    }
  })
  return kinds
}

/** First-cell names of the Markdown tables in the section of `markdown` under `heading` (`` `column(name)` `` -> `column`). */
function tableNames(markdown: string, heading: string, until?: string): string[] {
  const start = markdown.indexOf(heading)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  const end = until === undefined ? markdown.length : markdown.indexOf(until, start)
  const names: string[] = []
  for (const line of markdown.slice(start, end).split('\n')) {
    const match = /^\| `'?([A-Za-z]+)'?(?:\([^)]*\))?` \|/.exec(line)
    if (match !== null) names.push(match[1])
  }
  return names
}

describe('member tables match the interfaces', () => {
  test('docs/custom-metrics.md: EvalTable, ClassifierEvalTable, RegressorEvalTable', () => {
    const members = interfaceMembers('src/evaluate/eval-table.ts', ['EvalTableBase', 'ClassifierEvalTable', 'RegressorEvalTable'])
    const markdown = doc('custom-metrics.md')
    const base = tableNames(markdown, 'Every table has:', 'A `ClassifierEvalTable` adds:')
    const classifier = tableNames(markdown, 'A `ClassifierEvalTable` adds:', 'A `RegressorEvalTable` adds:')
    const regressor = tableNames(markdown, 'A `RegressorEvalTable` adds:', '```ts')
    // modelType is declared on each table type; the doc lists it once, with the shared members.
    expect(base.sort()).toEqual([...members.EvalTableBase, 'modelType'].sort())
    expect(classifier.sort()).toEqual(members.ClassifierEvalTable.filter((m) => m !== 'modelType').sort())
    expect(regressor.sort()).toEqual(members.RegressorEvalTable.filter((m) => m !== 'modelType').sort())
  })

  test('docs/datasets.md: Dataset and the kinds of Column', () => {
    const members = interfaceMembers('src/data/types.ts', ['Dataset', 'LoadDatasetOptions'])
    const markdown = doc('datasets.md')
    expect(tableNames(markdown, '## The `Dataset` interface', 'A `Column` is one of:').sort()).toEqual([...members.Dataset].sort())
    expect(tableNames(markdown, 'A `Column` is one of:', '```ts').sort()).toEqual(unionKinds('src/data/types.ts', 'Column').sort())
    expect(members.LoadDatasetOptions).toEqual(['format', 'numbers'])
    expect(markdown).toContain('`loadDataset(path, { format?, numbers? })`')
  })

  test('docs/predictions.md: ProbabilisticPrediction and the served answers’ field names', async () => {
    const members = interfaceMembers('src/models/types.ts', ['ProbabilisticPrediction'])
    expect(members.ProbabilisticPrediction.sort()).toEqual(['label', 'probabilities'])
    const markdown = doc('predictions.md')
    const { DEFAULT_LABEL_FIELDS, DEFAULT_PROBABILITY_FIELDS } = await import('../../src/models/answer-decoding.js')
    expect(markdown).toContain(`label: ${DEFAULT_LABEL_FIELDS.map((f) => `\`${f}\``).join(', ')}`)
    expect(markdown).toContain(`probabilities: ${DEFAULT_PROBABILITY_FIELDS.map((f) => `\`${f}\``).join(', ')}`)
    const { EVALUATE_DEFAULTS } = await import('../../src/evaluate/options.js')
    expect(markdown).toContain(`default ${EVALUATE_DEFAULTS.batchSize})`)
    expect(doc('custom-metrics.md')).toContain(`Above ${EVALUATE_DEFAULTS.customIntervalMaxRows.toLocaleString('en-US')} examples`)
  })
})

/** The `// example:` blocks of the three documents, written as modules importing src/ for 'evalgate'. */
function exampleFiles(): string[] {
  mkdirSync(TMP, { recursive: true })
  const files: string[] = []
  for (const name of ['custom-metrics.md', 'predictions.md', 'datasets.md']) {
    const blocks = [...doc(name).matchAll(/```ts\n(\/\/ example: [^\n]+\n[\s\S]*?)```/g)].map((match) => match[1])
    expect(blocks.length, `${name} has examples`).toBeGreaterThan(0)
    blocks.forEach((code, i) => {
      const file = join(TMP, `${name.replace('.md', '')}-${i + 1}.ts`)
      writeFileSync(file, code.replace(/from 'evalgate'/g, `from '${join(ROOT, 'src/index.js')}'`) + '\nexport {}\n')
      files.push(file)
    })
  }
  return files
}

describe('the examples', () => {
  const files = exampleFiles()

  test('type-check against the sources', () => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      // as a strict team compiles them (adversarial pass 60: table.predictions[i] was TS2532 there)
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      lib: ['lib.es2023.d.ts'],
    }
    const program = ts.createProgram(files, options)
    // The examples' own diagnostics, checked file by file: the same diagnostics getPreEmitDiagnostics
    // gives for these files (the others' were filtered out), without type-checking all of src/.
    const diagnostics = program
      .getSourceFiles()
      .filter((source) => files.includes(resolve(source.fileName)))
      .flatMap((source) => [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)])
    const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' })
    expect(text).toBe('')
  }, 120_000)

  test.each(files.map((file) => [file.slice(TMP.length + 1), file]))('%s runs and its checks hold', async (_name, file) => {
    await expect(import(pathToFileURL(file).href)).resolves.toBeDefined()
  })
})
