/**
 * What the CLI prints from the engine (errors, warnings, notes) names the flags a CLI user
 * passes (`--labels`, `--probabilities`), not evaluate()'s option names; and the text report says
 * when it leaves out a confusion matrix too wide to show.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { inCliWords } from '../../src/cli/cli-words.js'
import { TOXICITY_MISSING_NOTE } from '../../src/model-types/text/toxicity-scorer.js'
import { bufferedCli as cli } from './buffered-cli.js'
import { tempFolder } from '../data/temp-files.js'

const folder = tempFolder('cli-words')
afterAll(() => folder.remove())


describe('inCliWords', () => {
  test("the engine's toxicity note, which asks for an option no flag sets, is the CLI's own sentence", () => {
    expect(inCliWords(TOXICITY_MISSING_NOTE)).toBe(
      'toxicity/v1 left out: evalgate evaluate takes no toxicity scorer (it reads stored outputs only); for toxicity/v1, run evaluate() in a test with `toxicity: (texts) => scores` or a served classifier adapter; evalgate never downloads a model',
    )
  })

  test('backticked option names become flags, with the value shape when the message gives one', () => {
    expect(inCliWords('pass `labels: [...]` naming every class; add it to `labels`')).toBe('pass --labels <l1>,<l2>,... naming every class; add it to --labels')
    expect(inCliWords('use `probabilities: [...]` (one column per label)')).toBe('use --probabilities <col>,<col>,... (one column per label)')
    expect(inCliWords('`posLabel` "x" ignored; fewer than `minSliceSize` (30)')).toBe('--pos-label "x" ignored; fewer than --min-slice-size (30)')
    // Options with no flag, and text that is not an option name, are left alone.
    expect(inCliWords('pass `model: (rows) => predictions` or set `intervals`; labels: a, b')).toBe('pass `model: (rows) => predictions` or set `intervals`; labels: a, b')
  })
})

describe('evalgate evaluate speaks in flags', () => {
  test('a predicted label no target holds: the warning (and the note in the text report) ask for --labels', async () => {
    const file = folder.write('unseen.csv', 'y,p\nneg,neg\npos,pos\npos,maybe\n')
    const { code, stdout, stderr } = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p')
    expect(code).toBe(0)
    expect(stderr).toBe(
      'evalgate: warning: predictions column "p": label "maybe" (1 row, first row 3) never occurs in targets column "y" ("neg", "pos"), so it became a class of its own and every such row counts as wrong; fix the predictions if it is a misspelt label, or pass --labels <l1>,<l2>,... naming every class to accept it\n',
    )
    expect(stdout).toContain('or pass --labels <l1>,<l2>,... naming every class to accept it')
    expect(stdout).not.toContain('labels: [')
  })

  test('a target outside --labels: add it to --labels', async () => {
    const file = folder.write('outside.csv', 'y,p\nneg,neg\npos,pos\nother,pos\n')
    const { code, stderr } = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p', '--labels', 'neg,pos')
    expect(code).toBe(1)
    expect(stderr).toBe('evalgate: targets column "y": row 3 has label "other", which is not in --labels (neg, pos); add it to --labels or fix the data\n')
  })

  test('--scores with three labels: use --probabilities', async () => {
    const file = folder.write('three.csv', 'y,s\na,0.1\nb,0.7\nc,0.9\n')
    const { code, stderr } = await cli('evaluate', file, '--targets', 'y', '--scores', 's')
    expect(code).toBe(1)
    expect(stderr).toBe(
      'evalgate: --scores column "s" gives the probability of one label, which needs exactly 2 labels, but there are 3 (a, b, c); use --probabilities <col>,<col>,... (one column per label) instead\n',
    )
  })

  test('a slice below --min-slice-size says so in the flag\'s name', async () => {
    const file = folder.write('small-slice.csv', 'y,p,g\na,a,x\nb,b,x\na,b,y\n')
    const { code, stdout } = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p', '--slice', 'g', '--min-slice-size', '2')
    expect(code).toBe(0)
    expect(stdout).toMatch(/g=y\s+1\s+1 examples, fewer than --min-slice-size \(2\): metrics not computed/)
  })
})

describe('the text report above 20 classes', () => {
  test('one line says the confusion matrix is left out and where it is', async () => {
    const labels = Array.from({ length: 21 }, (_, c) => `class${String(c).padStart(2, '0')}`)
    const file = folder.write('wide.csv', `y,p\n${labels.map((l) => `${l},${l}`).join('\n')}\n`)
    const { code, stdout } = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p')
    expect(code).toBe(0)
    expect(stdout).not.toContain('confusion matrix (rows: actual')
    expect(stdout).toContain('\nconfusion matrix not shown: 21 classes are more than the 20 a table here can show; --json prints it (confusionMatrix)\n')
    const narrow = folder.write('narrow.csv', `y,p\n${labels.slice(0, 20).map((l) => `${l},${l}`).join('\n')}\n`)
    expect((await cli('evaluate', narrow, '--targets', 'y', '--predictions', 'p')).stdout).toContain('confusion matrix (rows: actual, columns: predicted)')
  })
})

describe('predicted labels no target holds, many of them (adversarial pass 35)', () => {
  test('more than three: one warning line counting them, with examples, asking whether --predictions is the right column', async () => {
    const rows = ['y,p', ...Array.from({ length: 10 }, () => 'neg,neg'), ...Array.from({ length: 10 }, (_, i) => `pos,label${i}`)]
    const file = folder.write('many-unseen.csv', `${rows.join('\n')}\n`)
    const { code, stdout, stderr } = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p')
    expect(code).toBe(0)
    // The text report lists three notes of a kind, then counts the rest (10 notes per kind were 20 lines).
    expect(stdout).toContain('  - … and 7 more notes like these (--json lists every one)\n')
    expect(stdout.match(/never occurs in targets column/g)).toHaveLength(3)
    expect(stderr).toBe(
      'evalgate: warning: 10 predicted labels (e.g. "label0", "label1", "label2") never occur in targets column "y" ("neg", "pos"), so each became a class of its own and its rows count as wrong: is --predictions the right column? (pass --labels <l1>,<l2>,... naming every class to accept them; --json\'s notes name each label)\n',
    )
  })

  test('no prediction is a target label (free text passed as --predictions): an error, not 300 warnings and a 303-label table', async () => {
    const { code, stdout, stderr } = await cli('evaluate', 'examples/sentiment/feedback.csv', '--targets', 'true_sentiment', '--predictions', 'text')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
    expect(stderr).toMatch(/^evalgate: no prediction in predictions column "text" is a label of targets column "true_sentiment" \("negative", "neutral", "positive"\): its \d+ predicted labels \(e\.g\. "[^"]+", "[^"]+", "[^"]+"\) never occur in the targets, so every row would count as wrong; is --predictions the right column\?/)
  })

  test('with --labels naming the classes, the same column is evaluated', async () => {
    const file = folder.write('all-unseen.csv', 'y,p\nneg,a\npos,b\n')
    expect((await cli('evaluate', file, '--targets', 'y', '--predictions', 'p')).code).toBe(1)
    const declared = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p', '--labels', 'neg,pos,a,b')
    expect(declared.code).toBe(0)
  })
})
