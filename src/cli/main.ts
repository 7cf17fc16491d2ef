#!/usr/bin/env node
/**
 * `evalgate` executable. Exit codes: 0 success, 1 bad input (the data or options contradict each
 * other; one line on stderr naming the problem and the fix), 2 usage error (unknown option,
 * missing argument).
 */
import { runCli } from './runCli.js'

process.exitCode = await runCli(process.argv)
