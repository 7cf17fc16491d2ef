/**
 * Runs the `evalgate` command line and turns every outcome into an exit code: 0 success, 1 bad
 * input (one line on stderr naming the problem and the fix, no stack), 2 usage error.
 */
import { CommanderError } from 'commander'
import { EvalgateError } from '../errors.js'
import { inCliWords } from './cli-words.js'
import { escapeControlCharacters } from './escape-control.js'
import { createProgram } from './program.js'
import { UsageError } from './usage-error.js'
import type { CommandOutput } from './evaluate-command.js'

const processOutput: CommandOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}

/**
 * Runs the command line `argv` (as `process.argv`); resolves to the exit code. Everything it
 * prints (tables, JSON, warnings, errors, commander's messages) has its control characters
 * escaped, so data cannot drive the terminal.
 */
export async function runCli(argv: readonly string[], rawOutput: CommandOutput = processOutput): Promise<number> {
  const output: CommandOutput = {
    stdout: (text) => rawOutput.stdout(escapeControlCharacters(text)),
    stderr: (text) => rawOutput.stderr(escapeControlCharacters(text)),
  }
  // Anything a library logs must not corrupt the one JSON document on stdout.
  const restoreConsole = routeConsoleToStderr(output)
  try {
    await createProgram(output).parseAsync([...argv])
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its one-line message (or the help / version text).
      return error.exitCode === 0 ? 0 : 2
    }
    if (error instanceof UsageError) {
      output.stderr(`error: ${error.message}\n`)
      return 2
    }
    if (error instanceof EvalgateError) {
      // The engine's message names evaluate()'s options; the CLI user passes flags.
      output.stderr(`evalgate: ${oneLine(inCliWords(error.message))}\n`)
      return 1
    }
    const message = error instanceof Error ? error.message : String(error)
    output.stderr(`evalgate: unexpected error: ${oneLine(message)}\n`)
    if (process.env.EVALGATE_DEBUG && error instanceof Error && error.stack) output.stderr(`${error.stack}\n`)
    return 1
  } finally {
    restoreConsole()
    if (process.env.EVALGATE_REPORT_RSS) {
      output.stderr(`evalgate: peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`)
    }
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}

function routeConsoleToStderr(output: CommandOutput): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug }
  const toStderr = (...args: unknown[]): void => output.stderr(`${args.map(String).join(' ')}\n`)
  console.log = toStderr
  console.info = toStderr
  console.debug = toStderr
  return () => Object.assign(console, saved)
}

