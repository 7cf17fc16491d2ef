#!/usr/bin/env node
/**
 * `evalgate` executable. Exit codes: 0 success, 1 bad input (the data or options contradict each
 * other; one line on stderr naming the problem and the fix), 2 usage error (unknown option,
 * missing argument).
 */
import { runCli } from './run-cli.js'

// `evalgate evaluate … | head`: the reader went away; stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

process.exitCode = await runCli(process.argv)
