import { Command, Option } from 'commander'
import { collectSlice, parseCount, parseLevel, parseNameList, parseThreshold } from './list-option.js'
import { CLI_MODEL_TYPES } from './model-type-options.js'
import type { CommandOutput, EvaluateCommandOptions } from './evaluate-command.js'
import { registerHistoryCommand } from './history-command.js'
import { registerCompareCommand } from './compare-command.js'

/** The version printed by `evalgate --version`. */
export const CLI_VERSION = '0.1.0'

/**
 * The `evalgate` command line, built with commander. Errors are thrown (exitOverride) so
 * `main.ts` decides the exit code: 2 for usage errors, 1 for bad input.
 */
export function createProgram(output: CommandOutput): Command {
  const program = new Command()
  program
    .name('evalgate')
    .description('Evaluate stored model predictions with scikit-learn-exact metrics, intervals and slices.')
    .version(CLI_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.stdout(text),
      writeErr: (text) => output.stderr(text),
    })

  program
    .command('evaluate')
    .description('evaluate the predictions stored in a CSV, JSON Lines, JSON or Parquet file')
    .argument('<file>', 'data file: .csv, .jsonl/.ndjson, .json or .parquet')
    .option('--targets <column>', 'column holding the true label (classifier), value (regressor), gold answer or JSON array of answers (question-answering), reference summary (text-summarization) or JSON array of relevant document ids (retriever); not needed for text')
    .option('--predictions <column>', 'column holding the predicted label or value (classifiers: default derived from --probabilities or --scores), the answer, summary or text, or the JSON array of retrieved document ids (retriever)')
    .option('--scores <column>', 'binary classifiers: column holding the probability of the positive label')
    .option('--probabilities <columns>', 'columns holding the probability of each label, in --labels order (a,b,c); without --predictions the most probable label is predicted', parseNameList)
    .option('--threshold <score>', 'with --scores and no --predictions: a score >= this predicts the positive label (default: 0.5)', parseThreshold)
    .option('--labels <labels>', 'label order (a,b,c; a \\ before a comma keeps it in a label; or a JSON array such as [" a","b"] for labels with surrounding spaces); default: sorted labels found in the data', parseNameList)
    .option('--pos-label <label>', 'binary classifiers: the positive label; default: the last label in sorted order (as MLflow), whatever the order of --labels')
    .addOption(new Option('--average <kind>', 'multiclass averaging of precision, recall and F1 (default: weighted)').choices(['weighted', 'macro', 'micro']))
    .addOption(new Option('--model-type <type>', 'model type (default: classifier; numeric targets or predictions with non-integer values, or more than 20 distinct values, stop with an error asking for regressor, or classifier for class ids; text-classification is the classifier)').choices(CLI_MODEL_TYPES))
    .option('--k <n>', 'retriever: score the first n retrieved documents (precision_at_k, recall_at_k, ndcg_at_k; default: 3)', parseCount)
    .option('--slice <columns>', 'slice by a column, or by a cross of columns (a,b); repeatable', collectSlice)
    .option('--min-slice-size <n>', 'slices smaller than this report only their size', parseCount)
    .option('--level <level>', 'interval level (default: 0.95)', parseLevel)
    .option('--seed <n>', 'seed of the interval resampling (default: 0)', parseCount)
    .option('--json', 'print exactly one EvalRun JSON document on stdout')
    .action(async (file: string, options: EvaluateCommandOptions) => {
      // Loaded on use: the engine, the readers and the tokenizer cost nothing to `--help`,
      // `--version` or another command.
      const { runEvaluateCommand } = await import('./evaluate-command.js')
      await runEvaluateCommand(file, options, output)
    })
  program.commands[0].addHelpText(
    'after',
    `
List columns (retriever ids; several gold answers): a JSON array in JSON Lines or JSON
({"retrieved": ["doc-1", "doc-7"]}), or, in a CSV, a cell holding a JSON array ("[""doc-1"",""doc-7""]").
Ids keep their type: 1 and "1" are different documents.

Examples:
  evalgate evaluate answers.jsonl --model-type question-answering --targets answer --predictions output
  evalgate evaluate summaries.csv --model-type text-summarization --targets reference --predictions summary
  evalgate evaluate outputs.jsonl --model-type text --predictions output
  evalgate evaluate search.jsonl --model-type retriever --targets relevant --predictions retrieved --k 5
`,
  )
  registerHistoryCommand(program, output)
  registerCompareCommand(program, output)
  return program
}
